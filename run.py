"""`python run.py`: prepare the database and serve d'naker DIGI on http://127.0.0.1:8080 (PORT changes it).

Without REDIS_URL, background jobs run in-process. For production use gunicorn, rq workers and one rq cron
process (see README)."""
import logging
import os

from app import create_app
from app.security.headers import AnonymousRequestHandler
from app.setup import initialize


def main():
    logging.basicConfig(level=logging.INFO)
    # The development server speaks plain HTTP, where browsers drop Secure cookies; production sets HTTPS.
    overrides = {} if "SESSION_COOKIE_SECURE" in os.environ else {"SESSION_COOKIE_SECURE": False}
    app = create_app(overrides)
    with app.app_context():
        initialize(demo=os.environ.get("DEMO_DATA", "1") != "0")
    from app.tasks import start_local_scheduler

    start_local_scheduler(app)
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8080")), debug=False,
            request_handler=AnonymousRequestHandler)


if __name__ == "__main__":
    main()
