import uuid

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vissel.cases.worklist import Filters
from vissel.crypto import DecryptionFailed
from vissel.crypto.kdf import KdfBusy
from vissel.organisations.models import RoleOffer
from vissel.organisations.people import accounts, totp
from vissel.organisations.people.administration import Refused, answer_offer
from vissel.organisations.people.login import CodeReused
from vissel.staff import authentication
from vissel.staff.decorators import staff_page
from vissel.staff.forms import (
    EnrolmentForm,
    PasswordChangeForm,
    StaffLoginForm,
    WorklistFilterForm,
)
from vissel.staff.selectors import desks_of, open_desk, open_offers
from vissel.web import language
from vissel.web.busy import busy_response
from vissel.web.messages import delay_message, wait_message
from vissel.web.throttle import LoginRefused


def login(request):
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            authentication.log_in(
                request,
                form.cleaned_data["username"],
                form.cleaned_data["password"],
                form.cleaned_data["code"],
            )
            return redirect("staff_dashboard")
        except KdfBusy:
            return busy_response(request)
        except CodeReused:
            form.add_error(
                "code",
                _(
                    "This code has been used already. Wait until your app shows the next "
                    "code, then log in with it."
                ),
            )
        except LoginRefused as refused:
            if refused.delayed:
                form.add_error(None, delay_message(refused.wait_seconds))
            else:
                message = _("The username, password or code is wrong.")
                if refused.wait_seconds:
                    message += " " + wait_message(refused.wait_seconds)
                form.add_error(None, message)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "staff/login.html", {"form": form, "done": request.GET.get("done")}, status=status
    )


@require_POST
def logout(request):
    authentication.log_out(request)
    return redirect("/staff/login/?done=logout")


def invitation(request, token):
    try:
        invitation = accounts.open_invitation(token)
    except accounts.InvitationInvalid:
        return render(request, "staff/invitation_invalid.html", status=404)
    held = request.session.get("enrolment")
    if not held or held.get("invitation") != str(invitation.pk):
        held = {"invitation": str(invitation.pk), "secret": totp.new_secret()}
        request.session["enrolment"] = held
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.accept(
                invitation, form.cleaned_data["password"], held["secret"], form.cleaned_data["code"]
            )
            request.session.pop("enrolment", None)
            return redirect("/staff/login/?done=enrolled")
        except ValidationError as exc:
            form.add_error("password", exc)
        except accounts.WrongCode:
            form.add_error(
                "code",
                _(
                    "The code does not match. Check that the app shows "
                    "“Vissel” and try the newest code."
                ),
            )
        except accounts.InvitationInvalid:
            return render(request, "staff/invitation_invalid.html", status=404)
    uri = totp.provisioning_uri(held["secret"], invitation.person.username)
    return render(
        request,
        "staff/invitation.html",
        {
            "form": form,
            "invitation": invitation,
            "qr_svg": totp.qr_svg(uri),
            "secret": held["secret"],
        },
        status=400 if request.method == "POST" else 200,
    )


MOST_PAGES = 100_000


def page_number(typed: str) -> int:
    """A page number from the address: ASCII digits only ("²" is a digit to Python, not
    to int()), and within reach, so that a made-up address is page 1, not an error."""
    if typed.isascii() and typed.isdigit() and len(typed) <= 6:
        return min(max(1, int(typed)), MOST_PAGES)
    return 1


def case_id_or_none(typed: str):
    """The case a Next or Previous link names (the last of the page before, the first
    of the page after), or None."""
    try:
        return uuid.UUID(typed) if len(typed) <= 36 else None
    except ValueError:
        return None


@staff_page
def dashboard(request):
    desks = desks_of(request.user)
    chosen = request.GET.get("org")
    shown = next((desk for desk in desks if desk.organisation.slug == chosen), None) or (
        desks[0] if desks else None
    )
    form = WorklistFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else Filters()
    if shown is not None:
        page = page_number(request.GET.get("page", ""))
        after = case_id_or_none(request.GET.get("after", ""))
        before = case_id_or_none(request.GET.get("before", ""))
        open_desk(request.user, shown, filters, page, after=after, before=before)
    query = request.GET.copy()
    for moved in ("page", "after", "before"):
        query.pop(moved, None)
    if shown is not None:
        query["org"] = shown.organisation.slug
    return render(
        request,
        "staff/dashboard.html",
        {
            "desks": desks,
            "desk": shown,
            "filter_form": form,
            "filters": filters,
            "query": query.urlencode(),
            "offers": open_offers(request.user),
        },
    )


@require_POST
@staff_page
def offer(request, offer_id):
    """The person offered roles answers, logged in as themselves."""
    offered = RoleOffer.objects.filter(pk=offer_id, person=request.user).first()
    if offered is None:
        raise Http404
    try:
        answer_offer(offered, request.user, request.POST.get("accept") == "1")
    except Refused:
        raise Http404 from None
    return redirect("staff_dashboard")


@staff_page
def password(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.change_password(
                request.user, form.cleaned_data["old_password"], form.cleaned_data["password"]
            )
            update_session_auth_hash(request, request.user)
            return redirect("/staff/?done=password")
        except DecryptionFailed:
            form.add_error("old_password", _("The current password is wrong."))
        except KdfBusy:
            return busy_response(request)
        except ValidationError as exc:
            form.add_error("password", exc)
    return render(
        request,
        "staff/password.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def switch_language(request):
    return language.switch_language(
        request, [code for code, _name in settings.LANGUAGES], within="/staff/"
    )
