from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vissel.organisations.models import ONION_ORIGIN, Role

LANGUAGES = settings.LANGUAGES


class SettingsForm(forms.Form):
    prefix = "settings"
    intro_sv = forms.CharField(
        label=_("Introduction (Swedish)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    default_language = forms.ChoiceField(label=_("Default language"), choices=LANGUAGES)
    acknowledgement_days = forms.IntegerField(
        label=_("First reply within (days)"), min_value=1, max_value=7
    )
    feedback_months = forms.IntegerField(
        label=_("Feedback within (months)"), min_value=1, max_value=3
    )
    # Lag (2021:890) 7 kap. 3 §: at most two years after the case is closed.
    retention_years = forms.IntegerField(
        label=_("Erase personal data after (years)"), min_value=1, max_value=2
    )
    auto_close_days = forms.IntegerField(
        label=_("Close a concluded case nobody closes after (days)"),
        help_text=_("So that the time to erasure starts. 0: only by hand."),
        min_value=0,
        max_value=3650,
    )
    must_archive = forms.BooleanField(
        label=_("Cases are kept in the organisation's own archive"),
        help_text=_(
            "A closed case is then erased here only after its export is recorded as archived."
        ),
        required=False,
    )
    max_file_mb = forms.IntegerField(label=_("Largest file (MB)"), min_value=1, max_value=10000)
    max_total_mb = forms.IntegerField(
        label=_("All files of one report (MB)"), min_value=1, max_value=50000
    )
    max_files = forms.IntegerField(label=_("Most files in one report"), min_value=0, max_value=100)
    max_recording_minutes = forms.IntegerField(
        label=_("Longest recording (minutes)"), min_value=1, max_value=60
    )
    meeting_days = forms.IntegerField(
        label=_("A meeting the reporter asks for is held within (days)"),
        min_value=1,
        max_value=90,
    )
    max_reports_per_day = forms.IntegerField(
        label=_("Most reports received in one day"),
        help_text=_(
            "Beyond it, reports wait until the next day: a flood cannot fill the disk or "
            "the screeners' mailboxes."
        ),
        min_value=1,
        max_value=100000,
    )
    chief_executive_sv = forms.CharField(
        label=_("The chief executive's title, as reporters read it (Swedish)"),
        help_text=_("For example “kommundirektören”. Empty: the general words."),
        required=False,
        max_length=100,
    )
    chief_executive_en = forms.CharField(
        label=_("The chief executive's title (English)"), required=False, max_length=100
    )
    chair_sv = forms.CharField(
        label=_("The board chair's title (Swedish)"),
        help_text=_("For example “kommunstyrelsens ordförande”."),
        required=False,
        max_length=100,
    )
    chair_en = forms.CharField(
        label=_("The board chair's title (English)"), required=False, max_length=100
    )
    onion_address = forms.CharField(
        label=_("Onion address (Tor)"),
        help_text=_(
            "If the channel is also an onion service: http://, 56 letters and digits, .onion."
        ),
        required=False,
        max_length=100,
        validators=[ONION_ORIGIN],
    )
    privacy_contact = forms.CharField(
        label=_("Contact for data protection questions"), required=False, max_length=300
    )
    accessibility_contact = forms.CharField(
        label=_("Contact for accessibility problems"), required=False, max_length=300
    )
    shortcomings_sv = forms.CharField(
        label=_("Known accessibility shortcomings (Swedish)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shortcomings_en = forms.CharField(
        label=_("Known accessibility shortcomings (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    four_eyes = forms.BooleanField(
        label=_(
            "A second admin approves every role that reads cases, and every reset of an "
            "account that holds one (applies while there are two admins or more)"
        ),
        required=False,
    )


class CategoryForm(forms.Form):
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0, required=False)
    is_active = forms.BooleanField(label=_("Offered to reporters"), required=False)


ROLE_CHOICES = Role.choices


class InviteForm(forms.Form):
    prefix = "invite"
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail (for notifications)"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )


class SeniorOfficialForm(forms.Form):
    prefix = "official"
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200)
    person = forms.ChoiceField(label=_("Staff account, if any"), required=False)
    is_chief_executive = forms.BooleanField(label=_("This is the chief executive"), required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [(str(p.pk), p.username) for p in people]
