"""What an organisation's admin may change: texts, languages, categories, people and
their roles, senior officials, deadlines, retention. Nothing here reads a case."""

from django.db import transaction
from django.utils.text import slugify

from vissel.cases import audit
from vissel.organisations.models import Category, Membership, Organisation, Role, SeniorOfficial
from vissel.staff import accounts

SETTINGS = (
    "intro",
    "languages",
    "default_language",
    "acknowledgement_days",
    "feedback_months",
    "retention_years",
    "max_file_mb",
    "max_total_mb",
    "max_files",
)


class Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@transaction.atomic
def update_settings(organisation: Organisation, by, **values) -> None:
    if values.get("default_language") not in values.get("languages", [None]):
        raise Refused("default_language")
    changed = [
        name for name in SETTINGS if name in values and getattr(organisation, name) != values[name]
    ]
    for name in changed:
        setattr(organisation, name, values[name])
    organisation.save(update_fields=changed or None)
    audit.record("settings_changed", organisation, actor=by, detail={"fields": changed})


@transaction.atomic
def add_category(organisation: Organisation, by, names: dict) -> Category:
    key = slugify(names.get("en") or names.get("sv")) or "category"
    if organisation.categories.filter(key=key).exists():
        raise Refused("category_exists")
    position = (
        organisation.categories.order_by("-position").values_list("position", flat=True).first()
        or 0
    ) + 1
    category = Category.objects.create(
        organisation=organisation, key=key, names=names, position=position
    )
    audit.record("category_added", organisation, actor=by, detail={"category": key})
    return category


@transaction.atomic
def update_category(category: Category, by, names: dict, position: int, is_active: bool):
    category.names, category.position, category.is_active = names, position, is_active
    category.save(update_fields=["names", "position", "is_active"])
    audit.record(
        "category_changed",
        category.organisation,
        actor=by,
        detail={"category": category.key, "active": is_active},
    )


@transaction.atomic
def invite_person(
    organisation: Organisation, by, username: str, email: str, roles: list[str]
) -> str:
    if not roles:
        raise Refused("no_roles")
    person, token = accounts.invite(organisation, username, roles, email=email, invited_by=by)
    audit.record(
        "person_invited",
        organisation,
        actor=by,
        detail={"person": person.pk, "roles": sorted(roles)},
    )
    return token


@transaction.atomic
def set_roles(organisation: Organisation, by, person, roles: set[str]) -> None:
    """A person's roles here. Whoever loses the role a case needs loses their key to it."""
    current = set(
        Membership.objects.filter(organisation=organisation, person=person).values_list(
            "role", flat=True
        )
    )
    if (
        Role.ADMIN in current - roles
        and not Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .exclude(person=person)
        .exists()
    ):
        raise Refused("last_admin")
    Membership.objects.filter(
        organisation=organisation, person=person, role__in=current - roles
    ).delete()
    for role in roles - current:
        Membership.objects.create(organisation=organisation, person=person, role=role)
    _withdraw_keys(organisation, person)
    audit.record(
        "roles_changed",
        organisation,
        actor=by,
        detail={
            "person": person.pk,
            "added": sorted(roles - current),
            "removed": sorted(current - roles),
        },
    )


def _withdraw_keys(organisation, person) -> None:
    from vissel.cases.access import roles_that_may_read
    from vissel.cases.models import CaseKeySeal

    held = set(
        Membership.objects.filter(organisation=organisation, person=person).values_list(
            "role", flat=True
        )
    )
    for seal in CaseKeySeal.objects.filter(
        case__organisation=organisation, reader=person
    ).select_related("case"):
        if not held & roles_that_may_read(seal.case):
            seal.delete()


@transaction.atomic
def reset_person(organisation: Organisation, by, person) -> str:
    if not Membership.objects.filter(organisation=organisation, person=person).exists():
        raise Refused("not_here")
    token = accounts.reset(person, reset_by=by)
    audit.record("person_reset", organisation, actor=by, detail={"person": person.pk})
    return token


@transaction.atomic
def add_senior_official(
    organisation: Organisation,
    by,
    name: str,
    title: str,
    person=None,
    is_chief_executive: bool = False,
) -> SeniorOfficial:
    official = SeniorOfficial.objects.create(
        organisation=organisation,
        name=name,
        title=title,
        person=person,
        is_chief_executive=is_chief_executive,
    )
    audit.record("senior_official_added", organisation, actor=by, detail={"official": official.pk})
    return official


@transaction.atomic
def remove_senior_official(official: SeniorOfficial, by) -> None:
    from vissel.cases.models import PersonConcerned

    if PersonConcerned.objects.filter(senior_official=official).exists():
        raise Refused("official_named_in_case")
    audit.record(
        "senior_official_removed", official.organisation, actor=by, detail={"official": official.pk}
    )
    official.delete()
