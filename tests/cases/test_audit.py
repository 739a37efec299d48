"""The audit trail: every read, decision, message and grant; append-only, hash-chained,
and `vissel audit-verify` finds a changed, removed or reordered entry."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.staff.helpers import concluded_case, log_in_staff, routed_case
from vissel.audit.models import AuditEntry
from vissel.audit.trail import flush_reporter_events, verify


def next_days_tick():
    """The first tick of tomorrow: today's reporter events enter the chain."""
    return flush_reporter_events(timezone.localdate() + timedelta(days=1))


def actions(case):
    return list(AuditEntry.objects.filter(case=case).values_list("action", flat=True))


def test_the_whole_case_life_is_recorded(cast):
    filed = concluded_case(cast)
    next_days_tick()
    recorded = actions(filed.case)
    for action in (
        "report_received",
        "case_internal",
        "access_granted",
        "final_report_delivered",
        "case_conclude",
    ):
        assert action in recorded, action
    assert verify().ok


def test_a_staff_read_is_recorded(client, cast):
    filed = routed_case(cast)
    log_in_staff(client, cast.internal_a)
    client.get(reverse("staff_case", args=["org-a", filed.case.pk]))
    entry = AuditEntry.objects.filter(case=filed.case, action="case_read").get()
    assert entry.actor == cast.internal_a


def test_no_content_is_in_the_trail(cast):
    routed_case(cast, what_happened="Audit-hemlighet-77")
    for entry in AuditEntry.objects.all():
        assert "Audit-hemlighet-77" not in str(entry.detail)
        assert "Reason for the decision" not in str(entry.detail)


def test_reporter_events_are_dated_to_the_day(cast):
    filed = routed_case(cast)
    next_days_tick()
    entry = AuditEntry.objects.get(case=filed.case, action="report_received")
    local = entry.at.astimezone(ZoneInfo("Europe/Stockholm"))
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert entry.actor is None and entry.actor_kind == "reporter"


def test_the_application_cannot_change_or_delete_an_entry(cast):
    routed_case(cast)
    entry = AuditEntry.objects.first()
    entry.action = "something_else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def _tamper(sql: str, params=()):
    """What someone with the database's own rights could do, triggers disabled."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # triggers off
            cursor.execute(sql.format(table=table), params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name=%s", [table]
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(sql.format(table=table), params)
            for _name, trigger_sql in triggers:
                cursor.execute(trigger_sql)


def test_the_database_refuses_to_change_an_entry(cast):
    routed_case(cast)
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET action = 'x'")


def test_verify_finds_a_changed_entry(cast):
    routed_case(cast)
    _tamper("UPDATE {table} SET detail = %s WHERE seq = 2", ['{"what": "forged"}'])
    verdict = verify()
    assert not verdict.ok and verdict.first_bad_seq == 2
    with pytest.raises(CommandError, match="entry 2"):
        call_command("audit_verify")


def test_verify_finds_a_removed_entry(cast):
    routed_case(cast)
    _tamper("DELETE FROM {table} WHERE seq = 3")
    assert not verify().ok


def test_verify_finds_a_removed_last_entry(cast):
    routed_case(cast)
    last = AuditEntry.objects.order_by("-seq").first().seq
    _tamper("DELETE FROM {table} WHERE seq = %s", [last])
    assert not verify().ok


def test_verify_finds_reordered_entries(cast):
    routed_case(cast)
    _tamper("UPDATE {table} SET seq = -1 WHERE seq = 2")
    _tamper("UPDATE {table} SET seq = 2 WHERE seq = 3")
    _tamper("UPDATE {table} SET seq = 3 WHERE seq = -1")
    assert not verify().ok


def test_an_intact_trail_verifies(cast, capsys):
    routed_case(cast)
    call_command("audit_verify")
    assert "audit trail intact" in capsys.readouterr().out
