"""The Django admin peer as one sync worker driven by bench/lists.py: it reads one path a line on stdin, serves it
in this process through Django's whole stack (as a logged-in superuser) and answers a JSON line: status, server
milliseconds, SQL statements. Run by lists.py with the interpreter of the Django venv (bench/README.md)."""
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_peer.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.filter(username="bench").first() or get_user_model().objects.create_superuser(
        "bench", "bench@example.org", "bench")
    client = Client()
    client.force_login(user)
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    for alias in connections:
        connections[alias].execute_wrappers.append(count)  # for the life of the process
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        statements.clear()
        began = time.perf_counter()
        response = client.get(line.strip())
        ms = (time.perf_counter() - began) * 1000
        print(json.dumps({"status": response.status_code, "ms": ms, "statements": len(statements)}), flush=True)


if __name__ == "__main__":
    main()
