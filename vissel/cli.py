"""The `vissel` command: Django's management commands under friendlier names.

vissel serve                 the production WSGI server (gunicorn), no access log
vissel create-organisation   a new organisation with the seed's categories
                             (--recovery-key prints a recovery key, once)
vissel create-staff          invite a staff member: prints their one-time link
vissel create-demo           Östersunds kommun with demo staff (idempotent)
vissel demo-code USER        the current authenticator code of a demo account
vissel tick                  every few minutes: reminders, e-mails, clean-up
vissel audit-verify          check the audit trail's hash chain
vissel recover-access ORG CASE USER
                             give a case back with the recovery key (on stdin)
vissel <anything else>       passed to Django (migrate, check, ...)
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vissel.settings")
    if len(argv) > 1 and argv[1] in ("-h", "--help", "help") and len(argv) == 2:
        print(__doc__)
        return
    if len(argv) > 1:
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
