"""The organisation's records for its record keepers: the register (and its CSV for the
records system), the half-year summaries of dismissed reports (and their PDF), and the
statistics (SVG charts with their tables, and a CSV)."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vissel.cases import registry, summaries
from vissel.cases.statistics import organisation_figures
from vissel.records.charts import bar_chart_svg
from vissel.records.models import HalfYearSummary
from vissel.records.spreadsheet import csv_text
from vissel.records.statistics import FEWER, THRESHOLD, as_csv_rows
from vissel.records.summary import half_year_before
from vissel.staff.decorators import organisation_role_page
from vissel.staff.records_forms import PeriodForm, YearForm

record_keeper_page = organisation_role_page(*registry.RECORD_KEEPERS)
statistics_page = organisation_role_page(*registry.STATISTICS_READERS)


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@record_keeper_page
def register(request, organisation):
    form = YearForm(request.GET)
    year = form.year_or(date.today().year)
    entries = registry.register_entries(organisation, request.user, year, request.LANGUAGE_CODE)
    if request.GET.get("format") == "csv":
        rows = registry.register_rows(entries)
        return _download(csv_text(rows), "text/csv; charset=utf-8", f"register-{year}.csv")
    return render(
        request,
        "staff/records/register.html",
        {"org": organisation, "form": form, "year": year, "entries": entries},
    )


@record_keeper_page
def summaries_page(request, organisation):
    form = PeriodForm(request.GET)
    starts_on, ends_on = form.period_or(half_year_before(date.today()))
    language = request.LANGUAGE_CODE
    if request.GET.get("format") == "pdf":
        document = summaries.summary_document(
            organisation, request.user, starts_on, ends_on, language
        )
        name = f"summary-{starts_on.isoformat()}-{ends_on.isoformat()}.pdf"
        return _download(document, "application/pdf", name)
    entries = summaries.summary_for(organisation, request.user, starts_on, ends_on, language)
    return render(
        request,
        "staff/records/summaries.html",
        {
            "org": organisation,
            "form": form,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "entries": entries,
            "delivered": HalfYearSummary.objects.filter(organisation=organisation),
        },
        status=400 if form.errors else 200,
    )


@statistics_page
def statistics(request, organisation):
    form = PeriodForm(request.GET)
    today = date.today()
    starts_on, ends_on = form.period_or((date(today.year, 1, 1), today))
    figures = organisation_figures(
        organisation, request.user, starts_on, ends_on, request.LANGUAGE_CODE, today
    )
    fewer_than = _("fewer than %(n)s") % {"n": THRESHOLD}
    hidden = _("hidden")
    if request.GET.get("format") == "csv":
        words = {
            "total": _("Cases"),
            "category": _("Category"),
            "outcome": _("Outcome"),
            "channel": _("Written or oral"),
            "coverage": _("Reporter covered by the act"),
            "median_acknowledgement": _("Median days to acknowledgement"),
            "median_feedback": _("Median days to feedback"),
            "acknowledged_in_time": _("Acknowledged in time"),
            "feedback_in_time": _("Feedback in time"),
            "overdue_now": _("Overdue now"),
            "fewer_than": fewer_than,
            "hidden": hidden,
            "too_few": _("too few to show"),
            "open": _("open"),
        }
        name = f"statistics-{starts_on.isoformat()}-{ends_on.isoformat()}.csv"
        return _download(csv_text(as_csv_rows(figures, words)), "text/csv; charset=utf-8", name)
    open_label = _("open")
    breakdowns = []
    for key, title, rows in (
        ("category", _("By category"), figures.by_category),
        ("outcome", _("By outcome"), figures.by_outcome),
        ("channel", _("Written or oral"), figures.by_channel),
        ("coverage", _("Reporter covered by the act"), figures.by_coverage),
    ):
        labelled = [
            (
                capfirst(label or open_label),
                count.value
                if not count.suppressed
                else fewer_than
                if count.why == FEWER
                else hidden,
            )
            for label, count in rows
        ]
        chart = bar_chart_svg(title, labelled, suppressed_text=fewer_than, chart_id=key)
        breakdowns.append((key, title, labelled, chart))
    return render(
        request,
        "staff/records/statistics.html",
        {
            "org": organisation,
            "form": form,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "figures": figures,
            "breakdowns": breakdowns,
            "fewer_than": fewer_than,
            "hidden": hidden,
            "threshold": THRESHOLD,
        },
        status=400 if form.errors else 200,
    )
