from dataclasses import dataclass, field
from datetime import date

from vissel.cases.deadlines import Deadline, by_urgency, open_deadlines
from vissel.cases.models import Case, FinalReport
from vissel.cases.visibility import cases_visible_to, final_reports_for
from vissel.organisations.models import Membership, Organisation, PendingApproval, Role, RoleOffer


@dataclass
class OrganisationDesk:
    organisation: Organisation
    roles: list[str]
    cases: list[tuple[Case, list[Deadline]]]
    final_reports: list[FinalReport]
    is_admin: bool = False
    approvals: list[PendingApproval] = field(default_factory=list)


def dashboard_for(person, today: date | None = None) -> list[OrganisationDesk]:
    """Per organisation the person serves: their roles and the cases they may see,
    the most urgent first."""
    today = today or date.today()
    desks: dict[int, OrganisationDesk] = {}
    for membership in Membership.objects.filter(person=person).select_related("organisation"):
        desk = desks.setdefault(
            membership.organisation_id, OrganisationDesk(membership.organisation, [], [], [])
        )
        desk.roles.append(membership.get_role_display())
        desk.is_admin = desk.is_admin or membership.role == Role.ADMIN
    for desk in desks.values():
        cases = cases_visible_to(person, desk.organisation)
        desk.cases = sorted(((case, open_deadlines(case, today)) for case in cases), key=by_urgency)
        desk.final_reports = list(final_reports_for(person, desk.organisation))
        if desk.is_admin:
            desk.approvals = list(
                PendingApproval.objects.filter(organisation=desk.organisation, approved=None)
                .exclude(requested_by=person)
                .select_related("person", "requested_by")
            )
    return sorted(desks.values(), key=lambda desk: desk.organisation.name)


def open_offers(person) -> list[RoleOffer]:
    """Roles offered to this person, waiting for their answer."""
    return list(
        RoleOffer.objects.filter(person=person, answered_at__isnull=True).select_related(
            "organisation", "offered_by"
        )
    )
