"""A message to show the user, kept as a catalogue key and its values until it is shown.

Checks and loaders say what is wrong without knowing the reader's language: they return (or
raise) a Message; the page renders it with `Translator.render`, which formats numbers and dates
the reader's way and renders nested Messages (a column's label inside a sentence) too.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Message:
    """`key` in the catalogue, and the values of its {placeholders}."""

    key: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def message(key: str, **params: object) -> Message:
    """Message(key, params) written the way a translation call is: message("a.b", count=3)."""
    return Message(key, MappingProxyType(dict(params)))
