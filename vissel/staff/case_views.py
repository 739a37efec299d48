from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vissel.audit import trail
from vissel.cases import access, handling, meetings, minutes, workflow
from vissel.cases.export import export_for_archive
from vissel.cases.models import Case, PersonConcerned
from vissel.cases.visibility import may_read
from vissel.evidence import services as evidence
from vissel.evidence.downloads import file_response
from vissel.evidence.models import EvidenceFile
from vissel.evidence.services import FileRefused, UploadLimitExceeded
from vissel.organisations.models import SeniorOfficial
from vissel.presentation.uploads import problems_with_files, refusal_message
from vissel.records.register import file_name_for
from vissel.staff import case_forms
from vissel.staff.case_context import case_context
from vissel.staff.case_pages import case_page, final_report_page, record_read

NOT_ALLOWED = {
    "transition": _("The case is not at a stage where this can be done."),
    "role": _("Your role does not allow this step."),
    "reason": _("Write a reason."),
    "senior_official": _("Choose the senior officials the report concerns."),
    "message": _("Write a message to the reporter before dismissing."),
    "dismissal_ground": _("Choose the ground for dismissing."),
    "no_readers": _(
        "Nobody can receive the case in that group (everyone there is concerned, "
        "or the group is empty). Ask the organisation's admin."
    ),
    "no_recipient": _("Nobody can receive the final report. Ask the organisation's admin."),
    "reader": _("You cannot read this case."),
    "closed": _("The case is closed."),
    "outcome": _("Choose an outcome."),
    "final_report": _("Write the final report."),
    "nobody": _("Choose a staff member or a senior official."),
    "kind": _("Choose a decision."),
    "grantee": _("That person cannot be given this case."),
    "no_recovery_key": _("This organisation has no recovery key."),
    "files": _("The message was not sent: see what is said about the files."),
    "handler": _("That person cannot handle this case."),
    "no_meeting": _("No meeting is waiting to be recorded."),
    "minutes": _("Write the minutes or the transcript."),
    "minutes_waiting": _("The reporter has not answered the current version yet."),
    "date": _("Give a day from the request to today."),
    "coverage": _("Choose an assessment."),
    "erased": _("The case's personal data has been erased."),
    "not_exported": _("Export the case as a PDF first, then record that it is archived."),
}


def _page(request, case, lock, status=200, **bound_forms):
    return render(
        request, "staff/case.html", case_context(request, case, lock, **bound_forms), status=status
    )


def _back(case: Case, anchor: str = ""):
    return redirect(f"/staff/{case.organisation.slug}/cases/{case.pk}/{anchor}")


@case_page
def case_detail(request, case, lock):
    record_read(case, request.user, "case")
    handling.mark_read(case, request.user)
    return _page(request, case, lock)


def act(request, case, lock, form_name, form, action, anchor):
    """Validate, run one workflow step, and come back to the case."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
            return _back(case, anchor)
        except workflow.NotAllowed as refused:
            form.add_error(None, str(NOT_ALLOWED[refused.code]))
    return _page(request, case, lock, status=400, **{form_name: form})


@require_POST
@case_page
def screen(request, case, lock):
    form = case_forms.ScreeningForm(request.POST, organisation=case.organisation)

    def run(data):
        officials = SeniorOfficial.objects.filter(
            organisation=case.organisation, pk__in=data["senior_officials"]
        )
        workflow.screen(
            case,
            lock,
            request.user,
            data["kind"],
            data["reason"],
            senior_officials=list(officials),
            message_to_reporter=data["message_to_reporter"],
            external_because=data["external_because"] or workflow.SENIOR_OFFICIAL_CONCERNED,
            dismissal_ground=data["dismissal_ground"],
        )

    return act(request, case, lock, "screening_form", form, run, "")


@require_POST
@case_page
def concern(request, case, lock):
    form = case_forms.ConcernForm(request.POST, organisation=case.organisation)

    def run(data):
        person = (
            case.organisation.memberships.filter(person_id=data["person"]).first()
            if data["person"]
            else None
        )
        official = (
            SeniorOfficial.objects.filter(
                organisation=case.organisation, pk=data["senior_official"]
            ).first()
            if data["senior_official"]
            else None
        )
        workflow.name_concerned(
            case, request.user, person=person.person if person else None, senior_official=official
        )

    response = act(request, case, lock, "concern_form", form, run, "#concerned")
    if response.status_code == 302 and not may_read(case, request.user):
        return redirect("staff_dashboard")  # they named themselves: the case is gone for them
    return response


@require_POST
@case_page
def message(request, case, lock):
    form = case_forms.StaffMessageForm(request.POST)
    uploads = request.FILES.getlist("message-files")
    for problem in problems_with_files(request, case.organisation):
        form.add_error("files", problem)

    def run(data):
        try:
            workflow.message_reporter(
                case,
                lock,
                request.user,
                data["body"],
                uploads=uploads,
                is_feedback=data["is_feedback"],
            )
        except (UploadLimitExceeded, FileRefused) as refusal:
            form.add_error("files", refusal_message(refusal, case.organisation))
            raise workflow.NotAllowed("files") from None

    return act(request, case, lock, "message_form", form, run, "#thread")


@require_POST
@case_page
def meeting_held(request, case, lock):
    form = case_forms.MeetingHeldForm(request.POST)
    return act(
        request,
        case,
        lock,
        "meeting_form",
        form,
        lambda data: meetings.record_meeting_held(case, request.user, data["held_on"]),
        "#meeting",
    )


@require_POST
@case_page
def write_minutes(request, case, lock):
    form = case_forms.MinutesForm(request.POST)
    return act(
        request,
        case,
        lock,
        "minutes_form",
        form,
        lambda data: minutes.write_minutes(
            case, lock, request.user, data["kind"], data["text"], series=data["series"]
        ),
        "#minutes",
    )


@require_POST
@case_page
def note(request, case, lock):
    form = case_forms.NoteForm(request.POST)
    return act(
        request,
        case,
        lock,
        "note_form",
        form,
        lambda data: workflow.write_note(case, lock, request.user, data["body"]),
        "#notes",
    )


@require_POST
@case_page
def conclude(request, case, lock):
    form = case_forms.ConcludeForm(request.POST)
    return act(
        request,
        case,
        lock,
        "conclude_form",
        form,
        lambda data: workflow.conclude(
            case, lock, request.user, data["outcome"], data["final_report"], data["reason"]
        ),
        "",
    )


@require_POST
@case_page
def close(request, case, lock):
    form = case_forms.CloseForm(request.POST)
    return act(
        request,
        case,
        lock,
        "close_form",
        form,
        lambda data: workflow.close(case, lock, request.user, data["reason"]),
        "",
    )


@case_page
def case_file(request, case, lock, file_id):
    row = EvidenceFile.objects.filter(case=case, pk=file_id).first()
    if row is None:
        raise Http404
    described = evidence.describe(row, lock)
    record_read(case, request.user, f"file:{row.pk}")
    return file_response(request, described, evidence.open_stream(row, lock))


@final_report_page
def final_report(request, report):
    text = workflow.read_final_report_as_recipient(report, request.user, request.private_key)
    trail.record(
        "final_report_read",
        report.case.organisation,
        report.case,
        request.user,
        detail={"report": str(report.id)},
    )
    return render(request, "staff/final_report.html", {"report": report, "text": text})


@require_POST
@case_page
def grant(request, case, lock):
    candidates = access.candidates(case)
    form = case_forms.GrantForm(request.POST, candidates=candidates)

    def run(data):
        person = next(p for p in candidates if str(p.pk) == data["person"])
        access.grant(case, lock, request.user, person)

    return act(request, case, lock, "grant_form", form, run, "#access")


@require_POST
@case_page
def reopen(request, case, lock):
    form = case_forms.ReopenForm(request.POST)
    return act(
        request,
        case,
        lock,
        "reopen_form",
        form,
        lambda data: workflow.reopen(case, lock, request.user, data["reason"]),
        "",
    )


@require_POST
@case_page
def withdraw_concerned(request, case, lock, row_id):
    row = PersonConcerned.objects.filter(case=case, pk=row_id, withdrawn_at=None).first()
    if row is None:
        raise Http404
    form = case_forms.WithdrawConcernedForm(request.POST)
    return act(
        request,
        case,
        lock,
        "withdraw_form",
        form,
        lambda data: workflow.withdraw_concerned(case, lock, request.user, row, data["reason"]),
        "#concerned",
    )


@require_POST
@case_page
def assign(request, case, lock):
    handlers = handling.handlers_for(case)
    form = case_forms.AssignForm(request.POST, handlers=handlers)

    def run(data):
        handler = next((p for p in handlers if str(p.pk) == data["handler"]), None)
        handling.assign(case, request.user, handler)

    return act(request, case, lock, "assign_form", form, run, "#assignment")


@require_POST
@case_page
def coverage(request, case, lock):
    form = case_forms.CoverageForm(request.POST)
    return act(
        request,
        case,
        lock,
        "coverage_form",
        form,
        lambda data: handling.assess_coverage(case, request.user, data["coverage"]),
        "#coverage",
    )


@require_POST
@case_page
def export(request, case, lock):
    """The case as a PDF for the organisation's archive (audited); never stored here."""
    pdf = export_for_archive(case, lock, request.user, request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name_for(case.register_number, "pdf")}"'
    )
    return response
