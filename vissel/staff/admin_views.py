"""The organisation admin's pages. They configure the channel and never read a case."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vissel.organisations import administration
from vissel.organisations.models import Category, Role, SeniorOfficial
from vissel.staff import admin_forms
from vissel.staff.decorators import organisation_role_page

REFUSED = {
    "default_language": _("The default language must be one of the languages offered."),
    "category_exists": _("A category with that name exists already."),
    "no_roles": _("Choose at least one role."),
    "last_admin": _("The organisation must keep at least one admin."),
    "not_here": _("That person holds no role here."),
    "official_named_in_case": _("This senior official is named in a case and stays listed."),
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
                "max_file_mb",
                "max_total_mb",
                "max_files",
            )
        },
    }
    form = admin_forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["intro"] = {"sv": data.pop("intro_sv"), "en": data.pop("intro_en")}
        try:
            administration.update_settings(organisation, request.user, **data)
            return redirect(request.path + "?done=1")
        except administration.Refused as refused:
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
        except administration.Refused as refused:
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
        for category in organisation.categories.all()
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
    category = Category.objects.filter(organisation=organisation, pk=category_id).first()
    if category is None:
        raise Http404
    form = admin_forms.CategoryForm(request.POST, prefix=f"c{category.pk}")
    if not form.is_valid():
        return redirect("staff_admin_categories", org=organisation.slug)
    data = form.cleaned_data
    administration.update_category(
        category,
        request.user,
        {"sv": data["name_sv"], "en": data["name_en"]},
        data["position"] or 0,
        data["is_active"],
    )
    return redirect("staff_admin_categories", org=organisation.slug)


@admin_page
def people(request, organisation):
    form = admin_forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = administration.invite_person(
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
                token=token,
                username=form.cleaned_data["username"],
            )
        except administration.Refused as refused:
            form.add_error(None, str(REFUSED[refused.code]))
    rows = [
        (person, admin_forms.RolesForm(prefix=f"p{person.pk}", initial={"roles": roles}))
        for person, roles in _people(organisation).items()
    ]
    return _render(
        request,
        organisation,
        "people.html",
        form=form,
        rows=rows,
        status=400 if request.method == "POST" else 200,
    )


def _member(organisation, person_id):
    person = (
        get_user_model()
        .objects.filter(pk=person_id, memberships__organisation=organisation)
        .first()
    )
    if person is None:
        raise Http404
    return person


@require_POST
@admin_page
def person_roles(request, organisation, person_id):
    person = _member(organisation, person_id)
    form = admin_forms.RolesForm(request.POST, prefix=f"p{person.pk}")
    if form.is_valid():
        try:
            administration.set_roles(
                organisation, request.user, person, set(form.cleaned_data["roles"])
            )
        except administration.Refused as refused:
            return _render(
                request, organisation, "refused.html", message=REFUSED[refused.code], status=400
            )
    return redirect("staff_admin_people", org=organisation.slug)


@require_POST
@admin_page
def person_reset(request, organisation, person_id):
    person = _member(organisation, person_id)
    token = administration.reset_person(organisation, request.user, person)
    return _render(
        request, organisation, "link.html", token=token, username=person.username, reset=True
    )


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
    except administration.Refused as refused:
        return _render(
            request, organisation, "refused.html", message=REFUSED[refused.code], status=400
        )
    return redirect("staff_admin_officials", org=organisation.slug)
