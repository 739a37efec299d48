"""What both portals say about a file that was not taken."""

from django.utils.translation import gettext as _

from vissel.evidence.services import FileRefused, UploadLimitExceeded


def upload_message(code: str, file_name: str, organisation) -> str:
    messages = {
        "too_large": _("“%(name)s” is larger than %(limit)s MB, the most one file may be."),
        "total_too_large": _(
            "The files together are larger than %(total)s MB, the most one report may carry."
        ),
        "too_many": _("At most %(count)s files can be sent."),
        "refused": _(
            "“%(name)s” could not be checked for hidden details: unpacked, it would be "
            "many times larger than the file itself. It was not added. Save it in another "
            "format, such as PDF, or split it into smaller files, and add it again."
        ),
    }
    return messages[code] % {
        "name": file_name,
        "limit": organisation.max_file_mb,
        "total": organisation.max_total_mb,
        "count": organisation.max_files,
    }


def problems_with_files(request, organisation) -> list[str]:
    """What the upload handler refused while receiving (sizes, count), in words."""
    return [
        upload_message(problem.code, problem.file_name, organisation)
        for problem in getattr(request, "upload_problems", [])
    ]


def refusal_message(refusal, organisation) -> str:
    if isinstance(refusal, FileRefused):
        return upload_message("refused", refusal.file_name, organisation)
    if isinstance(refusal, UploadLimitExceeded):
        return upload_message(refusal.code, "", organisation)
    raise TypeError(refusal)
