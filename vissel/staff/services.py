"""Staff accounts: key pairs, second factors, and who holds a role where."""

from django.contrib.auth import get_user_model
from django.db import transaction

from vissel.crypto import keys
from vissel.organisations.models import Membership, Organisation
from vissel.staff import totp
from vissel.staff.models import SecondFactor, StaffKeyPair

User = get_user_model()


@transaction.atomic
def create_staff(
    username: str,
    password: str,
    totp_secret: str,
    email: str = "",
    memberships: list[tuple[Organisation, str]] = (),
):
    """An account ready to log in: password, second factor, key pair. For the demo and
    the tests; real accounts come by invitation (vissel.staff.accounts)."""
    person = User.objects.create_user(username=username, email=email, password=password)
    give_key_pair(person, password)
    set_second_factor(person, totp_secret)
    for organisation, role in memberships:
        Membership.objects.create(organisation=organisation, person=person, role=role)
    return person


def give_key_pair(person, password: str) -> StaffKeyPair:
    """A fresh key pair, replacing any earlier one: what was sealed to the old public key
    can no longer be opened, so those seals are removed."""
    from vissel.cases.models import CaseKeySeal

    CaseKeySeal.objects.filter(reader=person).delete()
    StaffKeyPair.objects.filter(person=person).delete()
    pair = keys.new_staff_key_pair()
    wrapped = keys.wrap_with_password(pair.private_key, password, keys.staff_key_context(person.pk))
    return StaffKeyPair.objects.create(
        person=person,
        public_key=pair.public_key,
        private_key_salt=wrapped.salt,
        private_key_kdf=wrapped.params,
        wrapped_private_key=wrapped.wrapped,
    )


def set_second_factor(person, secret: str) -> SecondFactor:
    factor, _created = SecondFactor.objects.update_or_create(
        person=person,
        defaults={"sealed_secret": totp.seal_secret(person.pk, secret), "last_step": 0},
    )
    return factor


def unlock_private_key(person, password: str) -> bytes:
    """The private key, for the length of a request; raises DecryptionFailed."""
    return keys.unwrap_with_password(
        person.key_pair.wrapped(), password, keys.staff_key_context(person.pk)
    )


def rewrap_private_key(person, old_password: str, new_password: str) -> None:
    private_key = unlock_private_key(person, old_password)
    wrapped = keys.wrap_with_password(private_key, new_password, keys.staff_key_context(person.pk))
    StaffKeyPair.objects.filter(person=person).update(
        private_key_salt=wrapped.salt,
        private_key_kdf=wrapped.params,
        wrapped_private_key=wrapped.wrapped,
    )


def readers_in_role(organisation: Organisation, role: str):
    """Active people holding `role` in `organisation` who have a key pair to seal to."""
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=role,
            is_active=True,
            key_pair__isnull=False,
        )
        .select_related("key_pair")
        .distinct()
        .order_by("pk")
    )
