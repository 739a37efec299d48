"""The form controls drawn in Python (vissel.presentation.renderer) are exactly what
Django's widget templates draw: for every control of the reporter's forms, empty, filled
in and with errors, and for values the templates treat specially."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from vissel.presentation.renderer import FormRenderer
from vissel.reports.forms import LoginForm, MeetingForm, MinutesAnswerForm, ReplyForm, ReportForm

TRICKY = "Ö & <b>\"citat\"</b> 'apostrof'"


def drawn(form_class, renderer, *args, **kwargs) -> list[str]:
    """Every control of the form, whole and (for a group) one by one, with and
    without its label around it."""
    form = form_class(*args, renderer=renderer, **kwargs)
    if form.is_bound:
        form.is_valid()
    html = []
    for field in form:
        html.append(str(field))
        for choice in field.subwidgets:
            html += [choice.tag(), str(choice)]
    return html


def both_ways(form_class, *args, **kwargs):
    with override("sv"):
        fast = drawn(form_class, FormRenderer(), *args, **kwargs)
        templates = drawn(form_class, DjangoTemplates(), *args, **kwargs)
    assert fast == templates


def test_the_form_renderer_is_the_projects():
    assert settings.FORM_RENDERER == "vissel.presentation.renderer.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "category": "fraud",
            "channel": "written",
            "what_happened": TRICKY,
            "where": "x" * 2001,
            "relationship": "none",
            "identity": "contact",
            "contact_email": "not an address <script>",
            "remove_files": ["a"],
            "website": "robot",
        },
    ],
)
def test_the_report_form_is_drawn_as_the_templates_draw_it(org_a, data):
    staged = [type("Staged", (), {"id": "a", "name": TRICKY})()]
    options = {"organisation": org_a, "language": "sv", "staged_files": staged}
    if data is None:
        both_ways(ReportForm, initial={"what_happened": TRICKY, "category": "fraud"}, **options)
    else:
        both_ways(ReportForm, data, **options)


@pytest.mark.parametrize("data", [None, {}, {"body": TRICKY, "case_number": "<1>"}])
def test_the_reporters_other_forms_are_drawn_as_the_templates_draw_them(org_a, data):
    args = () if data is None else (data,)
    both_ways(ReplyForm, *args, organisation=org_a)
    both_ways(MeetingForm, *args)
    both_ways(MinutesAnswerForm, *args)
    both_ways(LoginForm, *args)


class Unusual(forms.Form):
    """Values the templates treat specially: safe text is not escaped again, True and
    False attributes, numbers and dates, a tuple, a callable (which a template calls)."""

    text = forms.CharField(
        initial=mark_safe("<i>safe</i>"),
        widget=forms.TextInput(
            attrs={
                "data-safe": mark_safe("<i>safe</i>"),
                "data-lazy": gettext_lazy("Record"),
                "required": True,
                "hidden": False,
                "data-number": 1234567,
                "data-float": 0.5,
                "data-tuple": (1, 2),
                "data-none": None,
            }
        ),
    )
    called = forms.CharField(widget=forms.TextInput(attrs={"data-call": lambda: "<called>"}))
    when = forms.DateTimeField(initial=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC))
    day = forms.DateField(initial=datetime.date(2026, 1, 2))
    number = forms.IntegerField(initial=1234567)
    hidden = forms.CharField(initial=TRICKY, widget=forms.HiddenInput)
    secret = forms.CharField(initial=TRICKY, widget=forms.PasswordInput(render_value=True))
    agree = forms.BooleanField(initial=True)
    text_area = forms.CharField(initial="\nfirst line kept", widget=forms.Textarea)
    empty_area = forms.CharField(widget=forms.Textarea(attrs={"rows": 0}))
    one = forms.ChoiceField(
        choices=[("a", TRICKY), ("b", mark_safe("<b>B</b>")), ("", "none")],
        widget=forms.RadioSelect(attrs={"id": "one"}),
    )
    some = forms.MultipleChoiceField(
        choices=[("Group", [("a", "A"), ("b", "B")]), ("c", "C")],
        widget=forms.CheckboxSelectMultiple,
    )
    upload = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}))
    pick = forms.ChoiceField(choices=[("a", "A")])


@pytest.mark.parametrize("data", [None, {}, {"text": TRICKY, "one": "a", "some": ["a", "c"]}])
def test_unusual_values_are_drawn_as_the_templates_draw_them(data):
    args = () if data is None else (data,)
    both_ways(Unusual, *args)
