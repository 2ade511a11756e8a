"""Issue 19: the handouts' sizes, the file a leader is sent by mail or chat.

(1) the one-file HTML map of Hanoi, in each language: goal ≤ 1.5 MB (1,500,000 bytes);
(2) the same file for the synthetic country (10,599 communes): goal ≤ 3 MB (3,000,000 bytes);
(3) the slide deck of Hanoi (report only): its size and the seconds it takes to build.
Both read a fresh store seeded with the sample, as `python -m loaders.handouts` does. Run alone
with `python -m bench.handouts`; bench/__main__.py can list it as ("handouts": (run, rows)).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Row

HANOI_GOAL = 1_500_000
COUNTRY_GOAL = 3_000_000
LANGUAGES = ("vi", "en", "fr")


@dataclass
class HandoutsResult:
    """Bytes per language of the map file (Hanoi, country) and the deck's size and time."""

    hanoi: dict[str, int] = field(default_factory=dict)
    country: dict[str, int] = field(default_factory=dict)
    deck_bytes: int = 0
    deck_s: float = 0.0


def _sizes(dataset: str, folder: Path) -> dict[str, int]:
    """The map file's bytes per language for `dataset`, from a fresh store."""
    from loaders import handouts, reference

    previous = os.environ.get(reference.DATASET_VARIABLE)
    os.environ[reference.DATASET_VARIABLE] = dataset
    try:
        url = f"sqlite:///{folder / f'{dataset}.sqlite'}"
        return {
            language: len(handouts.build("map", handouts.load(None, language, url), language))
            for language in LANGUAGES
        }
    finally:
        if previous is None:
            os.environ.pop(reference.DATASET_VARIABLE, None)
        else:
            os.environ[reference.DATASET_VARIABLE] = previous


def run() -> HandoutsResult:
    """Measure both map files in three languages and build Hanoi's deck once."""
    from loaders import handouts

    result = HandoutsResult()
    with tempfile.TemporaryDirectory(prefix="bench-handouts-") as folder:
        result.hanoi = _sizes("hanoi", Path(folder))
        result.country = _sizes("nationwide", Path(folder))
        data = handouts.load(None, "vi", f"sqlite:///{Path(folder) / 'hanoi.sqlite'}")
        start = time.perf_counter()
        result.deck_bytes = len(handouts.build("slides", data, "vi"))
        result.deck_s = time.perf_counter() - start
    return result


def rows(result: HandoutsResult) -> list[Row]:
    """RESULTS.md lines for the handouts."""

    def size(name: str, sizes: dict[str, int], goal: int) -> Row:
        largest = max(sizes.values())
        each = ", ".join(f"{language} {n / 1e6:.2f} MB" for language, n in sizes.items())
        return Row(
            f"7. {name} map as one HTML file ({each})",
            f"{largest / 1e6:.2f} MB ({largest:,} bytes)",
            f"goal {goal / 1e6:.1f} MB",
            f"{largest / goal:.2f} of goal",
            f"≤ {goal / 1e6:.1f} MB",
            largest <= goal,
        )

    return [
        size("Hanoi", result.hanoi, HANOI_GOAL),
        size("country (10,599 communes)", result.country, COUNTRY_GOAL),
        Row(
            "7. Hanoi slide deck (.pptx, vi)",
            f"{result.deck_bytes / 1e6:.2f} MB, built in {result.deck_s:.1f} s",
            "—",
            "—",
            "report",
            None,
        ),
    ]


if __name__ == "__main__":
    for row in rows(run()):
        print(f"{row.measure}: {row.value} ({row.goal}: {'pass' if row.passed else row.passed})")
