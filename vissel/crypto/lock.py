"""A case's content under its key: the one place where its fields are encrypted and decrypted."""

import json
from dataclasses import dataclass
from uuid import UUID

from vissel.crypto import aead
from vissel.crypto.context import case_field


@dataclass(frozen=True)
class CaseLock:
    """A case id with its key: what a reader holds for the length of a request."""

    case_id: UUID
    key: bytes

    def encrypt_text(self, field: str, text: str) -> bytes:
        return aead.encrypt_text(self.key, case_field(self.case_id, field), text)

    def decrypt_text(self, field: str, blob) -> str:
        return aead.decrypt_text(self.key, case_field(self.case_id, field), bytes(blob))

    def encrypt_json(self, field: str, value) -> bytes:
        return self.encrypt_text(field, json.dumps(value, ensure_ascii=False))

    def decrypt_json(self, field: str, blob):
        return json.loads(self.decrypt_text(field, blob))
