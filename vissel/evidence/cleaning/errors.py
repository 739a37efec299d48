class NotThisKind(Exception):
    """The bytes looked like this kind of file but are something else (a plain zip)."""


class CannotClean(Exception):
    """A file of a known kind that could not be opened or cleaned safely."""


class Refused(CannotClean):
    """A file that would unpack to more than a cleaner's caps allow (a decompression bomb,
    or close enough to one). Raised inside the cleaners only: `clean()` turns it into the
    outcome "refused", and the caller does not keep the file."""
