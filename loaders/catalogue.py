"""The UI texts: gettext PO files read at run time with Babel (no compiled .mo files to sync).

`locales/<lang>/LC_MESSAGES/*.po`, for each language in cccd.i18n.LANGUAGES, merged into one
dict: messages.po (the pages), and one file per area whose texts are long (errors.po for the
loaders' errors, checks.po for a report's problems). Message ids are stable keys ("map.title"),
unique across the files; translations use str.format placeholders ("{count}").

This module is the bottom of loaders/: loaders.errors renders its messages with it, so it
raises no DataFileError of its own. A missing or unreadable catalogue is a broken installation,
not a file the user can fix, and its message cannot come from the catalogue it is about.
"""

import functools
from pathlib import Path

from babel.messages.pofile import read_po

from cccd.i18n import LANGUAGES, Translator
from cccd.messages import Message

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def po_path(language: str, domain: str = "messages") -> Path:
    """Where the catalogue `domain` of `language` lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def po_paths(language: str) -> list[Path]:
    """Every catalogue file of `language`, messages.po first."""
    return sorted(po_path(language).parent.glob("*.po"), key=lambda p: (p.stem != "messages", p))


class CatalogueError(LookupError):
    """The texts of a language are missing or unreadable (a broken installation)."""


@functools.cache
def messages(language: str) -> dict[str, str]:
    """key -> translated text for `language` (empty translations left out), read once."""
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise CatalogueError(f"No catalogue for language {language!r}; use one of {known}.")
    texts: dict[str, str] = {}
    for path in po_paths(language):
        try:
            with path.open("rb") as file:
                catalog = read_po(file, locale=language, abort_invalid=True)
        except OSError as error:
            raise CatalogueError(f"Cannot read the {language} texts ({path}): {error}") from error
        texts.update({m.id: m.string for m in catalog if m.id and m.string})
    return texts


def translator(language: str, strict: bool = False) -> Translator:
    """The Translator of `language`; strict raises KeyError on a missing key (tests)."""
    return Translator(language, messages(language), strict=strict)


def english(message: Message) -> str:
    """A Message in English (command lines, logs, str() of DataFileError)."""
    return translator("en").render(message)
