"""The UI texts: gettext PO files read at run time with Babel (no compiled .mo files to sync).

`locales/<lang>/LC_MESSAGES/messages.po`, one per language in cccd.i18n.LANGUAGES; message ids
are stable keys ("map.title"), translations use str.format placeholders ("{count}").
"""

import functools
from pathlib import Path

from babel.messages.pofile import read_po

from cccd.i18n import LANGUAGES, Translator
from loaders.errors import DataFileError

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def po_path(language: str) -> Path:
    """Where the catalogue of `language` lives."""
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


@functools.cache
def messages(language: str) -> dict[str, str]:
    """key -> translated text for `language` (empty translations left out), read once."""
    if language not in LANGUAGES:
        raise DataFileError(
            f"No catalogue for language {language!r}; use one of {list(LANGUAGES)}."
        )
    path = po_path(language)
    try:
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, abort_invalid=True)
    except OSError as problem:
        raise DataFileError(f"Cannot read the {language} texts ({path}): {problem}") from problem
    return {message.id: message.string for message in catalog if message.id and message.string}


def translator(language: str, strict: bool = False) -> Translator:
    """The Translator of `language`; strict raises KeyError on a missing key (tests)."""
    return Translator(language, messages(language), strict=strict)
