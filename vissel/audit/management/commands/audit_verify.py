from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vissel.audit.trail import anchors_in, verify


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain: a changed, removed or reordered entry fails; "
        "with --anchors, so does a chain rewritten since those anchors were kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchors",
            type=Path,
            help="a file of lines printed by `vissel audit-anchor`, kept outside the database",
        )

    def handle(self, *args, **options):
        anchors = anchors_in(options["anchors"].read_text()) if options["anchors"] else {}
        if options["anchors"] and not anchors:
            raise CommandError("no anchor in that file")
        verdict = verify(anchors)
        if not verdict.ok:
            raise CommandError(
                f"audit trail broken at entry {verdict.first_bad_seq}: {verdict.problem} "
                f"({verdict.entries} entries verified before it)"
            )
        kept = f", {len(anchors)} anchors matched" if anchors else ""
        self.stdout.write(f"audit trail intact: {verdict.entries} entries{kept}")
