"""What an organisation's admin may do with people and roles, and what they may not.

- An admin changes accounts only where every organisation the account serves is one they
  administer: nobody resets, disables or re-keys a person of another organisation.
- An existing account is never attached to an organisation by an admin: its roles are
  offered, and its owner accepts them logged in as themselves.
- Nobody gives a role that reads cases to themselves. Giving one to anyone, taking one
  away (which destroys the keys it gave), and resetting an account that holds one, is
  e-mailed at once to the organisation's other admins and to the current holders of that
  role, and waits for a second admin's approval while the organisation has two admins or
  more (four eyes, the organisation's setting). To stop someone reading at once, an admin
  disables the account: that keeps the keys, and is announced too.
- Every entry about an account goes to the audit trail of every organisation it serves.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from vissel.audit import trail
from vissel.organisations.models import (
    READING_ROLES,
    SETTING_APPROVALS,
    ApprovalAction,
    Membership,
    Organisation,
    PendingApproval,
    Role,
    RoleOffer,
)
from vissel.organisations.people import accounts, notices
from vissel.organisations.people.roles import (
    administers_every_organisation_of,
    admins_of,
    holds_role,
    organisations_served_by,
    roles_of,
)
from vissel.organisations.people.safeguards import apply_settings
from vissel.organisations.people.signals import roles_withdrawn


class Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Outcome:
    """What an admin's step led to: done, offered to an existing account, or waiting
    for a second admin; with a one-time link where one was made."""

    done: bool = False
    offered: bool = False
    pending: bool = False
    token: str = ""


def access_admin(organisation: Organisation, acting_user) -> None:
    if not holds_role(acting_user, organisation, Role.ADMIN):
        raise Refused("not_admin")


def four_eyes_applies(organisation: Organisation) -> bool:
    return organisation.four_eyes and admins_of(organisation).count() >= 2


def record_about_person(action: str, organisation, person, acting_user, **detail) -> None:
    """In this organisation's trail and in that of every organisation the person serves."""
    served = {org.pk: org for org in organisations_served_by(person)}
    served.setdefault(organisation.pk, organisation)
    for org in served.values():
        trail.record(
            action,
            org,
            acting_user=acting_user,
            detail={"person": person.pk, "organisation": organisation.pk, **detail},
        )


def _apply_roles(organisation, acting_user, person, added: set[str], new_account=False) -> Outcome:
    if not added:
        return Outcome(done=True)
    if not new_account and not roles_of(person, organisation):
        # An account that serves elsewhere (or no one yet): offered, never attached.
        RoleOffer.objects.create(
            organisation=organisation, person=person, roles=sorted(added), offered_by=acting_user
        )
        record_about_person("roles_offered", organisation, person, acting_user, roles=sorted(added))
        notices.roles_offered(organisation, person, added)
        return Outcome(offered=True)
    for role in added:
        Membership.objects.get_or_create(organisation=organisation, person=person, role=role)
    record_about_person("roles_added", organisation, person, acting_user, roles=sorted(added))
    if reading := added & READING_ROLES:
        notices.reading_role_given(organisation, acting_user, person, reading)
    return Outcome(done=True)


def _request_roles(
    organisation, acting_user, person, added: set[str], new_account=False
) -> Outcome:
    reading = added & READING_ROLES
    if reading and person.pk == acting_user.pk:
        raise Refused("self_reading_role")
    if reading and four_eyes_applies(organisation):
        ask_approval(
            organisation, acting_user, person, ApprovalAction.GRANT_ROLES, added, new_account
        )
        return Outcome(pending=True)
    return _apply_roles(organisation, acting_user, person, added, new_account)


@transaction.atomic
def invite_person(organisation, acting_user, username: str, email: str, roles) -> Outcome:
    """A new account with roles here; for an existing username, an offer of the roles."""
    access_admin(organisation, acting_user)
    roles = set(roles)
    if not roles:
        raise Refused("no_roles")
    person = get_user_model().objects.filter(username=username).first()
    if person is not None:
        if roles_of(person, organisation):
            raise Refused("already_here")
        return _request_roles(organisation, acting_user, person, roles)
    person, token = accounts.create_account(username, email, created_by=acting_user)
    record_about_person("person_invited", organisation, person, acting_user)
    # A new account is this organisation's own: what is not waiting for approval applies.
    plain = roles - READING_ROLES if four_eyes_applies(organisation) else roles
    outcome = _apply_roles(organisation, acting_user, person, plain, new_account=True)
    if roles - plain:
        outcome = _request_roles(organisation, acting_user, person, roles - plain, True)
    outcome.token = token
    return outcome


@transaction.atomic
def set_roles(organisation, acting_user, person, roles) -> Outcome:
    """A member's roles here. Whatever is added follows the rules for adding. Whatever
    is taken away goes at once (with the keys it gave), except a role that reads cases
    under four eyes: that waits for a second admin, since its keys cannot be given back."""
    access_admin(organisation, acting_user)
    current = roles_of(person, organisation)
    if not current:
        raise Refused("not_here")
    roles = set(roles)
    removed, added = current - roles, roles - current
    if Role.ADMIN in removed and not admins_of(organisation).exclude(pk=person.pk).exists():
        raise Refused("last_admin")
    waiting = removed & READING_ROLES if four_eyes_applies(organisation) else set()
    if removed - waiting:
        _remove_roles(organisation, acting_user, person, removed - waiting)
    if waiting:
        ask_approval(organisation, acting_user, person, ApprovalAction.REMOVE_ROLES, waiting)
    outcome = _request_roles(organisation, acting_user, person, added)
    outcome.pending = outcome.pending or bool(waiting)
    return outcome


def _remove_roles(organisation, acting_user, person, removed: set[str]) -> None:
    Membership.objects.filter(organisation=organisation, person=person, role__in=removed).delete()
    roles_withdrawn.send(
        sender=Membership,
        organisation=organisation,
        person=person,
        held=roles_of(person, organisation),
    )
    record_about_person("roles_removed", organisation, person, acting_user, roles=sorted(removed))
    if reading := removed & READING_ROLES:
        notices.reading_role_removed(organisation, acting_user, person, reading)


def ask_approval(
    organisation, acting_user, person, action, roles=(), new_account=False, value=""
) -> None:
    """A change that waits for a second admin, who is told by e-mail. A change of a
    setting names the admin who asked as its person."""
    approval = PendingApproval.objects.create(
        organisation=organisation,
        action=action,
        person=person,
        roles=sorted(roles),
        requested_by=acting_user,
        new_account=new_account,
        value=value,
    )
    details = {"roles": sorted(roles)} if roles else {}
    record_about_person(
        "approval_requested", organisation, person, acting_user, change=action, **details
    )
    notices.approval_needed(organisation, acting_user, approval)


def _access_account(organisation, acting_user, person) -> None:
    access_admin(organisation, acting_user)
    if person.pk == acting_user.pk:
        raise Refused("self")
    if not administers_every_organisation_of(acting_user, person):
        raise Refused("other_organisations")


def _do_reset(organisation, acting_user, person) -> str:
    reading = {m.role for m in Membership.objects.filter(person=person) if m.role in READING_ROLES}
    token = accounts.reset_account(person, reset_by=acting_user)
    record_about_person("person_reset", organisation, person, acting_user)
    if reading:
        notices.reader_reset(organisation, acting_user, person, reading)
    return token


@transaction.atomic
def reset_person(organisation, acting_user, person) -> Outcome:
    _access_account(organisation, acting_user, person)
    holds_reading = Membership.objects.filter(person=person, role__in=READING_ROLES).exists()
    if holds_reading and four_eyes_applies(organisation):
        ask_approval(organisation, acting_user, person, ApprovalAction.RESET)
        return Outcome(pending=True)
    return Outcome(done=True, token=_do_reset(organisation, acting_user, person))


@transaction.atomic
def set_active(organisation, acting_user, person, active: bool) -> None:
    """Disable an account (it can no longer log in; its keys stay), or enable it again."""
    _access_account(organisation, acting_user, person)
    person.is_active = active
    person.save(update_fields=["is_active"])
    record_about_person(
        "person_enabled" if active else "person_disabled", organisation, person, acting_user
    )
    reading = roles_of(person, organisation) & READING_ROLES
    if reading and not active:
        notices.reader_disabled(organisation, acting_user, person, reading)


@transaction.atomic
def decide_approval(approval: PendingApproval, acting_user, approve: bool) -> Outcome:
    """A second admin approves or declines; the admin who asked never can."""
    approval = PendingApproval.objects.select_for_update().get(pk=approval.pk)
    organisation = approval.organisation
    access_admin(organisation, acting_user)
    if approval.approved is not None:
        raise Refused("decided")
    if approval.requested_by_id == acting_user.pk:
        raise Refused("own_request")
    giving = approval.action in (ApprovalAction.GRANT_ROLES, ApprovalAction.RESET)
    if approve and approval.person_id == acting_user.pk and giving:
        raise Refused("self_reading_role")
    approval.approved, approval.decided_by, approval.decided_at = (
        approve,
        acting_user,
        timezone.now(),
    )
    approval.save(update_fields=["approved", "decided_by", "decided_at"])
    record_about_person(
        "approval_decided",
        organisation,
        approval.person,
        acting_user,
        change=approval.action,
        approved=approve,
    )
    if not approve:
        return Outcome(done=True)
    if approval.action == ApprovalAction.RESET:
        _access_account(organisation, acting_user, approval.person)
        return Outcome(done=True, token=_do_reset(organisation, acting_user, approval.person))
    if approval.action in SETTING_APPROVALS:
        name, value = SETTING_APPROVALS[approval.action]
        apply_settings(
            organisation, acting_user, {name: approval.value if value is None else value}
        )
        return Outcome(done=True)
    if approval.action == ApprovalAction.REMOVE_ROLES:
        if still_held := set(approval.roles) & roles_of(approval.person, organisation):
            _remove_roles(organisation, acting_user, approval.person, still_held)
        return Outcome(done=True)
    added = set(approval.roles) - roles_of(approval.person, organisation)
    return _apply_roles(organisation, acting_user, approval.person, added, approval.new_account)


@transaction.atomic
def answer_offer(offer: RoleOffer, acting_user, accept: bool) -> None:
    """Only the person offered the roles answers, from their own session."""
    offer = RoleOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.person_id != acting_user.pk or offer.answered_at is not None:
        raise Refused("not_yours")
    offer.accepted, offer.answered_at = accept, timezone.now()
    offer.save(update_fields=["accepted", "answered_at"])
    organisation = offer.organisation
    if accept:
        for role in offer.roles:
            Membership.objects.get_or_create(
                organisation=organisation, person=acting_user, role=role
            )
    record_about_person(
        "roles_offer_accepted" if accept else "roles_offer_declined",
        organisation,
        acting_user,
        acting_user,
        roles=offer.roles,
    )
    if accept and (reading := set(offer.roles) & READING_ROLES):
        notices.reading_role_given(organisation, offer.offered_by, acting_user, reading)
