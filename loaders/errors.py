"""The one error type that loaders raise for a problem the user can fix."""

from cccd.messages import Message


class DataFileError(ValueError):
    """A file or store the user gave us cannot be used; the message says why and how to fix it.

    Raised as DataFileError(key, **params): `message` is the catalogue key and its
    values, so each page shows it in the reader's language (Translator.render); str() is the
    English text, for the command lines and logs.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.message = Message(key, dict(params))

    def __str__(self) -> str:
        from loaders.catalogue import english  # the catalogue raises this error itself

        return english(self.message)
