from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _


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
