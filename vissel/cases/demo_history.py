"""Two and a half years of made-up cases for the demo organisation, so that `make run`
shows the register, the statistics, a half-year summary and an erasure on time without
waiting for the calendar. Each case goes through the real services (encrypted, sealed,
screened, concluded, audited) and is then moved back in time: only its plain dates
change, and the register is numbered again in the order the cases were received. The
audit trail keeps the real times. Only for the demo organisation, and only while it has
no case."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from vissel.cases import workflow
from vissel.cases.models import Case, Decision, Message
from vissel.cases.services import Submission, open_case, unlock_as_reader
from vissel.crypto import aead
from vissel.crypto.lock import CaseLock
from vissel.organisations.people.keys import unlock_private_key
from vissel.records.models import RegisterCounter
from vissel.records.register import next_register_number

# (days ago received, category, what happened, what became of it)
HISTORY = [
    (940, "fraud", "Reseräkningar för resor som aldrig gjordes.", "closed"),
    (420, "bribery", "En leverantör bjöd på en resa före upphandlingen.", "closed"),
    (330, "misconduct", "Ett klagomål på schemaläggningen.", "dismiss:not_wrongdoing"),
    (300, "theft", "Verktyg försvinner från förrådet.", "dismiss:insufficient"),
    (290, "fraud", "Dubbla fakturor för snöröjning.", "concluded"),
    (280, "fraud", "Konsultfakturor utan avtal.", "concluded"),
    (250, "abuse-of-position", "En chef anställde sin svåger.", "dismiss:already_known"),
    (240, "fraud", "Bidrag betalades ut två gånger.", "internal"),
    (200, "fraud", "Kvitton ändrades efter attest.", "dismiss:not_work_related"),
    (190, "bribery", "Presentkort till en handläggare.", "internal"),
    (180, "fraud", "Timmar rapporterades för ett stängt bygge.", "internal"),
    (150, "theft", "Bränslekort används privat.", "internal"),
    (60, "fraud", "Leasingbil används av en anhörig.", "received"),
    (20, "misconduct", "Hot mot en kollega i personalrummet.", "received"),
    (3, "fraud", "Faktura från ett bolag som inte finns.", "received"),
]
SCREENED_AFTER = 2  # days from receipt
PASSWORDS = {
    "screener@demo": "demo-screener-2026",
    "jurist@demo": "demo-jurist-2026",
}


def create_demo_history(organisation) -> int:
    """Make the history once; returns how many cases it made (0 if there were cases)."""
    if Case.objects.in_organisation(organisation).exists():
        return 0
    people = {name: get_user_model().objects.get(username=name) for name in PASSWORDS}
    keys = {name: unlock_private_key(person, PASSWORDS[name]) for name, person in people.items()}
    categories = {category.key: category for category in organisation.categories.all()}
    made = []
    for days_ago, category, what, fate in HISTORY:
        case = _file(organisation, categories[category], what)
        _follow(case, fate, people, keys)
        made.append((case.pk, days_ago))
    with transaction.atomic():
        for case_id, days_ago in made:
            _move_back(Case.objects.get(pk=case_id), timedelta(days=days_ago))
        _number_again(organisation)
        # The organisation has had its channel as long as its history: it is owed the
        # summaries of the half years it has seen.
        organisation.created_at = timezone.now() - timedelta(days=max(d for _i, d in made))
        organisation.save(update_fields=["created_at"])
    return len(made)


def _file(organisation, category, what: str) -> Case:
    submission = Submission(
        organisation=organisation,
        lock=CaseLock(uuid.uuid4(), aead.new_key()),
        category=category,
        texts={"what_happened": what, "relationship": "employee"},
        contact={"mode": "anonymous", "name": "", "phone": "", "email": ""},
    )
    return open_case(submission).case


def _follow(case: Case, fate: str, people, keys) -> None:
    screener, jurist = people["screener@demo"], people["jurist@demo"]
    if fate == "received":
        return
    lock = unlock_as_reader(case, screener, keys["screener@demo"])
    if fate.startswith("dismiss:"):
        workflow.screen(
            case,
            lock,
            screener,
            "dismiss",
            "Demo: inte ett visselblåsarärende.",
            message_to_reporter="Tack. Det här hanteras bäst av din chef eller HR.",
            dismissal_ground=fate.split(":", 1)[1],
        )
        return
    workflow.screen(case, lock, screener, "internal", "Demo: visselblåsarärende.")
    lock = unlock_as_reader(case, jurist, keys["jurist@demo"])
    workflow.message_reporter(case, lock, jurist, "Tack, vi har tagit emot din anmälan.")
    if fate == "internal":
        return
    workflow.message_reporter(
        case, lock, jurist, "Vi har utrett och vidtagit åtgärder.", is_feedback=True
    )
    workflow.conclude(case, lock, jurist, "confirmed", "Demo: slutrapport.", "Utrett.")
    if fate == "closed":
        workflow.close(case, lock, jurist, "Åtgärder vidtagna.")


def _move_back(case: Case, by: timedelta) -> None:
    """Back by `by`, each step a few days after the one before, as cases go."""
    after = {"acknowledged_on": 3, "feedback_given_on": 60, "concluded_on": 70, "closed_on": 90}
    if case.dismissal_ground:
        after["closed_on"] = SCREENED_AFTER  # dismissed when screened
    for name in (
        "received_on",
        "acknowledge_by",
        "feedback_by",
        "acknowledged_on",
        "feedback_given_on",
        "concluded_on",
        "closed_on",
    ):
        day = getattr(case, name)
        if day is not None:
            setattr(case, name, day - by + timedelta(days=after.get(name, 0)))
    case.save()
    for message in Message.objects.filter(case=case):
        later = 60 if message.is_feedback else SCREENED_AFTER if case.dismissal_ground else 3
        Message.objects.filter(pk=message.pk).update(
            sent_on=message.sent_on - by + timedelta(days=later)
        )
    for decision in Decision.objects.filter(case=case):
        later = {"conclude": 70, "close": 90}.get(decision.kind, SCREENED_AFTER)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=decision.decided_at - by + timedelta(days=later)
        )


def _number_again(organisation) -> None:
    RegisterCounter.objects.filter(organisation=organisation).delete()
    cases = Case.objects.in_organisation(organisation).order_by("received_on", "pk")
    Case.objects.in_organisation(organisation).update(register_number="")
    for case in cases:
        case.register_number = next_register_number(organisation, case.received_on.year)
        case.save(update_fields=["register_number"])
