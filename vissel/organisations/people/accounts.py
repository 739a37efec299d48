"""Staff accounts: invitations (the only way to an account, and the way back after a
reset), enrolment, password changes.

An invitation is a one-time link. Following it, the person sets a password, enrols an
authenticator app (TOTP) and gets a new key pair, its private half wrapped under the
password and the server's KEK. Django keeps no password hash of ours: the wrapped key is
the only verifier, so a copy of the database holds nothing to guess against. A reset
destroys the key pair at once (the person cannot log in until they follow the new link),
and the new key pair opens none of the cases the old one did until a reader grants them.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from vissel.organisations.models import Invitation, Membership, Organisation, Purpose, StaffKeyPair
from vissel.organisations.people import totp
from vissel.organisations.people.keys import (
    give_key_pair,
    rewrap_private_key,
    set_second_factor,
)
from vissel.organisations.people.signals import key_pair_replaced

User = get_user_model()
VALID_FOR = timedelta(days=7)


class InvitationInvalid(Exception):
    """Unknown, used or expired: the same for all three."""


class WrongCode(Exception):
    pass


class UsernameTaken(Exception):
    pass


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(person, purpose: str, created_by=None) -> str:
    token = secrets.token_urlsafe(32)
    Invitation.objects.filter(person=person, used_at__isnull=True).delete()
    Invitation.objects.create(
        person=person,
        token_hash=_hash(token),
        purpose=purpose,
        created_by=created_by,
        expires_at=timezone.now() + VALID_FOR,
    )
    return token


@transaction.atomic
def create_account(username: str, email: str = "", created_by=None) -> tuple[object, str]:
    """A new, inactive account and its enrolment token. Never an existing username:
    roles for an existing account are offered, and accepted by its owner."""
    if User.objects.filter(username=username).exists():
        raise UsernameTaken
    person = User.objects.create_user(username=username, email=email, is_active=False)
    person.set_unusable_password()
    person.save()
    return person, _issue(person, Purpose.ENROL, created_by)


@transaction.atomic
def reset_account(person, reset_by=None) -> str:
    """The key pair and second factor are destroyed now; every session of the person
    ends (their session hash changes); they return only through the new link."""
    key_pair_replaced.send(sender=StaffKeyPair, person=person)
    StaffKeyPair.objects.filter(person=person).delete()
    person.set_unusable_password()
    person.save(update_fields=["password"])
    return _issue(person, Purpose.RESET, reset_by)


def open_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("person")
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    return invitation


@transaction.atomic
def accept(invitation: Invitation, password: str, totp_secret: str, code: str):
    """Set the password, enrol the second factor, create the key pair. Raises
    ValidationError for a weak password and WrongCode for a code that does not match."""
    person = invitation.person
    validate_password(password, person)
    step = totp.accepted_step(totp_secret, code, last_step=0)
    if step is None:
        raise WrongCode
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise InvitationInvalid
    person.is_active = True
    person.set_unusable_password()  # a fresh session hash; the key pair verifies logins
    person.save(update_fields=["password", "is_active"])
    give_key_pair(person, password)
    factor = set_second_factor(person, totp_secret)
    factor.last_step = step  # the code just used cannot log in again
    factor.save(update_fields=["last_step"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return person


@transaction.atomic
def change_password(person, old_password: str, new_password: str) -> None:
    """The private key is re-wrapped under the new password; it stays the same key, so
    every case the person could read stays readable. Other sessions end."""
    validate_password(new_password, person)
    rewrap_private_key(person, old_password, new_password)
    person.set_unusable_password()
    person.save(update_fields=["password"])


@transaction.atomic
def create_staff(
    username: str,
    password: str,
    totp_secret: str,
    email: str = "",
    memberships: list[tuple[Organisation, str]] = (),
):
    """An account ready to log in: key pair and second factor. For the demo and the
    tests; real accounts come by invitation."""
    person = User.objects.create_user(username=username, email=email)
    person.set_unusable_password()
    person.save(update_fields=["password"])
    give_key_pair(person, password)
    set_second_factor(person, totp_secret)
    for organisation, role in memberships:
        Membership.objects.create(organisation=organisation, person=person, role=role)
    return person
