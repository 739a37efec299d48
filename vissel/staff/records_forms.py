from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from vissel.records.redaction import OTHERS_IDENTITY, REPORTER_IDENTITY


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def year_or(self, default: int) -> int:
        return (self.is_valid() and self.cleaned_data["year"]) or default


class PeriodForm(forms.Form):
    """A period in the address (GET): it works without JavaScript and can be bookmarked."""

    starts_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and starts_on > ends_on:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def period_or(self, default: tuple[date, date]) -> tuple[date, date]:
        if not self.is_valid():
            return default
        return (
            self.cleaned_data["starts_on"] or default[0],
            self.cleaned_data["ends_on"] or default[1],
        )


class SecrecyMarkForm(forms.Form):
    """One text's marking: a phrase (every occurrence, grown to whole words) or the whole
    text, with its legal basis. Without JavaScript the reader types the words; with it,
    selecting them in the text fills them in."""

    OTHER = "other"

    text = forms.CharField(max_length=80, widget=forms.HiddenInput)
    phrase = forms.CharField(label=_("Words to mask"), max_length=500, required=False)
    whole_text = forms.BooleanField(label=_("Mask the whole text"), required=False)
    basis = forms.ChoiceField(
        label=_("Legal basis"),
        widget=forms.RadioSelect,
        choices=[
            (REPORTER_IDENTITY, _("The reporter's identity (OSL 32 kap. 3 b §)")),
            (OTHERS_IDENTITY, _("Others' identities (OSL 17 kap. 3 b §)")),
            (OTHER, _("Another basis, written here:")),
        ],
    )
    basis_other = forms.CharField(label=_("Other basis"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("whole_text") and not (data.get("phrase") or "").strip():
            raise forms.ValidationError(_("Write the words to mask, or mask the whole text."))
        if data.get("basis") == self.OTHER:
            if not (data.get("basis_other") or "").strip():
                raise forms.ValidationError(_("Write the legal basis."))
            data["basis"] = data["basis_other"].strip()
        return data


class ReleaseForm(forms.Form):
    recipient = forms.CharField(
        label=_("Released to"),
        help_text=_("As the request names the requester; kept encrypted with the case."),
        max_length=200,
    )
    language = forms.ChoiceField(
        label=_("Language of the copy"),
        choices=[("sv", "Svenska"), ("en", "English")],
        widget=forms.RadioSelect,
        initial="sv",
    )
