"""Minutes and transcripts the reporter confirms: a reader writes them, the reporter
approves or sends corrections, a reader writes the next version; every version and
answer is kept, encrypted; the case shows whether the current version is approved."""

import pytest

from tests.factories import file_report
from tests.staff.helpers import lock_for
from vissel.cases import minutes
from vissel.cases.models import Minutes
from vissel.cases.services import unlock_as_reporter
from vissel.cases.workflow import NotAllowed


@pytest.fixture
def filed(cast):
    report = file_report(cast.org_a)
    return (
        report,
        lock_for(report.case, cast.screener_a),
        unlock_as_reporter(report.case, report.password),
    )


def test_minutes_are_corrected_then_approved_and_every_version_is_kept(filed, cast):
    report, reader_lock, reporter_lock = filed
    first = minutes.write_minutes(
        report.case, reader_lock, cast.screener_a, "meeting", "Mötet 4 mars: A berättade om B."
    )
    assert "berättade".encode() not in bytes(first.encrypted_text)
    (series,) = minutes.read_minutes(report.case, reporter_lock)
    assert series.awaiting_reporter and not series.approved

    minutes.answer_minutes(report.case, reporter_lock, first.pk, False, "Det var C, inte B.")
    second = minutes.write_minutes(
        report.case,
        reader_lock,
        cast.screener_a,
        "meeting",
        "Mötet 4 mars: A berättade om C.",
        series=first.series,
    )
    minutes.answer_minutes(report.case, reporter_lock, second.pk, True, "")

    (series,) = minutes.read_minutes(report.case, reader_lock)
    assert [v.row.version for v in series.versions] == [1, 2]
    assert series.versions[0].corrections == "Det var C, inte B."
    assert series.versions[0].text.endswith("om B.") and series.current.text.endswith("om C.")
    assert series.approved


def test_only_the_current_version_is_answered_and_only_once(filed, cast):
    report, reader_lock, reporter_lock = filed
    first = minutes.write_minutes(report.case, reader_lock, cast.screener_a, "transcript", "Text")
    with pytest.raises(NotAllowed):  # corrections need words
        minutes.answer_minutes(report.case, reporter_lock, first.pk, False, "  ")
    minutes.answer_minutes(report.case, reporter_lock, first.pk, True, "")
    with pytest.raises(NotAllowed):
        minutes.answer_minutes(report.case, reporter_lock, first.pk, False, "Ändrat mig")
    other = file_report(cast.org_a)
    with pytest.raises(Minutes.DoesNotExist):  # another case's version
        minutes.answer_minutes(
            other.case, unlock_as_reporter(other.case, other.password), first.pk, True, ""
        )


def test_a_new_version_waits_for_the_reporters_answer(filed, cast):
    report, reader_lock, _reporter_lock = filed
    first = minutes.write_minutes(report.case, reader_lock, cast.screener_a, "meeting", "Text")
    with pytest.raises(NotAllowed):
        minutes.write_minutes(
            report.case, reader_lock, cast.screener_a, "meeting", "Ny", series=first.series
        )


def test_only_a_reader_writes_minutes(filed, cast):
    report, reader_lock, _reporter_lock = filed
    for outsider in (cast.screener_b, cast.internal_a):
        with pytest.raises(NotAllowed):
            minutes.write_minutes(report.case, reader_lock, outsider, "meeting", "Text")
    assert not Minutes.objects.filter(case=report.case).exists()
