"""An organisation's statistics for a period, from the cases' plain fields: the figures
themselves, and the threshold that keeps them from singling out a reporter, are
`vissel.records.statistics`."""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from vissel.cases.models import Case, Channel, Coverage, Outcome
from vissel.cases.registry import access_statistics
from vissel.records.statistics import CaseFacts, Figures, figures


def case_facts(organisation, starts_on: date, ends_on: date, language: str) -> list[CaseFacts]:
    """The cases received from `starts_on` to `ends_on`, as display labels and days."""
    cases = (
        Case.objects.in_organisation(organisation)
        .filter(received_on__range=(starts_on, ends_on))
        .select_related("category")
    )
    with translation.override(language):
        return [
            CaseFacts(
                category=case.category.name_in(language),
                outcome=str(Outcome(case.outcome).label) if case.outcome else "",
                channel=str(Channel(case.channel).label),
                covered=str(Coverage(case.coverage).label) if case.coverage else _("not assessed"),
                received_on=case.received_on,
                acknowledge_by=case.acknowledge_by,
                acknowledged_on=case.acknowledged_on,
                feedback_by=case.feedback_by,
                feedback_given_on=case.feedback_given_on,
                closed_on=case.closed_on,
            )
            for case in cases
        ]


def organisation_figures(
    organisation, acting_user, starts_on: date, ends_on: date, language: str, today: date
) -> Figures:
    access_statistics(organisation, acting_user)
    categories = [category.name_in(language) for category in organisation.categories.all()]
    return figures(
        case_facts(organisation, starts_on, ends_on, language), today, categories=categories
    )
