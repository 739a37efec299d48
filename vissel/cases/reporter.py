"""What the reporter says about themselves (S5, S6): whether they work for the
organisation, and whether they stay anonymous. The first decides whether the report is a
received public document or the reporter's personal data is under secrecy."""

from django.utils.translation import gettext_lazy as _

RELATIONSHIPS = [
    ("employee", _("Yes, I am employed there")),
    ("contractor", _("Yes, as a contractor or consultant")),
    ("trainee", _("Yes, as a trainee or intern")),
    ("volunteer", _("Yes, as a volunteer")),
    ("applicant", _("I have applied for a job there")),
    ("none", _("No, I do not work for the organisation")),
]
WORKS_FOR_ORGANISATION = {"employee", "contractor", "trainee", "volunteer", "applicant"}

IDENTITIES = [
    ("anonymous", _("Stay anonymous")),
    ("contact", _("Give contact details")),
]
