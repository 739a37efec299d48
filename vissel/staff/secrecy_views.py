"""The secrecy review of a case and its released copies (public-sector organisations):
mark passages, take marks back, release a copy as a PDF. The rules are
`vissel.cases.secrecy`."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vissel.cases import secrecy
from vissel.cases.workflow import NotAllowed
from vissel.records.register import file_name_for
from vissel.staff.case_pages import case_page, record_read
from vissel.staff.records_forms import ReleaseForm, SecrecyMarkForm

REFUSED = {
    "basis": _("Write the legal basis."),
    "phrase": _("Write the words to mask, or mask the whole text."),
    "phrase_not_found": _("Those words are not in this text. Copy them as they are written."),
    "recipient": _("Write to whom the copy is released."),
    "text": _("That text is not part of the case."),
    "mark": _("That mark no longer exists."),
}


def _review(request, case, lock, status=200, mark_form=None, release_form=None):
    try:
        secrecy.access_secrecy_review(case, request.user)
    except NotAllowed:
        raise Http404 from None
    return render(
        request,
        "staff/secrecy.html",
        {
            "case": case,
            "texts": secrecy.preview(case, lock, request.LANGUAGE_CODE),
            "mark_form": mark_form,
            "basis_choices": SecrecyMarkForm.base_fields["basis"].choices,
            "release_form": release_form or ReleaseForm(),
            "releases": secrecy.read_releases(case, lock),
        },
        status=status,
    )


def _back(case, anchor=""):
    return redirect(f"/staff/{case.organisation.slug}/cases/{case.pk}/secrecy/{anchor}")


@case_page
def review(request, case, lock):
    record_read(case, request.user, "secrecy_review")
    return _review(request, case, lock)


@require_POST
@case_page
def mark(request, case, lock):
    form = SecrecyMarkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            secrecy.mark_passages(
                case,
                lock,
                request.user,
                data["text"],
                data["basis"],
                phrase=data["phrase"],
                whole_text=data["whole_text"],
            )
            return _back(case, "#" + data["text"].replace(":", ""))
        except NotAllowed as refused:
            if refused.code not in REFUSED:
                raise Http404 from None
            form.add_error(None, str(REFUSED[refused.code]))
    return _review(request, case, lock, status=400, mark_form=form)


@require_POST
@case_page
def unmark(request, case, lock, mark_id):
    try:
        secrecy.remove_mark(case, request.user, mark_id)
    except NotAllowed:
        raise Http404 from None
    return _back(case)


@require_POST
@case_page
def release(request, case, lock):
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            copy = secrecy.release_copy(
                case,
                lock,
                request.user,
                form.cleaned_data["recipient"],
                form.cleaned_data["language"],
            )
        except NotAllowed:
            raise Http404 from None
        response = HttpResponse(copy, content_type="application/pdf")
        name = file_name_for(case.register_number + " utlamnad", "pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return _review(request, case, lock, status=400, release_form=form)
