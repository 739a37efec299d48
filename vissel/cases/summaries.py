"""The half-year summary of dismissed reports (S16), delivered to the internal function
by `vissel tick` on the first tick on or after 1 January and 1 July, and produced for any
period on demand. Read from the cases' plain fields only: register number, days, category
and the ground of dismissal; never a written reason."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vissel.cases.models import Case, DismissalGround, Status
from vissel.cases.registry import access_register
from vissel.organisations.models import Organisation, Role
from vissel.organisations.people.roles import readers_in_role
from vissel.records.models import HalfYearSummary
from vissel.records.summary import SummaryDocument, SummaryEntry, half_year_before, summary_pdf


def dismissed_between(organisation, starts_on: date, ends_on: date, language: str):
    """The reports dismissed (and still dismissed) from `starts_on` to `ends_on`."""
    cases = (
        Case.objects.in_organisation(organisation)
        .filter(status=Status.DISMISSED, closed_on__range=(starts_on, ends_on))
        .select_related("category")
        .order_by("closed_on", "register_number")
    )
    with translation.override(language):
        return [
            SummaryEntry(
                case.register_number,
                case.received_on,
                case.closed_on,
                case.category.name_in(language),
                str(DismissalGround(case.dismissal_ground).label) if case.dismissal_ground else "",
            )
            for case in cases
        ]


def summary_for(organisation, acting_user, starts_on: date, ends_on: date, language: str):
    access_register(organisation, acting_user)
    return dismissed_between(organisation, starts_on, ends_on, language)


def summary_document(organisation, acting_user, starts_on, ends_on, language) -> bytes:
    entries = summary_for(organisation, acting_user, starts_on, ends_on, language)
    return summary_pdf(
        SummaryDocument(
            organisation=organisation.name,
            starts_on=starts_on,
            ends_on=ends_on,
            produced_on=timezone.localdate(),
            language=language,
            entries=entries,
        )
    )


def deliver_half_year_summaries(today: date) -> int:
    """Deliver the summary of the half year before `today` to every organisation that
    existed when it ended, once; and mail its internal function that it is there."""
    starts_on, ends_on = half_year_before(today)
    delivered = 0
    for organisation in Organisation.objects.filter(created_at__date__lte=ends_on):
        try:
            with transaction.atomic():
                HalfYearSummary.objects.create(
                    organisation=organisation,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    delivered_on=today,
                )
                delivered += 1
        except IntegrityError:
            pass  # delivered already, by this tick before or by another at once
    _mail_new_summaries()
    return delivered


def _mail_new_summaries() -> None:
    while True:
        with transaction.atomic():
            summary = (
                HalfYearSummary.objects.select_for_update(skip_locked=True)
                .filter(mailed_at=None)
                .select_related("organisation")
                .first()
            )
            if summary is None:
                return
            organisation = summary.organisation
            recipients = [
                person.email
                for person in readers_in_role(organisation, Role.INTERNAL_INVESTIGATOR)
                if person.email
            ]
            if recipients:
                with translation.override(organisation.default_language):
                    subject, body = _message(summary)
                send_mail(subject, body, None, recipients)
            summary.mailed_at = timezone.now()
            summary.save(update_fields=["mailed_at"])


def _message(summary) -> tuple[str, str]:
    link = f"{settings.VISSEL_BASE_URL.rstrip('/')}/staff/{summary.organisation.slug}/summaries/"
    words = {
        "organisation": summary.organisation.name,
        "start": summary.starts_on.isoformat(),
        "end": summary.ends_on.isoformat(),
        "link": link,
    }
    subject = _("Vissel: half-year summary of dismissed reports (%(organisation)s)") % words
    body = (
        _(
            "The summary of the reports dismissed from %(start)s to %(end)s in %(organisation)s "
            "is ready.\n\nLog in to read it:\n%(link)s\n\n"
            "This message never contains anything from the reports."
        )
        % words
    )
    return subject, body
