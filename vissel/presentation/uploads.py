"""What both portals say about a file that was not taken."""

from django.utils.translation import gettext as _

from vissel.evidence.services import FileRefused, UploadLimitExceeded


def _named(code: str) -> str:
    return {
        "too_large": _(
            "“%(name)s” was not added: it is larger than %(limit)s MB, and one file may be "
            "at most %(limit)s MB."
        ),
        "total_too_large": _(
            "“%(name)s” was not added: together the files would be larger than %(total)s MB, "
            "the most that can be sent at once."
        ),
        "too_many": _("“%(name)s” was not added: at most %(count)s files can be sent."),
        "recording_not_audio": _(
            "“%(name)s” is not a recording Vissel can play. Record again, or choose a "
            "sound file such as one from your phone's voice memos."
        ),
        "recording_too_long": _(
            "The recording is longer than %(minutes)s minutes. Make it shorter; you can "
            "say the rest in a message after sending."
        ),
        "recording_empty": _(
            "No sound could be heard in the recording. Check the microphone and record again."
        ),
        "recording_damaged": _(
            "The recording is damaged or cut off and could not be read. Record again, or "
            "choose another file."
        ),
        "refused": _(
            "“%(name)s” could not be checked for hidden details: unpacked, it would be "
            "many times larger than the file itself. It was not added. Save it in another "
            "format, such as PDF, or split it into smaller files, and add it again."
        ),
    }[code]


def _unnamed(code: str) -> str:
    return {
        "too_large": _("A file is larger than %(limit)s MB, the most one file may be."),
        "total_too_large": _(
            "Together the files are larger than %(total)s MB, the most that can be sent at once."
        ),
        "too_many": _("At most %(count)s files can be sent."),
        "selection_too_large": _(
            "Together the files you chose are larger than %(total)s MB, the most that can "
            "be sent at once, so none of them was received. Choose fewer or smaller files."
        ),
    }[code]


def upload_message(code: str, file_name: str, organisation) -> str:
    named = file_name or code == "refused" or code.startswith("recording_")
    text = _named(code) if named else _unnamed(code)
    return text % {
        "name": file_name,
        "limit": organisation.max_file_mb,
        "total": organisation.max_total_mb,
        "count": organisation.max_files,
        "minutes": organisation.max_recording_minutes,
    }


def describe_problems(problems, organisation) -> list[str]:
    return [upload_message(problem.code, problem.file_name, organisation) for problem in problems]


def add_file_problems(form, problems, organisation) -> None:
    """Each refused file's message on its field: a recording's on "recording", any
    other file's on "files"."""
    for problem in problems:
        field = "recording" if problem.code.startswith("recording_") else "files"
        form.add_error(field, upload_message(problem.code, problem.file_name, organisation))


def problems_with_files(request, organisation) -> list[str]:
    """What the upload handler refused while receiving (sizes, count), in words; if it
    stopped reading there, also that what came after was not received."""
    messages = describe_problems(getattr(request, "upload_problems", []), organisation)
    if getattr(request, "upload_stopped", False):
        messages.append(stopped_message())
    return messages


def stopped_message() -> str:
    return _(
        "Receiving stopped at that file, so any files you chose after it did not arrive. "
        "Choose them again if you want to send them."
    )


def refusal_message(refusal, organisation) -> str:
    if isinstance(refusal, FileRefused):
        return upload_message("refused", refusal.file_name, organisation)
    if isinstance(refusal, UploadLimitExceeded):
        return upload_message(refusal.code, "", organisation)
    raise TypeError(refusal)


def limits_for_script(organisation, staged=()) -> dict:
    """The data attributes the file input carries, so that with JavaScript the limits
    are checked as soon as files are chosen, in the page's language."""
    marker = "{name}"  # the script puts each refused file's name here
    return {
        "data-max-files": organisation.max_files,
        "data-max-file-bytes": organisation.max_file_bytes,
        "data-max-total-bytes": organisation.max_total_bytes,
        "data-staged-count": len(staged),
        "data-staged-bytes": sum(item.size for item in staged),
        "data-too-large": upload_message("too_large", marker, organisation),
        "data-total-too-large": upload_message("total_too_large", marker, organisation),
        "data-too-many": upload_message("too_many", marker, organisation),
    }
