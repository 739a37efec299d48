"""`check --deploy` is clean with production settings."""

import os
import subprocess
import sys


def _check_deploy(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vissel.cli", "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        **os.environ,
        "VISSEL_ENV": "production",
        "VISSEL_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
        "VISSEL_ALLOWED_HOSTS": "visselblasning.example.se",
        "VISSEL_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "vissel.settings",
    }
    env.pop("VISSEL_KEK", None)
    env.pop("VISSEL_KEK_FILE", None)
    missing = _check_deploy(env)  # without the key-encryption key: refused, and said why
    assert missing.returncode != 0 and "vissel.E001" in missing.stdout + missing.stderr
    subprocess.run(
        [sys.executable, "-m", "vissel.cli", "create-kek"], env=env, check=True, timeout=60
    )
    beside = _check_deploy(env)  # in the data folder, beside the database: warned
    assert beside.returncode != 0 and "vissel.W001" in beside.stdout + beside.stderr
    (tmp_path / "keys").mkdir()
    env["VISSEL_KEK_FILE"] = str(tmp_path / "keys" / "key-encryption-key")
    subprocess.run(
        [sys.executable, "-m", "vissel.cli", "create-kek"], env=env, check=True, timeout=60
    )
    result = _check_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure(tmp_path):
    env = {
        **os.environ,
        "VISSEL_ENV": "production",
        "VISSEL_SECRET_KEY": "k" * 60,
        "VISSEL_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "vissel.settings",
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.DEBUG, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "False", "True"], result.stderr
