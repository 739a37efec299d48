"""A worklist page reached by Next starts after the last case of the page before, and one
reached by Previous ends before the first case of the page after (keysets, through the
index); each lists exactly what the page of that number lists: the same order, deadlines
first and cases without one last, each case once."""

from datetime import date, timedelta

from tests.factories import file_report
from vissel.cases import worklist as worklists
from vissel.cases.models import Case
from vissel.cases.worklist import Filters, worklist


def test_walking_by_next_lists_the_cases_as_the_page_numbers_do(cast, monkeypatch):
    monkeypatch.setattr(worklists, "PER_PAGE", 3)
    filed = [file_report(cast.org_a).case for _ in range(11)]
    today = date.today()
    # Deadlines that tie, differ, and are missing (a case with nothing left to keep).
    Case.objects.filter(pk__in=[c.pk for c in filed[:3]]).update(next_due=None)
    Case.objects.filter(pk__in=[c.pk for c in filed[3:5]]).update(next_due=today)
    Case.objects.filter(pk__in=[c.pk for c in filed[5:7]]).update(
        next_due=today + timedelta(days=30)
    )

    def page(number, after=None, before=None):
        return worklist(cast.screener_a, cast.org_a, Filters(), today, number, after, before)

    by_number, number = [], 1
    while True:
        shown = page(number)
        by_number += [case.pk for case in shown]
        if not shown.has_next():
            break
        number += 1
    by_next, shown = [], page(1)
    by_next += [case.pk for case in shown]
    while shown.has_next():
        shown = page(shown.next_page_number(), after=shown.last_case_id)
        by_next += [case.pk for case in shown]
    assert by_next == by_number
    assert sorted(by_next) == sorted(case.pk for case in filed)
    assert set(by_next[-3:]) == {case.pk for case in filed[:3]}  # no deadline: last
    # The page follows the case named, not the number: the database skips nothing.
    assert [case.pk for case in page(3, after=page(1).last_case_id)] == by_number[3:6]
    # And back again by Previous, from the last page to the first.
    pages_back = [[case.pk for case in shown]]
    while shown.has_previous():
        shown = page(shown.previous_page_number(), before=shown.first_case_id)
        pages_back.append([case.pk for case in shown])
    assert [pk for one in reversed(pages_back) for pk in one] == by_number
    assert shown.number == 1 and shown.first == 1
