from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vissel.cases.services import NoScreener, ReportLimitReached
from vissel.crypto.kdf import KdfBusy
from vissel.evidence.downloads import recording as recording_response
from vissel.evidence.presentation import describe_cleaning
from vissel.evidence.services import open_stream
from vissel.organisations.decorators import organisation_page
from vissel.organisations.selectors import active_categories
from vissel.presentation.uploads import (
    add_file_problems,
    limits_for_script,
    problems_with_files,
)
from vissel.reports import presentation, services
from vissel.reports.drafts import forget_receipt, load_draft
from vissel.reports.forms import LoginForm, ReportForm
from vissel.web import language
from vissel.web.busy import busy_response
from vissel.web.messages import delay_message, wait_message
from vissel.web.throttle import LoginRefused


def _no_screener_message() -> str:
    return _(
        "This organisation cannot receive reports right now, because nobody has been "
        "appointed to receive them. Nothing has been stored. Please try again later."
    )


def _report_form_page(request, organisation, form, draft, status=200):
    staged = draft.staged() if draft else []
    form.fields["files"].widget.attrs.update(limits_for_script(organisation, staged))
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "staged_files": [(item, describe_cleaning(item.cleaning)) for item in staged],
            "has_recording": bool(draft and draft.recording),
        },
        status=status,
    )


@organisation_page
def landing(request, organisation):
    return render(
        request,
        "reports/landing.html",
        {
            "categories": [
                c.name_in(request.LANGUAGE_CODE) for c in active_categories(organisation)
            ],
            "intro": organisation.intro_in(request.LANGUAGE_CODE),
            "chief": organisation.title_in("chief_executive", request.LANGUAGE_CODE)
            or _("the chief executive"),
            "chair": organisation.title_in("chair", request.LANGUAGE_CODE)
            or _("the chair of the executive board"),
            "login_form": LoginForm(),
            "logged_out": request.GET.get("logged_out") == "1",
        },
    )


@require_POST
@organisation_page
def switch_language(request, organisation):
    return language.switch_language(
        request, organisation.languages, within=f"/{organisation.slug}/"
    )


@organisation_page
def report_form(request, organisation):
    draft = load_draft(request.session, organisation)
    staged = draft.staged() if draft else []
    options = {
        "organisation": organisation,
        "language": request.LANGUAGE_CODE,
        "staged_files": staged,
    }
    if request.method != "POST":
        initial = draft.fields if draft else {}
        return _report_form_page(
            request, organisation, ReportForm(initial=initial, **options), draft
        )
    recording = request.FILES.get("recording")
    form = ReportForm(
        request.POST, has_recording=bool(recording or (draft and draft.recording)), **options
    )
    problems = problems_with_files(request, organisation)
    valid = form.is_valid() and not problems
    try:
        refused = services.save_draft(
            request.session,
            organisation,
            form.report_fields() if valid else None,
            request.FILES.getlist("files"),
            form.cleaned_data.get("remove_files", []),
            recording=recording,
        )
        add_file_problems(form, refused, organisation)
        if valid and not refused:
            return redirect("report_review", slug=organisation.slug)
    except NoScreener:
        form.add_error(None, _no_screener_message())
    for problem in problems:
        form.add_error("files", problem)
    draft = load_draft(request.session, organisation)
    return _report_form_page(request, organisation, form, draft, status=400)


def report_form_after_csrf_failure(request, organisation):
    """A forged or expired form comes back with what was typed, never acted on."""
    draft = load_draft(request.session, organisation)
    form = ReportForm(
        request.POST,
        organisation=organisation,
        language=request.LANGUAGE_CODE,
        staged_files=draft.staged() if draft else [],
    )
    form.is_valid()
    form.add_error(
        None,
        _(
            "The form had expired or did not come from this page, so it was "
            "not sent. Check what you wrote and send it again."
        ),
    )
    if request.FILES or getattr(request, "upload_problems", []):
        form.add_error("files", _("The files you chose were not added. Choose them again."))
    return _report_form_page(request, organisation, form, draft, status=403)


report_form.csrf_failure = report_form_after_csrf_failure


@organisation_page
def review(request, organisation):
    draft = load_draft(request.session, organisation)
    if draft is None or not draft.fields:
        return redirect("report_form", slug=organisation.slug)
    return render(
        request,
        "reports/review.html",
        presentation.review_context(organisation, draft, request.LANGUAGE_CODE),
    )


@organisation_page
def report_recording(request, organisation):
    """The draft's recording, disguised, as the investigators will hear it."""
    held = services.draft_recording(request.session, organisation)
    if held is None:
        raise Http404
    staged, lock = held
    return recording_response(request, staged.size, open_stream(staged, lock))


@organisation_page
def send(request, organisation):
    """POST sends the draft; a second tap, a reload, or coming back to this address
    shows the same receipt until the reporter says they have saved it."""
    if request.method != "POST":
        receipt = services.receipt_of(request.session, organisation)
        if receipt is None:
            return redirect("report_form", slug=organisation.slug)
        return _receipt_page(request, receipt)
    try:
        receipt = services.send_draft(request.session, organisation)
    except KdfBusy:
        response = render(
            request,
            "reports/unavailable.html",
            {
                "message": _(
                    "Vissel is very busy right now, so your report has not been sent yet. "
                    "Nothing is lost: go back to the review page and press Send again in "
                    "a moment."
                ),
                "back_to_review": True,
            },
            status=503,
        )
        response["Retry-After"] = "5"
        return response
    except services.NoDraft:
        receipt = services.receipt_of(request.session, organisation)
        if receipt is None:
            return render(request, "reports/already_sent.html", status=409)
    except NoScreener:
        return render(
            request, "reports/unavailable.html", {"message": _no_screener_message()}, status=503
        )
    except ReportLimitReached:
        message = _(
            "So many reports have come in today that this channel takes no more until "
            "tomorrow. Your report has not been sent. It is kept only while this window is "
            "open: go back to the review page to copy what you wrote, and send it tomorrow."
        )
        context = {"message": message, "back_to_review": True}
        return render(request, "reports/unavailable.html", context, status=503)
    return _receipt_page(request, receipt)


def _receipt_page(request, receipt):
    return render(
        request,
        "reports/receipt.html",
        {
            "case_number": receipt.case.case_number,
            "password": receipt.password,
            "acknowledge_by": receipt.case.acknowledge_by,
        },
    )


@require_POST
@organisation_page
def receipt_saved(request, organisation):
    """The reporter has saved the credentials: this browser forgets them."""
    forget_receipt(request.session)
    return redirect(reverse("landing", args=[organisation.slug]) + "?saved=1")


@organisation_page
def login(request, organisation):
    if request.method != "POST":
        if services.reporter_case(request.session, organisation):
            return redirect("inbox", slug=organisation.slug)
        return render(
            request,
            "reports/login.html",
            {"form": LoginForm(), "reply_kept": services.has_unsent_reply(request.session)},
        )
    form = LoginForm(request.POST)
    if form.is_valid():
        try:
            services.log_in(
                request.session,
                organisation,
                form.cleaned_data["case_number"],
                form.cleaned_data["password"],
            )
            return redirect("inbox", slug=organisation.slug)
        except KdfBusy:
            return busy_response(request)
        except LoginRefused as refused:
            form.add_error(None, _login_refused_message(refused))
    return render(request, "reports/login.html", {"form": form}, status=400)


def _login_refused_message(refused) -> str:
    if refused.delayed:
        return delay_message(refused.wait_seconds)
    message = _("The case number or the password is wrong.")
    if refused.wait_seconds:
        message += " " + wait_message(refused.wait_seconds)
    return message


@require_POST
@organisation_page
def logout(request, organisation):
    services.log_out(request.session)
    return redirect(reverse("landing", args=[organisation.slug]) + "?logged_out=1")
