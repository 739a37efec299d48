"""The organisation admin's pages. They configure the channel and never read a case."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vissel.organisations import administration
from vissel.organisations.models import Category, PendingApproval, Role, SeniorOfficial
from vissel.organisations.people import administration as people_admin
from vissel.staff import admin_forms
from vissel.staff.decorators import organisation_role_page

REFUSED = {
    "default_language": _("The default language must be one of the languages offered."),
    "category_exists": _("A category with that name exists already."),
    "no_roles": _("Choose at least one role."),
    "last_admin": _("The organisation must keep at least one admin."),
    "not_here": _("That person holds no role here."),
    "official_named_in_case": _("This senior official is named in a case and stays listed."),
    "already_here": _("That person holds roles here already: change them in the list."),
    "self_reading_role": _(
        "Nobody can give themselves a role that reads cases. Ask another admin."
    ),
    "self": _("You cannot do this to your own account. Use “Password” to change yours."),
    "other_organisations": _(
        "This person also serves an organisation you do not administer, so only an admin "
        "of every one of them can reset or disable the account."
    ),
    "decided": _("This request has been decided already."),
    "own_request": _("A second admin must decide on your own request."),
    "not_admin": _("Only the organisation's admins can do this."),
    "other_stays_last": _("“Other” is always listed last."),
}
admin_page = organisation_role_page(Role.ADMIN)


def _people(organisation):
    people = {}
    for membership in organisation.memberships.select_related("person").order_by(
        "person__username"
    ):
        people.setdefault(membership.person, []).append(membership.role)
    return people


def _render(request, organisation, template, status=200, **context):
    return render(
        request, f"staff/admin/{template}", {"org": organisation, **context}, status=status
    )


@admin_page
def settings_page(request, organisation):
    initial = {
        "intro_sv": organisation.intro.get("sv", ""),
        "intro_en": organisation.intro.get("en", ""),
        "languages": organisation.languages,
        "default_language": organisation.default_language,
        **{
            name: getattr(organisation, name)
            for name in (
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
                "onion_address",
                "privacy_contact",
                "accessibility_contact",
                "four_eyes",
            )
        },
        **{
            f"{role}_{language}": organisation.titles.get(role, {}).get(language, "")
            for role in ("chief_executive", "chair")
            for language in ("sv", "en")
        },
        "shortcomings_sv": organisation.accessibility_shortcomings.get("sv", ""),
        "shortcomings_en": organisation.accessibility_shortcomings.get("en", ""),
    }
    form = admin_forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["intro"] = {"sv": data.pop("intro_sv"), "en": data.pop("intro_en")}
        data["titles"] = {
            role: {language: data.pop(f"{role}_{language}") for language in ("sv", "en")}
            for role in ("chief_executive", "chair")
        }
        data["accessibility_shortcomings"] = {
            language: data.pop(f"shortcomings_{language}") for language in ("sv", "en")
        }
        try:
            waiting = administration.update_settings(organisation, request.user, **data)
            return redirect(request.path + ("?done=1&waiting=1" if waiting else "?done=1"))
        except people_admin.Refused as refused:
            form.add_error(None, str(REFUSED[refused.code]))
    return _render(
        request,
        organisation,
        "settings.html",
        form=form,
        status=400 if request.method == "POST" else 200,
    )


@admin_page
def categories(request, organisation):
    form = admin_forms.CategoryForm(request.POST or None, prefix="new", initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            administration.add_category(
                organisation,
                request.user,
                {"sv": form.cleaned_data["name_sv"], "en": form.cleaned_data["name_en"]},
            )
            return redirect(request.path)
        except people_admin.Refused as refused:
            form.add_error(None, str(REFUSED[refused.code]))
    rows = [
        (
            category,
            admin_forms.CategoryForm(
                prefix=f"c{category.pk}",
                initial={
                    "name_sv": category.names.get("sv", ""),
                    "name_en": category.names.get("en", ""),
                    "position": category.position,
                    "is_active": category.is_active,
                },
            ),
        )
        for category in organisation.categories.in_order()
    ]
    return _render(
        request,
        organisation,
        "categories.html",
        form=form,
        rows=rows,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@admin_page
def category(request, organisation, category_id):
    category = get_object_or_404(Category, organisation=organisation, pk=category_id)
    form = admin_forms.CategoryForm(request.POST, prefix=f"c{category.pk}")
    if not form.is_valid():
        return redirect("staff_admin_categories", slug=organisation.slug)
    data = form.cleaned_data
    administration.update_category(
        category,
        request.user,
        {"sv": data["name_sv"], "en": data["name_en"]},
        category.position,
        data["is_active"],
    )
    return redirect("staff_admin_categories", slug=organisation.slug)


@require_POST
@admin_page
def category_move(request, organisation, category_id):
    category = get_object_or_404(Category, organisation=organisation, pk=category_id)
    try:
        administration.move_category(category, request.user, up=request.POST.get("up") == "1")
    except people_admin.Refused as refused:
        return _refused(request, organisation, refused)
    return redirect("staff_admin_categories", slug=organisation.slug)


@admin_page
def people(request, organisation):
    form = admin_forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = people_admin.invite_person(
                organisation,
                request.user,
                form.cleaned_data["username"],
                form.cleaned_data["email"],
                form.cleaned_data["roles"],
            )
            return _render(
                request,
                organisation,
                "link.html",
                outcome=outcome,
                username=form.cleaned_data["username"],
            )
        except people_admin.Refused as refused:
            form.add_error(None, str(REFUSED[refused.code]))
    rows = [
        (person, admin_forms.RolesForm(prefix=f"p{person.pk}", initial={"roles": roles}))
        for person, roles in _people(organisation).items()
    ]
    approvals = PendingApproval.objects.filter(
        organisation=organisation, approved=None
    ).select_related("person", "requested_by")
    return _render(
        request,
        organisation,
        "people.html",
        form=form,
        rows=rows,
        approvals=approvals,
        four_eyes=people_admin.four_eyes_applies(organisation),
        status=400 if request.method == "POST" else 200,
    )


def _member(organisation, person_id):
    person = (
        get_user_model()
        .objects.filter(pk=person_id, memberships__organisation=organisation)
        .distinct()
        .first()
    )
    if person is None:
        raise Http404
    return person


def _refused(request, organisation, refused):
    return _render(request, organisation, "refused.html", message=REFUSED[refused.code], status=400)


@require_POST
@admin_page
def person_roles(request, organisation, person_id):
    person = _member(organisation, person_id)
    form = admin_forms.RolesForm(request.POST, prefix=f"p{person.pk}")
    if form.is_valid():
        try:
            outcome = people_admin.set_roles(
                organisation, request.user, person, set(form.cleaned_data["roles"])
            )
        except people_admin.Refused as refused:
            return _refused(request, organisation, refused)
        if outcome.pending:
            return _render(
                request, organisation, "link.html", outcome=outcome, username=person.username
            )
    return redirect("staff_admin_people", slug=organisation.slug)


@require_POST
@admin_page
def person_reset(request, organisation, person_id):
    person = _member(organisation, person_id)
    try:
        outcome = people_admin.reset_person(organisation, request.user, person)
    except people_admin.Refused as refused:
        return _refused(request, organisation, refused)
    return _render(
        request, organisation, "link.html", outcome=outcome, username=person.username, reset=True
    )


@require_POST
@admin_page
def person_active(request, organisation, person_id):
    person = _member(organisation, person_id)
    try:
        people_admin.set_active(
            organisation, request.user, person, request.POST.get("active") == "1"
        )
    except people_admin.Refused as refused:
        return _refused(request, organisation, refused)
    return redirect("staff_admin_people", slug=organisation.slug)


@require_POST
@admin_page
def approval(request, organisation, approval_id):
    pending = PendingApproval.objects.filter(organisation=organisation, pk=approval_id).first()
    if pending is None:
        raise Http404
    try:
        outcome = people_admin.decide_approval(
            pending, request.user, request.POST.get("approve") == "1"
        )
    except people_admin.Refused as refused:
        return _refused(request, organisation, refused)
    if outcome.token or outcome.offered:
        return _render(
            request,
            organisation,
            "link.html",
            outcome=outcome,
            username=pending.person.username,
            reset=pending.action == "reset",
        )
    return redirect("staff_admin_people", slug=organisation.slug)


@admin_page
def officials(request, organisation):
    people = [person for person in _people(organisation)]
    form = admin_forms.SeniorOfficialForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = next((p for p in people if str(p.pk) == data["person"]), None)
        administration.add_senior_official(
            organisation,
            request.user,
            data["name"],
            data["title"],
            person,
            data["is_chief_executive"],
        )
        return redirect(request.path)
    return _render(
        request,
        organisation,
        "officials.html",
        form=form,
        officials=organisation.senior_officials.select_related("person"),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@admin_page
def official_remove(request, organisation, official_id):
    official = SeniorOfficial.objects.filter(organisation=organisation, pk=official_id).first()
    if official is None:
        raise Http404
    try:
        administration.remove_senior_official(official, request.user)
    except people_admin.Refused as refused:
        return _render(
            request, organisation, "refused.html", message=REFUSED[refused.code], status=400
        )
    return redirect("staff_admin_officials", slug=organisation.slug)
