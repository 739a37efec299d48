"""Staff key pairs: created at enrolment, unlocked at login, re-wrapped on a password
change or a KEK rotation, replaced on a reset."""

from django.db import transaction

from vissel.crypto import keys
from vissel.organisations.models import SecondFactor, StaffKeyPair
from vissel.organisations.people import totp
from vissel.organisations.people.signals import key_pair_replaced


def give_key_pair(person, password: str) -> StaffKeyPair:
    """A fresh key pair, replacing any earlier one: what was sealed to the old public key
    can no longer be opened, so those seals are removed (by the cases domain)."""
    key_pair_replaced.send(sender=StaffKeyPair, person=person)
    StaffKeyPair.objects.filter(person=person).delete()
    pair = keys.new_key_pair()
    wrapped = keys.wrap_staff_private_key(pair.private_key, password, person.pk)
    return StaffKeyPair.objects.create(
        person=person,
        public_key=pair.public_key,
        private_key_salt=wrapped.salt,
        private_key_kdf=wrapped.params,
        kek_id=wrapped.kek_id,
        wrapped_private_key=wrapped.wrapped,
    )


def set_second_factor(person, secret: str) -> SecondFactor:
    factor, _created = SecondFactor.objects.update_or_create(
        person=person,
        defaults={"encrypted_secret": totp.encrypt_secret(person.pk, secret), "last_step": 0},
    )
    return factor


def unlock_private_key(person, password: str) -> bytes:
    """The private key, for the length of a request; raises DecryptionFailed, and
    KdfBusy when the process is busy deriving other keys."""
    return keys.unwrap_staff_private_key(person.key_pair.wrapped(), password, person.pk)


def _store(person, wrapped: keys.StaffWrappedKey) -> None:
    StaffKeyPair.objects.filter(person=person).update(
        private_key_salt=wrapped.salt,
        private_key_kdf=wrapped.params,
        kek_id=wrapped.kek_id,
        wrapped_private_key=wrapped.wrapped,
    )


def rewrap_private_key(person, old_password: str, new_password: str) -> None:
    private_key = unlock_private_key(person, old_password)
    _store(person, keys.wrap_staff_private_key(private_key, new_password, person.pk))


def rewrap_all_under_newest_kek() -> tuple[int, set[str]]:
    """After `vissel rotate-kek` put a new key first: every key pair moves under it.
    Returns how many moved, and the KEK ids still in use (the newest only, when done)."""
    moved = 0
    for pair in StaffKeyPair.objects.select_related("person"):
        with transaction.atomic():
            fresh = keys.rewrap_under_newest_kek(pair.wrapped(), pair.person_id)
            if fresh.kek_id != pair.kek_id:
                _store(pair.person, fresh)
                moved += 1
    return moved, set(StaffKeyPair.objects.values_list("kek_id", flat=True).distinct())
