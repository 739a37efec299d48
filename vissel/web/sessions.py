"""A session store that holds nothing readable without the browser's cookie.

The cookie carries a random session key. The database row is stored under a keyed hash
of it and its data is encrypted (XChaCha20-Poly1305) under another key derived from it.
So the keys a session holds (a reporter's case key, a draft's key) live on the server
only in a form that needs a secret held in the browser, and a row cannot be tied to the
cookie, the case or the person without that cookie.
"""

import base64
import hashlib
import json

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import DatabaseError, IntegrityError, connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string

from vissel.crypto import DecryptionFailed, aead
from vissel.crypto.context import bound_to

IDLE_KEY = "_idle_seconds"


def keep_alive(session, idle_seconds: int) -> None:
    """Count this request as activity: the session ends `idle_seconds` after the last
    one. The limit is kept on the server (the row's expiry); the cookie itself has no
    lifetime and ends with the browser."""
    session[IDLE_KEY] = idle_seconds
    session.modified = True


def _derive(session_key: str, purpose: bytes, size: int) -> bytes:
    server_secret = hashlib.blake2b(settings.SECRET_KEY.encode(), digest_size=32).digest()
    return hashlib.blake2b(
        session_key.encode(), digest_size=size, key=server_secret, person=purpose
    ).digest()


def row_key(session_key: str) -> str:
    return _derive(session_key, b"vissel-sess-row", 20).hex()


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from vissel.web.models import EncryptedSession

        return EncryptedSession

    def get_session_cookie_age(self):
        # The row's lifetime: the idle limit of whoever holds the session.
        return self.get(IDLE_KEY) or settings.SESSION_COOKIE_AGE

    def get_expire_at_browser_close(self):
        return True

    def _data_key(self) -> bytes:
        return _derive(self.session_key, b"vissel-sess-key", 32)

    def _context(self) -> bytes:
        return bound_to("session", row_key(self.session_key), "data")

    def encode(self, session_dict) -> str:
        plaintext = json.dumps(session_dict, separators=(",", ":")).encode()
        blob = aead.encrypt(self._data_key(), self._context(), plaintext)
        return base64.b64encode(blob).decode("ascii")

    def decode(self, session_data: str) -> dict:
        try:
            blob = base64.b64decode(session_data)
            return json.loads(aead.decrypt(self._data_key(), self._context(), blob))
        except (DecryptionFailed, ValueError):
            return {}

    def _get_session_from_db(self):
        try:
            return self.model.objects.get(
                session_key=row_key(self.session_key), expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, ValueError):
            self._session_key = None

    def exists(self, session_key):
        return self.model.objects.filter(session_key=row_key(session_key)).exists()

    def _get_new_session_key(self):
        # A new key is only ever saved by an INSERT that fails on a taken row (Django's
        # create() then draws again), so asking the database first is a query for nothing.
        return get_random_string(32, VALID_KEY_CHARS)

    def create_model_instance(self, data):
        session_key = self._get_or_create_session_key()
        return self.model(
            session_key=row_key(session_key),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    def save(self, must_create=False):
        using = router.db_for_write(self.model)
        if self.session_key is None or not connections[using].get_autocommit():
            return super().save(must_create)  # within a transaction: Django's savepoint
        # Outside a transaction (as the session middleware saves) the one statement
        # commits by itself: Django's transaction around it adds only a BEGIN and a
        # COMMIT, each a round trip to the database. What fails is told as Django tells it.
        obj = self.create_model_instance(self._get_session(no_load=must_create))
        try:
            obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self.model.objects.filter(session_key=row_key(session_key)).delete()

    # Vissel serves over WSGI; the async twins of the methods above would bypass the
    # hashing of the row key, so they are refused rather than inherited.
    async def aexists(self, session_key):
        raise NotImplementedError

    async def acreate_model_instance(self, data):
        raise NotImplementedError

    async def adelete(self, session_key=None):
        raise NotImplementedError

    async def _aget_session_from_db(self):
        raise NotImplementedError


def clear_expired_sessions() -> None:
    SessionStore.clear_expired()
