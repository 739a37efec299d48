from django import forms
from django.utils.translation import gettext_lazy as _

from vissel.cases.meetings import MEETING_KINDS
from vissel.cases.models import REPORT_TEXTS
from vissel.cases.reporter import IDENTITIES, RELATIONSHIPS
from vissel.organisations.selectors import active_categories
from vissel.presentation.forms import (
    LONG_TEXT,
    SHORT_TEXT,
    MultipleFileInput,
    count_instead_of_cutting,
)
from vissel.presentation.forms import too_long as _too_long

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


def offer_the_recorder(field, minutes: int, preview: bool = True) -> None:
    """The recording's file input works without JavaScript; with it, recorder.js
    adds buttons to record in the browser, in the page's language."""
    if preview:
        field.help_text = _(
            "At most %(minutes)s minutes. Your voice is disguised on the server before "
            "anything is stored; you hear the disguised recording before you send."
        ) % {"minutes": minutes}
    else:
        field.help_text = _(
            "At most %(minutes)s minutes. Your voice is disguised on the server before "
            "anything is stored; the message shows it as it was sent."
        ) % {"minutes": minutes}
    field.widget.attrs.update(
        {
            "data-max-seconds": minutes * 60,
            "data-record": _("Record"),
            "data-stop": _("Stop"),
            "data-again": _("Record again"),
            "data-listen": _("Listen to your recording"),
            "data-recording": _("Recording"),
            "data-recorded": _("The recording is ready and is added when you continue."),
            "data-unsupported": _("This browser cannot record. Choose a sound file instead."),
            "data-denied": _(
                "The browser may not use the microphone. Choose a sound file "
                "instead, or allow the microphone and try again."
            ),
        }
    )


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is it about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the report is about."),
            "invalid_choice": _("Choose one of the listed kinds of wrongdoing."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How do you want to report?"),
        choices=[
            ("written", _("I want to write my report")),
            ("oral", _("I want to speak: record my report, or choose a recording")),
        ],
        initial="written",
        required=False,  # written, unless the reporter chooses to speak
        widget=forms.RadioSelect,
    )
    recording = forms.FileField(
        label=_("Your recording"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "audio/*", "data-recorder": ""}),
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("Describe what you have seen or know, as fully as you can."),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    where = forms.CharField(
        label=_("Where did it happen?"),
        help_text=_("For example the workplace, department or address."),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    when = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("A date, a period, or whether it is still going on."),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    who_involved = forms.CharField(
        label=_("Who is involved?"),
        help_text=_("Names or roles of the people concerned, and of any witnesses."),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how_known = forms.CharField(
        label=_("How do you know about it?"),
        help_text=_("For example: you saw it yourself, someone told you, you found documents."),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    relationship = forms.ChoiceField(
        label=_("Do you work for the organisation?"),
        choices=RELATIONSHIPS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you work for the organisation.")},
    )
    identity = forms.ChoiceField(
        label=_("Anonymous or with contact details?"),
        choices=IDENTITIES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to stay anonymous or to give contact details.")},
    )
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.se.")},
    )
    files = forms.FileField(
        label=_("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"data-upload": "files"}),
    )
    remove_files = forms.MultipleChoiceField(
        label=_("Remove these files"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # A honeypot: hidden from people, filled in by robots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(
        self, *args, organisation, language, staged_files=(), has_recording=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.has_recording = has_recording
        offer_the_recorder(self.fields["recording"], organisation.max_recording_minutes)
        self.fields["category"].choices = [
            (category.key, category.name_in(language))
            for category in active_categories(organisation)
        ]
        self.fields["remove_files"].choices = [(item.id, item.name) for item in staged_files]
        self._name_the_organisation(organisation.name)
        for name in (
            "what_happened",
            "where",
            "when",
            "who_involved",
            "how_known",
            "contact_name",
            "contact_phone",
            "contact_email",
        ):
            field = self.fields[name]
            field.error_messages["max_length"] = _too_long(field.max_length)
        count_instead_of_cutting(
            self, "what_happened", "where", "when", "who_involved", "how_known"
        )

    def _name_the_organisation(self, name: str) -> None:
        """The question says whom it is about ("Do you work for Östersunds kommun?")."""
        relationship = self.fields["relationship"]
        relationship.label = _("Do you work for %(name)s?") % {"name": name}
        relationship.error_messages["required"] = _("Say whether you work for %(name)s.") % {
            "name": name
        }
        relationship.choices = [
            (key, _("No, I do not work for %(name)s") % {"name": name} if key == "none" else text)
            for key, text in RELATIONSHIPS
        ]

    def clean_channel(self):
        return self.cleaned_data.get("channel") or "written"

    def clean_recording(self):
        return None  # taken from request.FILES by the view

    def clean_files(self):
        # Files are taken from request.FILES by the view (all of them, not one).
        return None

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        return ""

    def clean(self):
        data = super().clean()
        if data.get("channel") == "oral":
            if not self.has_recording:
                self.add_error(
                    "recording", _("Record your report, or choose a sound file with it.")
                )
        elif data.get("channel") == "written" and not data.get("what_happened"):
            self.add_error("what_happened", _("Describe what happened."))
        if data.get("identity") == "contact":
            if not any(
                data.get(name) for name in ("contact_name", "contact_phone", "contact_email")
            ):
                self.add_error(
                    "identity",
                    _("Fill in at least one way to reach you, or choose to stay anonymous."),
                )
        elif data.get("identity") == "anonymous":
            # Whatever was typed before choosing anonymity is not kept.
            for name in CONTACT_FIELDS:
                data[name] = ""
        return data

    def report_fields(self) -> dict:
        """What the draft keeps of the form: every field the reporter fills in."""
        names = ("category", "channel", *REPORT_TEXTS, "identity", *CONTACT_FIELDS)
        return {name: self.cleaned_data.get(name, "") for name in names}


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=LONG_TEXT,
        required=False,  # a voice message may stand alone
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _too_long(LONG_TEXT)},
    )
    recording = forms.FileField(
        label=_("Or speak: a voice message"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "audio/*", "data-recorder": ""}),
    )
    files = forms.FileField(
        label=_("Files"), required=False, widget=MultipleFileInput(attrs={"data-upload": "files"})
    )

    def __init__(self, *args, organisation, has_recording=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_recording = has_recording
        count_instead_of_cutting(self, "body")
        offer_the_recorder(
            self.fields["recording"], organisation.max_recording_minutes, preview=False
        )

    def clean_recording(self):
        return None  # taken from request.FILES by the view

    def clean_files(self):
        return None

    def clean(self):
        data = super().clean()
        if not data.get("body") and not self.has_recording and "body" not in self.errors:
            self.add_error("body", _("Write a message."))
        return data


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How would you like to meet?"),
        choices=MEETING_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to meet.")},
    )
    preferences = forms.CharField(
        label=_("When and where would suit you?"),
        help_text=_(
            "For example days and times, or a place for a meeting in person. Leave out "
            "anything you do not want the investigators to know."
        ),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _too_long(SHORT_TEXT)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count_instead_of_cutting(self, "preferences")


class MinutesAnswerForm(forms.Form):
    version = forms.UUIDField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("approve", "approve"), ("correct", "correct")])
    corrections = forms.CharField(
        label=_("Your corrections"),
        help_text=_("Say what is wrong or missing; the investigators write a new version."),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _too_long(LONG_TEXT)},
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "correct" and not data.get("corrections", "").strip():
            self.add_error("corrections", _("Write your corrections."))
        return data


class LoginForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter your case number.")},
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=100,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter your password.")},
    )
