"""The Hanoi dataset's sources with their licences and attributions (geodata/SOURCES.toml)."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCES_FILE = Path(__file__).resolve().parent.parent / "geodata" / "SOURCES.toml"


@dataclass(frozen=True)
class Source:
    """One reference file: its licence as SOURCES.md states it and the words to cite it by."""

    id: str
    file: str
    rows: int
    licence: str
    attribution: str


@cache
def sources(path: Path = SOURCES_FILE) -> tuple[Source, ...]:
    """The sources in the order SOURCES.md lists them."""
    with path.open("rb") as file:
        return tuple(Source(**entry) for entry in tomllib.load(file)["source"])
