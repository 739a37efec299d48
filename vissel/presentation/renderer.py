"""Form controls drawn in Python, as the very HTML of Django's own widget templates.

Each control Django draws goes through two or three nested templates (input.html
includes attrs.html, which loops over every attribute); the report form has some thirty
controls, and drawing them was most of the cost of showing it. The common templates are
written out here, each value escaped and formatted as the template would (plain text
through the same html.escape; anything else through Django's own
`render_value_in_context` and `stringformat`). Any other template, or a control with a
value the templates treat specially (a callable, which a template calls), goes to the
templates as before. tests/reports/test_form_renderer.py holds both ways to the same
output.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
# Templates that are nothing but {% include "django/forms/widgets/input.html" %}.
_INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
# As the widget templates render: autoescaped, localised as the settings say.
_CONTEXT = Context()


class Special(Exception):
    """A control the templates should draw."""


def _shown(value) -> str:
    """{{ value }}"""
    if type(value) is str:
        return html.escape(value)  # what the template does with plain text, minus detours
    if callable(value):
        raise Special
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }} (a filter that keeps a safe value safe)."""
    if callable(value):
        raise Special
    text = stringformat(value, "s")  # always plain text
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(widget: dict) -> str:
    """attrs.html"""
    attrs = widget["attrs"]
    if type(attrs) is not dict or "items" in attrs:
        raise Special  # {{ attrs.items }} would not be the dict's items
    parts = []
    for name, value in attrs.items():
        if callable(value):
            raise Special
        if value is not False:
            parts.append(f" {_shown(name)}")
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """input.html"""
    value = widget["value"]
    if callable(value):
        raise Special
    # `!= None`, as the template compares
    shown = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"'
        f"{shown}{_attrs(widget)}>"
    )


def _input_option(widget: dict) -> str:
    """input_option.html (a radio button or checkbox of a group)"""
    control = _input(widget)
    if not widget.get("wrap_label"):
        return control
    ident = widget["attrs"].get("id")
    label_for = f' for="{_shown(ident)}"' if ident else ""
    # input.html ends in a line break, which only the outermost template loses
    return f"<label{label_for}>{control}\n {_shown(widget['label'])}</label>"


def _textarea(widget: dict) -> str:
    """textarea.html"""
    value = widget["value"]
    text = _shown(value) if value else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attrs(widget)}>\n{text}</textarea>'


def _file_input(widget: dict) -> str:
    """clearable_file_input.html, for a field with no file yet"""
    if widget.get("is_initial"):
        raise Special
    return _input({**widget, "value": None})  # the same tag, never with a value


_DRAWN = {
    **dict.fromkeys(_INPUTS, _input),
    f"{WIDGETS}radio_option.html": _input_option,
    f"{WIDGETS}checkbox_option.html": _input_option,
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}clearable_file_input.html": _file_input,
}


class FormRenderer(DjangoTemplates):
    """Django's renderer (FORM_RENDERER), with the common controls drawn in Python."""

    def render(self, template_name, context, request=None):
        draw = _DRAWN.get(template_name)
        widget = context.get("widget")
        if draw is not None and type(widget) is dict:
            try:
                return draw(widget)
            except (Special, LookupError, AttributeError, TypeError):
                pass  # not a plain control: the templates know what to do
        return super().render(template_name, context, request)
