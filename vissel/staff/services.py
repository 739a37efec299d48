from django.contrib.auth import get_user_model
from django.db import transaction

from vissel.crypto import keys
from vissel.organisations.models import Membership, Organisation
from vissel.staff.models import StaffKeyPair

User = get_user_model()


@transaction.atomic
def create_staff(
    username: str,
    password: str,
    email: str = "",
    memberships: list[tuple[Organisation, str]] = (),
):
    """A staff account with its key pair, the private key wrapped under the password."""
    person = User.objects.create_user(username=username, email=email, password=password)
    give_key_pair(person, password)
    for organisation, role in memberships:
        Membership.objects.create(organisation=organisation, person=person, role=role)
    return person


def give_key_pair(person, password: str) -> StaffKeyPair:
    pair = keys.new_staff_key_pair()
    wrapped = keys.wrap_with_password(pair.private_key, password, keys.staff_key_context(person.pk))
    return StaffKeyPair.objects.create(
        person=person,
        public_key=pair.public_key,
        private_key_salt=wrapped.salt,
        private_key_kdf=wrapped.params,
        wrapped_private_key=wrapped.wrapped,
    )


def unlock_private_key(person, password: str) -> bytes:
    """The private key, for the length of a request; raises DecryptionFailed."""
    return keys.unwrap_with_password(
        person.key_pair.wrapped(), password, keys.staff_key_context(person.pk)
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
