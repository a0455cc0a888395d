"""Recurring jobs: (cron expression in UTC, task path). Daily jobs scan a window and are idempotent, since
a missed run is not caught up by the scheduler."""

SCHEDULE = [
    ("15 17 * * *", "app.seekers.services.expire_cards"),  # 00:15 WIB
    ("30 17 * * *", "app.seekers.reminders.send_ak1_reminders"),  # 00:30 WIB, after expiry
    ("45 17 * * *", "app.contracts.reminders.send_pkwt_reminders"),  # 00:45 WIB
    ("50 17 * * *", "app.foreign_workers.reminders.send_tka_reminders"),  # 00:50 WIB
    ("20 17 * * *", "app.vacancies.vacancies.expire_vacancies"),  # 00:20 WIB: yesterday's last valid day ended
    ("0 23 * * *", "app.vacancies.matching.send_match_digests"),  # 06:00 WIB: new matching vacancies, daily
    ("0 19 * * *", "app.audit.tasks.verify_audit_chain"),  # 02:00 WIB
    ("5 * * * *", "app.audit.tasks.checkpoint_audit_chain"),  # hourly signed head of the audit chain
    ("*/10 * * * *", "app.core.notifications.send_pending_emails"),  # retry e-mails that failed
    ("0 18 L * *", "app.reporting.archive.generate_scheduled"),  # 01:00 WIB on the 1st: last month's reports
]
