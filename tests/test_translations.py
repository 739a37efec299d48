"""Every user-facing text exists in Swedish, and the compiled catalogue is current."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "vissel" / "locale" / "sv" / "LC_MESSAGES"


def test_every_message_is_translated_to_swedish():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_source():
    source = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0, ""))
        for e in polib.pofile(str(LOCALE / "django.po"))
        if not e.obsolete
    }
    compiled = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0, ""))
        for e in polib.mofile(str(LOCALE / "django.mo"))
        if e.msgid
    }
    assert source == compiled, "run `make messages`"


def test_every_text_in_the_sources_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources finds no message we have not translated."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "vissel"
    shutil.copytree(LOCALE.parents[2], copy, ignore=shutil.ignore_patterns("__pycache__"))
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "sv", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = {
        e.msgid
        for e in polib.pofile(str(copy / "locale/sv/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    ours = {e.msgid for e in polib.pofile(str(LOCALE / "django.po")) if not e.obsolete}
    assert found - ours == set(), "run `make messages` and translate the new texts"
