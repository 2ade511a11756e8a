"""The one error type that loaders raise for a problem the user can fix."""


class DataFileError(ValueError):
    """A file or store the user gave us cannot be used; the message says why and how to fix it."""
