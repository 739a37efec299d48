"""A case's retention on its page: a legal hold placed or lifted, the archive export
recorded. The rules are `vissel.cases.retention`."""

from django.views.decorators.http import require_POST

from vissel.cases import retention
from vissel.staff import case_forms
from vissel.staff.case_pages import case_page
from vissel.staff.case_views import act


@require_POST
@case_page
def legal_hold(request, case, lock):
    form = case_forms.LegalHoldForm(request.POST)

    def run(data):
        if data["hold"] == "place":
            retention.place_legal_hold(case, request.user)
        else:
            retention.lift_legal_hold(case, request.user)

    return act(request, case, lock, "hold_form", form, run, "#retention")


@require_POST
@case_page
def archived(request, case, lock):
    form = case_forms.ArchivedForm(request.POST)
    return act(
        request,
        case,
        lock,
        "archived_form",
        form,
        lambda data: retention.record_archived(case, request.user),
        "#retention",
    )
