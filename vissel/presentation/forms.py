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


def count_instead_of_cutting(form, *names) -> None:
    """No text field of `form` may cut what is pasted into it: a textarea with maxlength
    drops the overflow without a word. Instead the server refuses too long a text (and
    keeps it in the form), and with JavaScript a counter warns near the limit."""
    for name in names:
        field = form.fields[name]
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-limit"] = field.max_length
        field.widget.attrs["data-left"] = gettext("%(count)s characters left")
        field.widget.attrs["data-over"] = gettext("%(count)s characters too many")
