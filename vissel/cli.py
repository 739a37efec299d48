"""The `vissel` command: Django's management commands under friendlier names.

vissel serve                 the production WSGI server (gunicorn), no access log
vissel create-organisation   a new organisation with the seed's categories
                             (--recovery-key prints a recovery key, once)
vissel create-staff          invite a staff member: prints their one-time link
vissel create-demo           Östersunds kommun with demo staff (idempotent)
vissel demo-code USER        the current authenticator code of a demo account
vissel tick                  every few minutes: reminders, e-mails, clean-up, and
                             after midnight the day's reporter events and files
vissel audit-verify          check the audit trail's hash chain
                             (--anchors FILE: and the heads kept outside the database)
vissel audit-anchor          print the chain's head, to keep outside the database
vissel create-kek            the server's key-encryption key (once, at set-up)
vissel rotate-kek            a new key-encryption key; every staff key moves under it
vissel recover-access ORG CASE USER
                             give a case back with the recovery key (on stdin)
vissel <anything else>       passed to Django (migrate, check, ...)
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    # Whatever Vissel creates (the SQLite database and its journal, the key files, the
    # encrypted files, the collected static files) is its owner's alone.
    os.umask(0o077)
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
