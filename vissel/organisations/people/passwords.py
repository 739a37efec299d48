"""What a staff password must be. A staff key pair is only as strong as its password once
someone holds both the database and the server's KEK, so guessable passwords are refused:
short ones, ones in the breached-password lists that zxcvbn ships (and Django's own list,
by CommonPasswordValidator), and ones zxcvbn judges easy to guess."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

_BREACHED = frozenset(FREQUENCY_LISTS["passwords"])
LOWEST_SCORE = 4  # zxcvbn: 4 = "very unguessable: strong protection from an offline attack"


class BreachedPasswordValidator:
    def validate(self, password: str, user=None):
        if password.lower() in _BREACHED:
            raise ValidationError(
                _("This password appears in lists of leaked passwords. Choose another."),
                code="password_breached",
            )
        inputs = [user.username] if user is not None and user.username else []
        # zxcvbn takes at most 72 characters; a longer password is judged by its first 72
        # (which must hold up on their own).
        if zxcvbn(password[:72], user_inputs=inputs)["score"] < LOWEST_SCORE:
            raise ValidationError(
                _(
                    "This password is too easy to guess. Use several unrelated words, "
                    "or a longer phrase."
                ),
                code="password_guessable",
            )

    def get_help_text(self):
        return _("Your password must not be easy to guess or appear in lists of leaked passwords.")
