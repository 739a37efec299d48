"""What the reporter is told about each file's metadata, in their language."""

from django.utils.translation import gettext_lazy as _

REMOVED = {
    "exif": _("camera and device details (EXIF)"),
    "gps": _("the place where it was taken (GPS position)"),
    "xmp": _("embedded XMP metadata"),
    "comment": _("an embedded comment"),
    "text": _("embedded text fields"),
    "iptc": _("IPTC and Photoshop details"),
    "icc": _("the colour profile"),
    "pdf_info": _("document information (author, title, programs, dates)"),
    "pdf_app_data": _("data left by editing programs"),
    "pdf_history": _("earlier saved versions of the document"),
    "office_properties": _("document properties (author, last editor, title, dates)"),
    "office_app_properties": _("application properties (company, manager, template, editing time)"),
    "office_custom_properties": _("custom document properties"),
    "zip_comment": _("the archive comment"),
}

NOTES = {
    "pdf_annotations": _("Names in comments or annotations inside the PDF were not changed."),
    "office_inner_names": _(
        "Names in comments and tracked changes inside the document were not changed."
    ),
}

OUTCOMES = {
    "nothing_found": _("No metadata was found in this file."),
    "not_supported": _(
        "Metadata cannot be removed from this type of file. It will be sent as it is."
    ),
    "too_large": _(
        "This file is too large to have its metadata removed. It will be sent as it is."
    ),
    "failed": _(
        "This file could not be read to remove its metadata. It will be sent as it is; "
        "you can remove it if you prefer."
    ),
    "voice_disguised": _(
        "The voice in this recording is disguised, and only the disguised sound is kept."
    ),
}

# The same, once the file has been sent.
OUTCOMES_SENT = {
    "nothing_found": OUTCOMES["nothing_found"],
    "not_supported": _("Metadata cannot be removed from this type of file; it was sent as it was."),
    "too_large": _("This file was too large to have its metadata removed; it was sent as it was."),
    "failed": _("This file could not be read to remove its metadata; it was sent as it was."),
    "voice_disguised": OUTCOMES["voice_disguised"],
}


def describe_cleaning(report: dict, sent: bool = False) -> dict:
    """{"summary": str, "removed": [str], "notes": [str]} for a template."""
    outcome = report.get("outcome", "not_supported")
    removed = [str(REMOVED.get(code, code)) for code in report.get("removed", [])]
    notes = [str(NOTES[code]) for code in report.get("notes", []) if code in NOTES]
    outcomes = OUTCOMES_SENT if sent else OUTCOMES
    if outcome == "cleaned":
        summary = str(_("Metadata removed:"))
    else:
        summary = str(outcomes.get(outcome, outcomes["not_supported"]))
    return {"outcome": outcome, "summary": summary, "removed": removed, "notes": notes}
