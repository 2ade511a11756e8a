"""The one error type that loaders raise for a problem the user can fix."""

from collections.abc import Sequence

from cccd.messages import Message, message
from loaders.catalogue import english


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
        return english(self.message)

    def __reduce__(self) -> tuple:
        # Exception pickling would call DataFileError(key) and lose the values.
        return (_rebuilt, (self.message.key, dict(self.message.params)))


def _rebuilt(key: str, params: dict[str, object]) -> DataFileError:
    return DataFileError(key, **params)


def listing(items: Sequence[Message | str], empty: Message | str = "") -> Message | str:
    """Items joined with ", " as one value for a message, each Message rendered in the reader's
    language (Translator.render joins a list of Messages with "; " instead); `empty` if none."""
    if not items:
        return empty
    if all(isinstance(item, str) for item in items):
        return ", ".join(items)
    joined: Message | str = items[-1]
    for item in reversed(items[:-1]):
        joined = message("error.comma_list", first=item, rest=joined)
    return joined
