"""Finding the case a staff page is about: once, for every case page, so that a forgotten
filter is impossible. Not visible to this person, or concerning them: 404, as for a case
that does not exist."""

from functools import wraps

from django.http import Http404

from vissel.audit import trail
from vissel.cases.models import Case, CaseKeySeal
from vissel.cases.services import unlock_as_reader
from vissel.cases.visibility import cases_visible_to, final_reports_for
from vissel.crypto import DecryptionFailed
from vissel.organisations.selectors import organisation_by_slug
from vissel.staff.decorators import staff_page


def visible_case(person, org_slug: str, case_id) -> Case:
    organisation = organisation_by_slug(org_slug)
    case = (
        cases_visible_to(person, organisation)
        .filter(pk=case_id)
        .select_related("organisation", "category")
        .first()
        if organisation
        else None
    )
    if case is None:
        raise Http404
    return case


def case_page(view):
    """The view receives the case and its key, unlocked with the person's private key."""

    @staff_page
    @wraps(view)
    def wrapper(request, slug, case_id, *args, **kwargs):
        case = visible_case(request.user, slug, case_id)
        try:
            lock = unlock_as_reader(case, request.user, request.private_key)
        except (CaseKeySeal.DoesNotExist, DecryptionFailed):
            raise Http404 from None
        return view(request, case, lock, *args, **kwargs)

    return wrapper


def final_report_page(view):
    """For the report's recipient: the final report only, nothing else of the case."""

    @staff_page
    @wraps(view)
    def wrapper(request, slug, case_id, *args, **kwargs):
        organisation = organisation_by_slug(slug)
        report = (
            final_reports_for(request.user, organisation).filter(case_id=case_id).first()
            if organisation
            else None
        )
        if report is None:
            raise Http404
        return view(request, report, *args, **kwargs)

    return wrapper


def record_read(case: Case, person, what: str) -> None:
    trail.record("case_read", case.organisation, case, person, detail={"what": what})
