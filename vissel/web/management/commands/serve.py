import os

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from gunicorn import util
from gunicorn.app.base import BaseApplication

from vissel.crypto import kek
from vissel.web.slow_clients import DEFAULT_THREADS, Limits, upload_slots_from_environ


class VisselServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # By name, as gunicorn and WSGI_APPLICATION name it: vissel.wsgi is the entry
        # point above vissel.web, which does not import it (no import circle).
        return util.import_app("vissel.wsgi:application")


class Command(BaseCommand):
    help = "Serve Vissel with gunicorn: no access log, no client address in any log line."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("VISSEL_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("VISSEL_THREADS", str(DEFAULT_THREADS))),
        )

    def handle(self, *args, host, port, workers, threads, **options):
        # The worker processes read these from the environment (vissel.wsgi and
        # vissel.web.gunicorn_worker); check them here, before anything starts.
        os.environ["VISSEL_THREADS"] = str(threads)
        try:
            Limits.from_environ()
            upload_slots_from_environ()
            kek.load()  # no staff member could log in without it: refuse to start
        except (ImproperlyConfigured, kek.KekMissing) as problem:
            raise CommandError(str(problem)) from None
        call_command(
            "check",
            deploy=os.environ.get("VISSEL_ENV") == "production",
            fail_level="WARNING" if os.environ.get("VISSEL_ENV") == "production" else "ERROR",
        )
        # Static files are collected where WhiteNoise serves them, compressed.
        call_command("collectstatic", interactive=False, verbosity=0)
        VisselServer(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                # gthread, with headers read in the event loop and deadlines on every
                # read of a request (VISSEL_HEADER_TIMEOUT, VISSEL_BODY_*): a slow
                # client cannot hold a thread. See docs/deployment.md.
                "worker_class": "vissel.web.gunicorn_worker.SlowClientProofWorker",
                "threads": threads,
                # A slow upload over Tor is one long request; the gthread worker's
                # heartbeat does not depend on it, so this only bounds a stuck worker.
                "timeout": 120,
                "graceful_timeout": 30,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "logger_class": "vissel.web.gunicorn_logging.AddressFreeLogger",
                "capture_output": False,
                "forwarded_allow_ips": os.environ.get("VISSEL_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            }
        ).run()
