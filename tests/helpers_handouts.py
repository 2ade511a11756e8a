"""Shared by the handout tests: Hanoi's synthetic sample on 25/05/2023, read as the command does."""

from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from tempfile import mkdtemp

from cccd.handout_data import HandoutData
from loaders import handouts, reference

AS_OF = date(2023, 5, 25)
LANGUAGES = ("vi", "en", "fr")
MARKUP_NAME = "<b>tags</b> & <script>alert(1)</script>"


@cache
def hanoi() -> HandoutData:
    """The sample's figures on AS_OF from a fresh store (seeded on first connect)."""
    folder = Path(mkdtemp(prefix="handouts-"))
    return handouts.load(AS_OF, "vi", url=f"sqlite:///{folder / 'store.sqlite'}")


def hanoi_in(language: str) -> HandoutData:
    """hanoi() with the region named in `language` ("Hanoi", "Hanoï")."""
    return replace(hanoi(), region=reference.dataset().region_name(language))


def with_markup_name(data: HandoutData, commune_code: str = "00001") -> HandoutData:
    """The same figures, one commune named with markup in the boundary file."""
    shapes = data.shapes.copy()
    shapes.loc[shapes["commune_code"] == commune_code, "commune_name"] = MARKUP_NAME
    return replace(data, shapes=shapes)
