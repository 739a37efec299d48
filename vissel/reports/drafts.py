"""A report being written: held in the (encrypted) session until it is sent.

The draft already has its case id and case key, so its files are encrypted once, under
the key the case will have; sending only adds the database rows.
"""

import base64
import uuid
from dataclasses import asdict, dataclass, field

from vissel.crypto import aead
from vissel.crypto.lock import CaseLock
from vissel.crypto.passwords import generate_password
from vissel.evidence.services import StagedFile, discard_staged

SESSION_KEY = "report_draft"


@dataclass
class Draft:
    organisation_id: int
    case_id: str
    key: str  # base64; the session it lives in is encrypted under the browser's cookie
    fields: dict = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    # An oral report's recording, already disguised and encrypted (a staged file).
    recording: dict | None = None
    # The password the case will have, drawn with the draft: if Send is pressed twice,
    # both answers show the same credentials, whichever request created the case.
    password: str = field(default_factory=generate_password)

    @classmethod
    def new(cls, organisation_id: int) -> "Draft":
        return cls(
            organisation_id=organisation_id,
            case_id=str(uuid.uuid4()),
            key=base64.b64encode(aead.new_key()).decode(),
        )

    def lock(self) -> CaseLock:
        return CaseLock(uuid.UUID(self.case_id), base64.b64decode(self.key))

    def staged(self) -> list[StagedFile]:
        return [StagedFile.from_dict(item) for item in self.files]

    def staged_recording(self) -> StagedFile | None:
        return StagedFile.from_dict(self.recording) if self.recording else None


def load_draft(session, organisation) -> Draft | None:
    data = session.get(SESSION_KEY)
    if not data or data.get("organisation_id") != organisation.pk:
        return None
    return Draft(**data)


def store_draft(session, draft: Draft) -> None:
    session[SESSION_KEY] = asdict(draft)


RECEIPT_KEY = "report_receipt"


def keep_receipt(session, draft: Draft) -> None:
    """What the receipt page needs, kept (in the encrypted session) until the reporter
    says they have saved it: a double tap, a reload or a lost answer cannot lose it."""
    session[RECEIPT_KEY] = {
        "organisation_id": draft.organisation_id,
        "case_id": draft.case_id,
        "password": draft.password,
    }
    session.pop(SESSION_KEY, None)


def load_receipt(session, organisation) -> dict | None:
    receipt = session.get(RECEIPT_KEY)
    if not receipt or receipt.get("organisation_id") != organisation.pk:
        return None
    return receipt


def forget_receipt(session) -> None:
    session.pop(RECEIPT_KEY, None)


def drop_draft(session, delete_files: bool) -> None:
    data = session.pop(SESSION_KEY, None)
    if data and delete_files:
        files = [*data.get("files", []), *([data["recording"]] if data.get("recording") else [])]
        discard_staged([StagedFile.from_dict(item) for item in files])
