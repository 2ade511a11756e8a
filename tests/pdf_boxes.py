"""Word boxes of a PDF's pages (poppler's pdftotext -bbox) and the pairs of them that overlap.

Tests that look at a printed page's layout use this: two words whose boxes overlap are text
printed over text, whatever the language.
"""

import itertools
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass

# pdftotext writes the font's whole ascent-to-descent height per word: lines set solid can
# touch by a hair without a glyph touching. Overlaps smaller than this (points) are not counted.
TOLERANCE_PT = 1.0


@dataclass(frozen=True)
class Word:
    """One word of a page and its box in points (y grows downwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Word") -> bool:
        """True when the two boxes share more than TOLERANCE_PT in both directions."""
        dx = min(self.x1, other.x1) - max(self.x0, other.x0)
        dy = min(self.y1, other.y1) - max(self.y0, other.y0)
        return dx > TOLERANCE_PT and dy > TOLERANCE_PT


def page_words(pdf: bytes) -> list[list[Word]]:
    """Every page's words with their boxes."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    root = ET.fromstring(html.replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [
        [
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("word")
        ]
        for page in root.iter("page")
    ]


def overlapping_words(words: list[Word]) -> list[tuple[str, str]]:
    """The pairs of words whose boxes overlap."""
    return [(a.text, b.text) for a, b in itertools.combinations(words, 2) if a.overlaps(b)]
