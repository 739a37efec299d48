from django.contrib.sessions.base_session import AbstractBaseSession


class EncryptedSession(AbstractBaseSession):
    """A session row: its key is a hash of the cookie, its data encrypted under a key
    derived from the cookie. See vissel.web.sessions."""

    class Meta:
        db_table = "vissel_session"

    @classmethod
    def get_session_store_class(cls):
        from vissel.web.sessions import SessionStore

        return SessionStore
