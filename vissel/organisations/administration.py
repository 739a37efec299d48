"""What an organisation's admin may change about the channel: texts, languages,
categories, senior officials, deadlines, retention, four eyes. People and roles are in
vissel.organisations.people.administration. Nothing here reads a case."""

from django.db import transaction
from django.utils.text import slugify

from vissel.audit import trail
from vissel.organisations.models import (
    OTHER,
    ApprovalAction,
    Category,
    Organisation,
    SeniorOfficial,
)
from vissel.organisations.people.administration import (
    Refused,
    access_admin,
    ask_approval,
    four_eyes_applies,
)
from vissel.organisations.people.safeguards import apply_settings
from vissel.organisations.people.signals import senior_official_in_use

SETTINGS = (
    "intro",
    "languages",
    "default_language",
    "acknowledgement_days",
    "feedback_months",
    "retention_years",
    "auto_close_days",
    "must_archive",
    "max_file_mb",
    "max_total_mb",
    "max_files",
    "max_recording_minutes",
    "meeting_days",
    "max_reports_per_day",
    "four_eyes",
    "titles",
    "onion_address",
    "privacy_contact",
    "accessibility_contact",
    "accessibility_shortcomings",
)


@transaction.atomic
def update_settings(organisation: Organisation, acting_user, **values) -> list[str]:
    """Changes the settings; returns those that wait for a second admin instead: under
    four eyes, turning it off and a new onion address (either could be an admin's first
    step towards reading reports alone)."""
    access_admin(organisation, acting_user)
    if values.get("default_language") not in values.get("languages", [None]):
        raise Refused("default_language")
    changed = [
        name for name in SETTINGS if name in values and getattr(organisation, name) != values[name]
    ]
    waiting = []
    if four_eyes_applies(organisation):
        if "four_eyes" in changed and not values["four_eyes"]:
            waiting.append(("four_eyes", ApprovalAction.FOUR_EYES_OFF, ""))
        if "onion_address" in changed:
            waiting.append(("onion_address", ApprovalAction.ONION_ADDRESS, values["onion_address"]))
    for name, action, value in waiting:
        changed.remove(name)
        ask_approval(organisation, acting_user, acting_user, action, value=value)
    apply_settings(organisation, acting_user, {name: values[name] for name in changed})
    return [name for name, _action, _value in waiting]


@transaction.atomic
def add_category(organisation: Organisation, acting_user, names: dict) -> Category:
    access_admin(organisation, acting_user)
    key = slugify(names.get("en") or names.get("sv")) or "category"
    if organisation.categories.filter(key=key).exists():
        raise Refused("category_exists")
    position = (
        organisation.categories.exclude(key=OTHER)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
        or 0
    ) + 1
    category = Category.objects.create(
        organisation=organisation, key=key, names=names, position=position
    )
    trail.record("category_added", organisation, acting_user=acting_user, detail={"category": key})
    return category


@transaction.atomic
def update_category(category: Category, acting_user, names: dict, position: int, is_active: bool):
    access_admin(category.organisation, acting_user)
    category.names, category.position, category.is_active = names, position, is_active
    category.save(update_fields=["names", "position", "is_active"])
    trail.record(
        "category_changed",
        category.organisation,
        acting_user=acting_user,
        detail={"category": category.key, "active": is_active},
    )


@transaction.atomic
def move_category(category: Category, acting_user, up: bool) -> None:
    """One place up or down among the organisation's categories; "Other" stays last."""
    access_admin(category.organisation, acting_user)
    ordered = [c for c in category.organisation.categories.in_order() if c.key != OTHER]
    if category not in ordered:
        raise Refused("other_stays_last")
    index = ordered.index(category)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    trail.record(
        "category_moved",
        category.organisation,
        acting_user=acting_user,
        detail={"category": category.key, "up": up},
    )


@transaction.atomic
def add_senior_official(
    organisation: Organisation,
    acting_user,
    name: str,
    title: str,
    person=None,
    is_chief_executive: bool = False,
) -> SeniorOfficial:
    access_admin(organisation, acting_user)
    official = SeniorOfficial.objects.create(
        organisation=organisation,
        name=name,
        title=title,
        person=person,
        is_chief_executive=is_chief_executive,
    )
    trail.record(
        "senior_official_added",
        organisation,
        acting_user=acting_user,
        detail={"official": official.pk},
    )
    return official


@transaction.atomic
def remove_senior_official(official: SeniorOfficial, acting_user) -> None:
    access_admin(official.organisation, acting_user)
    in_use = senior_official_in_use.send(sender=SeniorOfficial, official=official)
    if any(answer for _receiver, answer in in_use):
        raise Refused("official_named_in_case")
    trail.record(
        "senior_official_removed",
        official.organisation,
        acting_user=acting_user,
        detail={"official": official.pk},
    )
    official.delete()
