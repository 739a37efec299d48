"""An anchor for the audit trail's head kept outside the database (threat model, section
1): someone who can write to the database can change an entry and recompute every hash
after it, and the chain alone still verifies; against an anchor kept elsewhere it
does not."""

import pytest
from django.core.management import CommandError, call_command

from tests.cases.test_audit import _tamper
from tests.staff.helpers import routed_case
from vissel.audit.models import AuditEntry, AuditHead
from vissel.audit.trail import anchor, anchors_in, hash_of, verify


def rewrite_from(seq: int, detail: str) -> None:
    """Change entry `seq` and recompute its hash and every hash after it, and the head's."""
    _tamper("UPDATE {table} SET detail = %s WHERE seq = %s", [detail, seq])
    previous = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else "0" * 64
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        digest = hash_of(entry, previous)
        _tamper(
            "UPDATE {table} SET previous_hash = %s, hash = %s WHERE seq = %s",
            [previous, digest, entry.seq],
        )
        previous = digest
    AuditHead.objects.filter(pk=1).update(last_hash=previous)


def test_a_rewritten_chain_verifies_alone_but_not_against_an_anchor_kept_elsewhere(cast, tmp_path):
    routed_case(cast)
    kept = tmp_path / "anchors.log"
    kept.write_text(anchor() + "\n")
    rewrite_from(2, '{"what": "forged"}')
    assert verify().ok  # the weakness an anchor answers
    verdict = verify(anchors_in(kept.read_text()))
    assert not verdict.ok and verdict.problem.startswith("the chain differs")
    with pytest.raises(CommandError, match="anchor"):
        call_command("audit_verify", anchors=kept)


def test_an_intact_chain_matches_every_anchor_taken_along_the_way(cast, tmp_path, capsys):
    kept = tmp_path / "anchors.log"
    routed_case(cast)
    kept.write_text(anchor() + "\n")
    routed_case(cast)
    with kept.open("a") as log:
        log.write(anchor() + "\n")
    call_command("audit_verify", anchors=kept)
    assert "2 anchors matched" in capsys.readouterr().out


def test_entries_cut_off_after_an_anchor_are_found(cast):
    routed_case(cast)
    kept = anchors_in(anchor())
    last = AuditEntry.objects.order_by("-seq").first()
    earlier = AuditEntry.objects.get(seq=last.seq - 2)
    _tamper("DELETE FROM {table} WHERE seq > %s", [earlier.seq])
    AuditHead.objects.filter(pk=1).update(last_seq=earlier.seq, last_hash=earlier.hash)
    assert verify().ok  # cut off cleanly, head and all
    assert verify(kept).problem == "entries kept in an anchor are missing"
