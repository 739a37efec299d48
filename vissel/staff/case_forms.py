from django import forms
from django.utils.translation import gettext_lazy as _

from vissel.cases.models import Coverage, DecisionKind, DismissalGround, Minutes, Outcome
from vissel.cases.workflow import OTHER_REASON, SENIOR_OFFICIAL_CONCERNED
from vissel.presentation.forms import LONG_TEXT, MultipleFileInput, count_instead_of_cutting


def reason_field(label) -> forms.CharField:
    """A written reason kept with the case (encrypted under its key)."""
    return forms.CharField(
        label=label, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScreeningForm(forms.Form):
    prefix = "screening"
    kind = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (k, label)
            for k, label in DecisionKind.choices
            if k in (DecisionKind.INTERNAL, DecisionKind.EXTERNAL, DecisionKind.DISMISS)
        ],
    )
    reason = forms.CharField(
        label=_("Reason (kept with the case, not shown to the reporter)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    external_because = forms.ChoiceField(
        label=_("For external investigation: why?"),
        widget=forms.RadioSelect,
        required=False,
        initial=SENIOR_OFFICIAL_CONCERNED,
        choices=[
            (SENIOR_OFFICIAL_CONCERNED, _("A senior official is concerned (name them below)")),
            (
                OTHER_REASON,
                _(
                    "Another reason, written above "
                    "(for example: the internal function is concerned)"
                ),
            ),
        ],
    )
    senior_officials = forms.MultipleChoiceField(
        label=_("Senior officials the report concerns"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dismissal_ground = forms.ChoiceField(
        label=_("When dismissing: on what ground? (listed in the half-year summary)"),
        widget=forms.RadioSelect,
        required=False,
        choices=DismissalGround.choices,
    )
    message_to_reporter = forms.CharField(
        label=_("Message to the reporter (required when dismissing)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senior_officials"].choices = [
            (str(official.pk), str(official)) for official in organisation.senior_officials.all()
        ]


class ConcernForm(forms.Form):
    prefix = "concern"
    person = forms.ChoiceField(label=_("A staff member"), required=False)
    senior_official = forms.ChoiceField(label=_("Or a senior official"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        people = {m.person for m in organisation.memberships.select_related("person")}
        self.fields["person"].choices = [("", "—")] + sorted(
            (str(person.pk), person.username) for person in people
        )
        self.fields["senior_official"].choices = [("", "—")] + [
            (str(official.pk), str(official)) for official in organisation.senior_officials.all()
        ]

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("senior_official"):
            raise forms.ValidationError(_("Choose a staff member or a senior official."))
        return data


class StaffMessageForm(forms.Form):
    prefix = "message"
    body = forms.CharField(
        label=_("Message to the reporter"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_feedback = forms.BooleanField(
        label=_("This message is the feedback on what has happened in the case"), required=False
    )
    files = forms.FileField(
        label=_("Files for the reporter"), required=False, widget=MultipleFileInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count_instead_of_cutting(self, "body")

    def clean_files(self):
        return None


class MeetingHeldForm(forms.Form):
    prefix = "meeting"
    held_on = forms.DateField(
        label=_("The meeting took place on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Give the day of the meeting."),
            "invalid": _("Give a date such as 2026-03-04."),
        },
    )


class MinutesForm(forms.Form):
    prefix = "minutes"
    kind = forms.ChoiceField(label=_("What is it?"), choices=Minutes.Kind.choices)
    text = forms.CharField(
        label=_("Text for the reporter to check"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the minutes or the transcript.")},
    )
    series = forms.UUIDField(required=False, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    prefix = "note"
    body = forms.CharField(
        label=_("Internal note (never shown to the reporter)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConcludeForm(forms.Form):
    prefix = "conclude"
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[(k, label) for k, label in Outcome.choices if k != Outcome.NOT_WHISTLEBLOWING],
    )
    final_report = forms.CharField(
        label=_("Final report"), max_length=LONG_TEXT * 5, widget=forms.Textarea(attrs={"rows": 10})
    )
    reason = forms.CharField(
        label=_("Note on concluding (kept with the case)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    prefix = "close"
    reason = reason_field(_("Reason for closing"))


class GrantForm(forms.Form):
    prefix = "grant"
    person = forms.ChoiceField(label=_("Give access to"))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.pk), p.username) for p in candidates]


class ReopenForm(forms.Form):
    prefix = "reopen"
    reason = reason_field(_("Reason for reopening (kept with the case)"))


class WithdrawConcernedForm(forms.Form):
    prefix = "withdraw"
    reason = reason_field(_("Why this naming was wrong (kept with the case)"))


class AssignForm(forms.Form):
    prefix = "assign"
    handler = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args, handlers=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("Nobody"))] + [
            (str(person.pk), person.username) for person in handlers
        ]
        self.fields["handler"].initial = str(current) if current else ""


class CoverageForm(forms.Form):
    prefix = "coverage"
    coverage = forms.ChoiceField(
        label=_("Your assessment"), choices=Coverage.choices, widget=forms.RadioSelect
    )


class LegalHoldForm(forms.Form):
    prefix = "hold"
    hold = forms.ChoiceField(
        choices=[("place", _("Place a legal hold")), ("lift", _("Lift the legal hold"))],
        widget=forms.HiddenInput,
    )


class ArchivedForm(forms.Form):
    prefix = "archived"
    confirmed = forms.BooleanField(
        label=_("The exported PDF of this case is in the organisation's archive")
    )
