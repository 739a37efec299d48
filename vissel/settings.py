"""Settings for Vissel, read from the environment.

VISSEL_ENV=production turns on everything `check --deploy` asks for. Development never
runs with DEBUG unless VISSEL_DEBUG=1 is set, because Django's debug pages show POST data.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("VISSEL_DATA_DIR", BASE_DIR / "var")).resolve()
# The data folder holds the database (SQLite), the encrypted files and the keys of the
# server: its owner alone may enter it.
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
if DATA_DIR.stat().st_mode & 0o077 and DATA_DIR.stat().st_uid == os.getuid():
    DATA_DIR.chmod(0o700)  # made by hand, more open: closed to everyone else
ENVIRONMENT = os.environ.get("VISSEL_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = os.environ.get("VISSEL_DEBUG") == "1" and not PRODUCTION


def _secret_key() -> str:
    if key := os.environ.get("VISSEL_SECRET_KEY"):
        return key
    # Generated once per data directory, readable by its owner only.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("VISSEL_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("VISSEL_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "django_scopes",
    "vissel.web",
    "vissel.audit",
    "vissel.organisations",
    "vissel.staff",
    "vissel.cases",
    "vissel.evidence",
    "vissel.records",
    "vissel.presentation",
    "vissel.reports",
]

MIDDLEWARE = [
    # First: the client's address is gone before anything else can see it.
    "vissel.web.middleware.ForgetClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vissel.web.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "vissel.web.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vissel.organisations.middleware.OrganisationLanguageMiddleware",
    "vissel.reports.middleware.OnionLocationMiddleware",
    "vissel.evidence.middleware.DiscardIncomingUploadsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vissel.web.csrf.RestoreSameOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vissel.organisations.scoping.OrganisationScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vissel.urls"
WSGI_APPLICATION = "vissel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "vissel.organisations.context.organisation",
            ],
        },
    },
]
# Django's widget templates, with the common controls drawn in Python: the same HTML at a
# fraction of the cost (the report form has some thirty controls).
FORM_RENDERER = "vissel.presentation.renderer.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'vissel.sqlite3'}", conn_max_age=60
    )
}
# A kept connection is checked before a request uses it: after the database restarts,
# requests get a new connection instead of failing on the dead one.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    # What is deleted or overwritten (an erased case's ciphertext and wrapped keys) is
    # overwritten with zeros in the file, not left in free pages.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA secure_delete = ON;"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff passwords are verified by unwrapping the person's private key (KEK and Argon2id,
# vissel.organisations.people.login); Django keeps no hash of them. This hasher is only
# for Django's own machinery.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "vissel.organisations.people.passwords.BreachedPasswordValidator"},
]

# Sessions: the server-side record is encrypted with a key derived from the cookie, and
# stored under a hash of it. Without the browser's cookie the row is unreadable and
# cannot be tied to a case.
SESSION_ENGINE = "vissel.web.sessions"
SESSION_COOKIE_NAME = "vissel_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Slow connections (Tor) upload slowly: a draft report lives two hours. A reporter who
# is logged in to a case, and a staff member, are logged out after 30 idle minutes; the
# cookie itself ends with the browser (vissel.web.sessions.keep_alive).
SESSION_COOKIE_AGE = 2 * 60 * 60
VISSEL_REPORTER_IDLE_SECONDS = 30 * 60
VISSEL_STAFF_IDLE_SECONDS = 30 * 60
LOGIN_URL = "/staff/login/"

CSRF_COOKIE_AGE = None
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "vissel.web.views.csrf_failure"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "vissel_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LOCALE_PATHS = [BASE_DIR / "vissel" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

# Django's file storage (collectstatic) would chmod what it writes to 0644.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

VISSEL_FILES_DIR = Path(os.environ.get("VISSEL_FILES_DIR", DATA_DIR / "files")).resolve()
# Where encrypted files are kept: "local" (VISSEL_FILES_DIR) or "s3" (any S3-compatible
# store; credentials as boto3 reads them, e.g. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
VISSEL_FILE_STORE = os.environ.get("VISSEL_FILE_STORE", "local")
VISSEL_S3_BUCKET = os.environ.get("VISSEL_S3_BUCKET", "")
VISSEL_S3_PREFIX = os.environ.get("VISSEL_S3_PREFIX", "")
VISSEL_S3_ENDPOINT_URL = os.environ.get("VISSEL_S3_ENDPOINT_URL", "")
VISSEL_KDF_PROFILE = os.environ.get("VISSEL_KDF_PROFILE", "production")
# Argon2id derivations one process runs at once; more wait or are told "busy".
VISSEL_KDF_CONCURRENCY = int(os.environ.get("VISSEL_KDF_CONCURRENCY", "1"))
# A half-written or half-received file untouched this long was cut off; the tick removes it.
VISSEL_PART_IDLE_SECONDS = int(os.environ.get("VISSEL_PART_IDLE_SECONDS", "3600"))
# The server's key-encryption key: never in the database (vissel.crypto.kek). In
# production, keep it on another disk than the database, or inject VISSEL_KEK.
VISSEL_KEK_FILE = Path(os.environ.get("VISSEL_KEK_FILE", DATA_DIR / "key-encryption-key"))
VISSEL_MAX_FILE_MB = int(os.environ.get("VISSEL_MAX_FILE_MB", "100"))
VISSEL_MAX_TOTAL_MB = int(os.environ.get("VISSEL_MAX_TOTAL_MB", "500"))
VISSEL_MAX_FILES = int(os.environ.get("VISSEL_MAX_FILES", "20"))
# Images, PDFs and office documents are cleaned in memory; above this they are kept as
# they are and the reporter is told so.
VISSEL_CLEAN_MAX_MB = int(os.environ.get("VISSEL_CLEAN_MAX_MB", "200"))

# Uploads never touch the disk in plaintext: they are encrypted as they arrive.
FILE_UPLOAD_HANDLERS = ["vissel.evidence.uploads.EncryptingUploadHandler"]
# Our own handler enforces the per-organisation limits with a clear message; this is
# only the outer bound beyond which Django answers 400.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        # Recordings: the disguised one from the server, and the reporter's own before
        # it is sent (a blob: address made by recorder.js, never leaving the browser).
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("VISSEL_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if os.environ.get("VISSEL_BEHIND_TLS_PROXY") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get(
    "VISSEL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("VISSEL_FROM_EMAIL", "vissel@localhost")
EMAIL_HOST = os.environ.get("VISSEL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("VISSEL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("VISSEL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("VISSEL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("VISSEL_EMAIL_TLS") == "1"
EMAIL_TIMEOUT = 30
# The address staff reach Vissel at, for the links in their notifications.
VISSEL_BASE_URL = os.environ.get("VISSEL_BASE_URL", "http://127.0.0.1:8000")
ADMINS = []  # error e-mails would carry the request; there are none

LOGGING_CONFIG = "logging.config.dictConfig"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_addresses": {"()": "vissel.web.logging.AddressScrubFilter"}},
    "formatters": {"content_free": {"()": "vissel.web.logging.ContentFreeFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_addresses"],
            "formatter": "content_free",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Replace Django's defaults, whose mail handler would send the request.
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "vissel": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
