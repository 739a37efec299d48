"""Form parts both portals use."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext

LONG_TEXT = 20000
SHORT_TEXT = 2000


def _too_long_now(limit: int) -> str:
    return gettext("This text is too long: at most %(limit)s characters.") % {"limit": limit}


too_long = lazy(_too_long_now, str)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
