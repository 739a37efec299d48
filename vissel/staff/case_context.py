"""Everything the case page shows, decrypted for one reader within one request."""

from datetime import date

from vissel.cases import access, handling, meetings, minutes, retention, workflow
from vissel.cases import services as cases
from vissel.cases.deadlines import open_deadlines
from vissel.cases.models import FinalReport, Status
from vissel.evidence.presentation import describe_cleaning
from vissel.organisations.models import Role
from vissel.presentation.reports import report_summary
from vissel.records.retention import closing_due_on
from vissel.staff import case_forms


def case_context(request, case, lock, **bound_forms) -> dict:
    person, organisation = request.user, case.organisation
    language = request.LANGUAGE_CODE
    roles = set(organisation.memberships.filter(person=person).values_list("role", flat=True))
    investigating_role = workflow.INVESTIGATING.get(case.status)
    handlers = handling.handlers_for(case)
    forms = {
        "screening_form": case_forms.ScreeningForm(organisation=organisation),
        "concern_form": case_forms.ConcernForm(organisation=organisation),
        "message_form": case_forms.StaffMessageForm(),
        "note_form": case_forms.NoteForm(),
        "meeting_form": case_forms.MeetingHeldForm(initial={"held_on": date.today()}),
        "minutes_form": case_forms.MinutesForm(),
        "conclude_form": case_forms.ConcludeForm(),
        "close_form": case_forms.CloseForm(),
        "reopen_form": case_forms.ReopenForm(),
        "assign_form": case_forms.AssignForm(handlers=handlers, current=case.assigned_to_id),
        "coverage_form": case_forms.CoverageForm(initial={"coverage": case.coverage}),
        "grant_form": case_forms.GrantForm(candidates=access.candidates(case)),
        "archived_form": case_forms.ArchivedForm(),
    }
    forms.update(bound_forms)
    report = cases.read_report(case, lock)
    final_report = FinalReport.objects.filter(case=case).first()
    return {
        **forms,
        "case": case,
        "report": report_summary(report, case.category.name_in(language)),
        "files": [
            (item, describe_cleaning(item.cleaning, sent=True))
            for item in cases.report_files(case, lock)
        ],
        "thread": cases.read_thread(case, lock),
        "notes": workflow.read_notes(case, lock),
        "meeting": meetings.read_meeting_request(case, lock),
        "minutes": minutes.read_minutes(case, lock),
        "decisions": workflow.read_decisions(case, lock),
        "concerned": case.concerned.filter(withdrawn_at=None).select_related(
            "person", "senior_official"
        ),
        "withdraw_form": case_forms.WithdrawConcernedForm(),
        "deadlines": open_deadlines(case, date.today()),
        "final_report": final_report,
        "final_report_text": (
            workflow.read_final_report_as_reader(final_report, lock) if final_report else ""
        ),
        "can_screen": case.status == Status.RECEIVED and Role.SCREENER in roles,
        "can_conclude": investigating_role is not None and investigating_role in roles,
        "can_close": case.status == Status.CONCLUDED
        and bool(roles & {Role.INTERNAL_INVESTIGATOR, Role.EXTERNAL_INVESTIGATOR}),
        "can_message": not case.is_closed,
        "handlers": handlers,
        "erasure_day": retention.erasure_day(case),
        "closing_day": closing_due_on(case.concluded_on, organisation.auto_close_days)
        if case.status == Status.CONCLUDED
        else None,
        "exported": case.audit_entries.filter(action="case_exported").exists(),
        "can_reopen": (case.status == Status.DISMISSED and Role.SCREENER in roles)
        or case.status == Status.CLOSED,
    }
