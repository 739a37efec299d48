"""A worklist page reached by Next starts after the last case of the page before, and one
reached by Previous ends before the first case of the page after (keysets, through the
index); each lists exactly what the page of that number lists: the same order, deadlines
first and cases without one last, each case once. A page typed by its number is counted
in the seals' copy of each case's place, which follows the case."""

from datetime import date, timedelta

from django.db.models import F

from tests.factories import file_report
from tests.staff.helpers import lock_for
from vissel.cases import workflow
from vissel.cases import worklist as worklists
from vissel.cases.models import Case, CaseKeySeal
from vissel.cases.visibility import cases_visible_to
from vissel.cases.worklist import Filters, worklist
from vissel.organisations.models import SeniorOfficial

THIRTY = timedelta(days=30)


def test_walking_by_next_lists_the_cases_as_the_page_numbers_do(cast, monkeypatch):
    monkeypatch.setattr(worklists, "PER_PAGE", 3)
    filed = [file_report(cast.org_a).case for _ in range(11)]
    today = date.today()
    # Deadlines that tie, differ, and are missing (a case with nothing left to keep).
    # Set here directly, in each case and in its seals' copy, as Case.save() keeps them.
    for cases, due in ((filed[:3], None), (filed[3:5], today), (filed[5:7], today + THIRTY)):
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(next_due=due)
        CaseKeySeal.objects.filter(case__in=cases).update(case_next_due=due)

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


def test_a_page_typed_by_its_number_follows_a_case_whose_deadline_moved(cast, monkeypatch):
    monkeypatch.setattr(worklists, "PER_PAGE", 2)
    filed = [file_report(cast.org_a).case for _ in range(5)]
    today = date.today()

    def typed_pages():
        return [
            case.pk
            for number in (1, 2, 3)
            for case in worklist(cast.screener_a, cast.org_a, Filters(), today, number)
        ]

    def in_the_cases_order():
        cases = cases_visible_to(cast.screener_a, cast.org_a).order_by(
            F("next_due").asc(nulls_last=True), "received_on", "register_number", "id"
        )
        return list(cases.values_list("pk", flat=True))

    assert typed_pages() == in_the_cases_order() == [case.pk for case in filed]
    # The first reply moves the first case's next deadline three months on: last now.
    first = filed[0]
    workflow.message_reporter(first, lock_for(first, cast.screener_a), cast.screener_a, "Tack.")
    assert typed_pages() == in_the_cases_order() == [case.pk for case in filed[1:] + [first]]
    first.refresh_from_db()
    seal = CaseKeySeal.objects.get(case=first, reader=cast.screener_a)
    assert (seal.case_next_due, seal.case_register_number) == (
        first.next_due,
        first.register_number,
    )


def test_a_page_typed_by_its_number_never_lists_a_case_its_reader_is_concerned_in(
    cast, monkeypatch
):
    monkeypatch.setattr(worklists, "PER_PAGE", 2)
    filed = [file_report(cast.org_a).case for _ in range(5)]
    workflow.name_concerned(filed[3], cast.screener_a, senior_official=cast.head_official_a)
    # The official's account is linked afterwards: the screener still holds the seal.
    SeniorOfficial.objects.filter(pk=cast.head_official_a.pk).update(person=cast.screener_a)
    assert CaseKeySeal.objects.filter(case=filed[3], reader=cast.screener_a).exists()
    today = date.today()
    listed = [
        case.pk
        for number in (1, 2, 3)
        for case in worklist(cast.screener_a, cast.org_a, Filters(), today, number)
    ]
    assert listed == [case.pk for case in filed if case != filed[3]]
