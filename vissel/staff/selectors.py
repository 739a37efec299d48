from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import translation

from vissel.cases.deadlines import open_deadlines
from vissel.cases.models import FinalReport
from vissel.cases.registry import RECORD_KEEPERS, STATISTICS_READERS
from vissel.cases.visibility import final_reports_for
from vissel.cases.worklist import Filters, worklist
from vissel.organisations.models import Membership, Organisation, PendingApproval, Role, RoleOffer

HANDLING_ROLES = (Role.SCREENER, Role.INTERNAL_INVESTIGATOR, Role.EXTERNAL_INVESTIGATOR)


@dataclass
class OrganisationDesk:
    organisation: Organisation
    roles: list[str]
    is_admin: bool = False
    role_codes: set = field(default_factory=set)
    cases: object = None  # a page of the worklist, for the organisation shown
    rows: list = field(default_factory=list)  # (case, its open deadlines) on that page
    final_reports: list[FinalReport] = field(default_factory=list)
    approvals: list[PendingApproval] = field(default_factory=list)
    categories: list = field(default_factory=list)
    handlers: list = field(default_factory=list)

    @property
    def keeps_records(self) -> bool:
        """Links the register and the half-year summaries."""
        return bool(self.role_codes & set(RECORD_KEEPERS))

    @property
    def reads_statistics(self) -> bool:
        return bool(self.role_codes & set(STATISTICS_READERS))


def desks_of(person) -> list[OrganisationDesk]:
    """The organisations the person serves, with their roles there."""
    desks: dict[int, OrganisationDesk] = {}
    for membership in Membership.objects.filter(person=person).select_related("organisation"):
        desk = desks.setdefault(
            membership.organisation_id, OrganisationDesk(membership.organisation, [])
        )
        desk.roles.append(membership.get_role_display())
        desk.is_admin = desk.is_admin or membership.role == Role.ADMIN
        desk.role_codes.add(membership.role)
    return sorted(desks.values(), key=lambda desk: desk.organisation.name)


def open_desk(
    person,
    desk: OrganisationDesk,
    filters: Filters,
    page: int,
    today: date | None = None,
    after=None,
    before=None,
) -> OrganisationDesk:
    """One organisation's worklist page, its final reports, approvals and filter
    choices: the same few queries whatever the number of cases."""
    today = today or date.today()
    organisation = desk.organisation
    desk.cases = worklist(person, organisation, filters, today, page, after, before)
    language = translation.get_language() or organisation.default_language
    desk.rows = [
        (case, open_deadlines(case, today), case.category.name_in(language)) for case in desk.cases
    ]
    desk.final_reports = list(final_reports_for(person, organisation))
    desk.categories = [
        (category.key, category.name_in(language))
        for category in organisation.categories.in_order()
    ]
    desk.handlers = list(
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=HANDLING_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )
    if desk.is_admin:
        desk.approvals = list(
            PendingApproval.objects.filter(organisation=organisation, approved=None)
            .exclude(requested_by=person)
            .select_related("person", "requested_by")
        )
    return desk


def open_offers(person) -> list[RoleOffer]:
    """Roles offered to this person, waiting for their answer."""
    return list(
        RoleOffer.objects.filter(person=person, answered_at__isnull=True).select_related(
            "organisation", "offered_by"
        )
    )
