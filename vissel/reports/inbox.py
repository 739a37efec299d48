"""The logged-in reporter's pages: the inbox with the report, its files and the thread,
a reply (with files or a voice message), a meeting on request."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vissel.cases import meetings
from vissel.cases.services import CaseClosed
from vissel.evidence.downloads import file_response
from vissel.evidence.models import EvidenceFile
from vissel.evidence.presentation import describe_cleaning
from vissel.organisations.decorators import organisation_page
from vissel.presentation.uploads import (
    add_file_problems,
    limits_for_script,
    problems_with_files,
)
from vissel.reports import presentation, services
from vissel.reports.forms import MeetingForm, MinutesAnswerForm, ReplyForm


def reporter_page(view):
    """A page of the logged-in reporter: their case and its key, or the login page."""

    @wraps(view)
    def wrapper(request, organisation, *args, **kwargs):
        held = services.reporter_case(request.session, organisation)
        if held is None:
            # A reply typed while the session ran out is kept (in this browser's
            # encrypted session) and put back in the form after logging in again.
            if request.method == "POST" and request.POST.get("body"):
                services.keep_unsent_reply(request.session, organisation, request.POST["body"])
            return redirect(f"{reverse('reporter_login', args=[organisation.slug])}")
        case, lock = held
        return view(request, organisation, case, lock, *args, **kwargs)

    return organisation_page(wrapper)


def _inbox_page(
    request,
    organisation,
    case,
    lock,
    reply_form,
    status=200,
    unsent_kept=False,
    meeting_form=None,
    minutes_form=None,
):
    inbox = services.open_inbox(case, lock)
    held = services.reply_files(request.session, case)
    reply_form.fields["files"].widget.attrs.update(limits_for_script(organisation, held))
    return render(
        request,
        "reports/inbox.html",
        {
            **presentation.inbox_context(organisation, inbox, request.LANGUAGE_CODE),
            "reply_form": reply_form,
            "reply_files": [(item, describe_cleaning(item.cleaning)) for item in held],
            "meeting_form": meeting_form or MeetingForm(),
            "minutes_form": minutes_form,
            "unsent_kept": unsent_kept,
            "sent": request.GET.get("sent") == "1",
        },
        status=status,
    )


@reporter_page
def inbox(request, organisation, case, lock):
    unsent = services.take_unsent_reply(request.session, organisation)
    form = ReplyForm(initial={"body": unsent} if unsent else None, organisation=organisation)
    return _inbox_page(request, organisation, case, lock, form, unsent_kept=bool(unsent))


@require_POST
@reporter_page
def inbox_reply(request, organisation, case, lock):
    recording = request.FILES.get("recording")
    held = services.reply_files(request.session, case)
    form = ReplyForm(
        request.POST,
        organisation=organisation,
        has_recording=bool(recording) or any(item.is_disguised_recording for item in held),
    )
    problems = problems_with_files(request, organisation)
    valid = form.is_valid() and not problems
    try:
        refused = services.reply(
            request.session,
            case,
            lock,
            form.cleaned_data["body"] if valid else None,
            request.FILES.getlist("files"),
            request.POST.getlist("remove_files"),
            recording=recording,
        )
        add_file_problems(form, refused, organisation)
        if valid and not refused:
            return redirect(reverse("inbox", args=[organisation.slug]) + "?sent=1#thread")
    except CaseClosed:
        form.add_error(
            "body",
            _(
                "This case is closed, so your message was not sent. Your text is still "
                "here: copy it into a new report if you want it to be read."
            ),
        )
    for problem in problems:
        form.add_error("files", problem)
    return _inbox_page(request, organisation, case, lock, form, status=400)


def _inbox_refused(request, organisation, case, lock, **bound_form):
    """The inbox again, with the form that was refused and its messages."""
    reply_form = ReplyForm(organisation=organisation)
    return _inbox_page(request, organisation, case, lock, reply_form, status=400, **bound_form)


@require_POST
@reporter_page
def inbox_meeting(request, organisation, case, lock):
    """The reporter asks for a meeting."""
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            meetings.request_meeting(
                case, lock, form.cleaned_data["kind"], form.cleaned_data["preferences"]
            )
            return redirect(reverse("inbox", args=[organisation.slug]) + "?meeting=1#meeting")
        except meetings.MeetingAlreadyRequested:
            form.add_error(
                None, _("You have asked for a meeting already. The investigators answer here.")
            )
        except CaseClosed:
            form.add_error(None, _("This case is closed, so no meeting can be asked for in it."))
    return _inbox_refused(request, organisation, case, lock, meeting_form=form)


@require_POST
@reporter_page
def inbox_minutes(request, organisation, case, lock):
    """The reporter approves minutes or a transcript, or sends corrections."""
    form = MinutesAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_minutes(
                case,
                lock,
                form.cleaned_data["version"],
                form.cleaned_data["answer"] == "approve",
                form.cleaned_data["corrections"],
            )
            return redirect(reverse("inbox", args=[organisation.slug]) + "#minutes")
        except services.MinutesNotOpen:
            form.add_error(
                None, _("This version has been answered already, or is not the current one.")
            )
        except CaseClosed:
            form.add_error(None, _("This case is closed."))
    return _inbox_refused(request, organisation, case, lock, minutes_form=form)


@reporter_page
def inbox_file(request, organisation, case, lock, file_id):
    try:
        described, stream = services.reporter_file(case, lock, file_id)
    except EvidenceFile.DoesNotExist:
        raise Http404 from None
    return file_response(request, described, stream)
