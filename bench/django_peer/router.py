class BenchRouter:
    """The peer's models read the benchmark database; everything of Django's own stays in "default"."""

    def db_for_read(self, model, **hints):
        return "bench" if model._meta.app_label == "peer" else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        return db == "default" and app_label != "peer"
