"""Small helpers for how texts are joined on the page."""

from django import template

register = template.Library()


@register.filter
def lead_in(label) -> str:
    """A field's label before its error in a list: "Where did it happen?" stands as it
    is, "Files" gets a colon; never "?:" (a doubled punctuation mark)."""
    text = str(label).rstrip()
    return text if text.endswith(("?", "!", ".", ":")) else f"{text}:"
