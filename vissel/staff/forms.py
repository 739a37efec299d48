from django import forms
from django.utils.translation import gettext_lazy as _

from vissel.cases.models import Status
from vissel.cases.worklist import Filters


def one_time_code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = one_time_code_field()


class NewPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("New password again"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class EnrolmentForm(NewPasswordForm):
    code = one_time_code_field()


class PasswordChangeForm(NewPasswordForm):
    field_order = ["old_password", "password", "password_again"]
    old_password = forms.CharField(
        label=_("Current password"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class WorklistFilterForm(forms.Form):
    """The dashboard's filters, in the address (GET): they work without JavaScript and
    can be bookmarked. Choices are checked by the worklist, not here."""

    org = forms.SlugField(required=False)
    number = forms.CharField(label=_("Register number"), max_length=60, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    deadline = forms.ChoiceField(
        label=_("Deadlines"),
        required=False,
        choices=[
            ("", _("All")),
            ("overdue", _("Overdue")),
            ("due_soon", _("Due soon")),
            ("on_track", _("On track")),
            ("none", _("No open deadline")),
        ],
    )
    category = forms.CharField(label=_("Category"), max_length=60, required=False)
    handler = forms.CharField(label=_("Handler"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + list(Status.choices)

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            status=data["status"],
            deadline=data["deadline"],
            category=data["category"],
            handler=data["handler"],
            number=data["number"],
        )
