"""Who holds which role where: the one place the portals and the domain ask."""

from django.contrib.auth import get_user_model

from vissel.organisations.models import Membership, Organisation, Role


def readers_in_role(organisation: Organisation, role: str):
    """Active people holding `role` in `organisation` who have a key pair to seal to."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role=role,
            is_active=True,
            key_pair__isnull=False,
        )
        .select_related("key_pair")
        .distinct()
        .order_by("pk")
    )


def holds_role(person, organisation, *roles) -> bool:
    return Membership.objects.filter(
        organisation=organisation, person=person, role__in=roles
    ).exists()


def roles_of(person, organisation) -> set[str]:
    return set(
        Membership.objects.filter(organisation=organisation, person=person).values_list(
            "role", flat=True
        )
    )


def organisations_served_by(person) -> list[Organisation]:
    return list(Organisation.objects.filter(memberships__person=person).distinct())


def administers_every_organisation_of(acting_user, person) -> bool:
    """Whether every organisation `person` serves is administered by `acting_user`: only
    then may `acting_user` reset, disable or otherwise change the account itself."""
    served = set(Membership.objects.filter(person=person).values_list("organisation_id", flat=True))
    administered = set(
        Membership.objects.filter(person=acting_user, role=Role.ADMIN).values_list(
            "organisation_id", flat=True
        )
    )
    return bool(served) and served <= administered


def admins_of(organisation: Organisation):
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation, memberships__role=Role.ADMIN, is_active=True
        )
        .distinct()
        .order_by("pk")
    )
