"""Invitations: the only way to an account, and the way back after a reset.

An invitation is a one-time link. Following it, the person sets a password, enrols an
authenticator app (TOTP) and gets a new key pair, its private half wrapped under the
password. A reset is an invitation too: the new key pair opens none of the cases the old
one did, until another reader grants them again.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from vissel.organisations.models import Membership, Organisation
from vissel.staff import totp
from vissel.staff.models import Invitation, Purpose
from vissel.staff.services import give_key_pair, rewrap_private_key, set_second_factor

User = get_user_model()
VALID_FOR = timedelta(days=7)


class InvitationInvalid(Exception):
    """Unknown, used or expired: the same for all three."""


class WrongCode(Exception):
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
def invite(
    organisation: Organisation, username: str, roles: list[str], email: str = "", invited_by=None
) -> tuple[object, str]:
    """A new person with roles in `organisation`, or new roles for an existing one.
    Returns the person and, for a new account, the invitation token (else "")."""
    person = User.objects.filter(username=username).first()
    token = ""
    if person is None:
        person = User.objects.create_user(username=username, email=email, is_active=False)
        person.set_unusable_password()
        person.save()
        token = _issue(person, Purpose.ENROL, invited_by)
    for role in roles:
        Membership.objects.get_or_create(organisation=organisation, person=person, role=role)
    return person, token


@transaction.atomic
def reset(person, reset_by=None) -> str:
    """The person can no longer log in until they follow the new link."""
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
    person.set_password(password)
    person.is_active = True
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
    every case the person could read stays readable."""
    validate_password(new_password, person)
    rewrap_private_key(person, old_password, new_password)
    person.set_password(new_password)
    person.save(update_fields=["password"])
