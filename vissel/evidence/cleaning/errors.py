class NotThisKind(Exception):
    """The bytes looked like this kind of file but are something else (a plain zip)."""


class CannotClean(Exception):
    """A file of a known kind that could not be opened or cleaned safely."""
