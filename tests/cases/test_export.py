"""A reader exports a case for the organisation's archive: a PDF with the report, the
files list, the thread, the decisions and the final report; the export is audited and
nothing of it is kept on the server."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from tests.staff.helpers import concluded_case, log_in_staff
from vissel.audit.models import AuditEntry


def test_a_reader_exports_the_case_as_a_pdf(client, cast, settings):
    filed = concluded_case(cast, what_happened="Fakturor för snöröjning betalades två gånger.")
    files_before = sorted(p.name for p in settings.VISSEL_FILES_DIR.rglob("*") if p.is_file())
    log_in_staff(client, cast.internal_a)
    response = client.post(reverse("staff_case_export", args=["org-a", filed.case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for expected in (
        "Fakturor för snöröjning betalades två gånger.",
        "bilaga.txt",  # the files list
        "Reason for the decision",  # the screening decision's reason
        "The final report text.",
        filed.case.register_number,
    ):
        assert expected in flat, expected
    assert filed.case_number not in flat  # only the reporter knows the case by it
    expected_name = filed.case.register_number.replace(" ", "-").replace("/", "-") + ".pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    entry = AuditEntry.objects.get(case=filed.case, action="case_exported")
    assert entry.actor == cast.internal_a
    files_after = sorted(p.name for p in settings.VISSEL_FILES_DIR.rglob("*") if p.is_file())
    assert files_after == files_before  # nothing written
