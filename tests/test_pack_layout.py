"""The meeting pack's layout: no text is printed over another text, on any page, in any language.

Reads the word boxes of the real PDF (poppler's pdftotext -bbox), so it sees what a reader sees.
"""

import shutil
from dataclasses import replace
from datetime import date

import pytest
from pdf_boxes import overlapping_words, page_words

from cccd.meeting_pack import default_content, meeting_pack_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed (apt-get install)"
)

LONG_NOTE = (
    "Données simulées (générées par un programme à graine fixe), qui reproduisent les chiffres "
    "du rapport d'avancement de mai 2023 ; ce ne sont pas de vraies données de délivrance. "
)


def _overlaps(pdf: bytes) -> dict[int, list[tuple[str, str]]]:
    pages = page_words(pdf)
    assert pages and all(pages), "every page has text"
    return {n: pairs for n, words in enumerate(pages, 1) if (pairs := overlapping_words(words))}


def test_the_checker_sees_text_printed_over_text():
    """The test below would catch the old flaw: two texts placed at the same spot."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    page, buffer = Figure(figsize=(4, 3)), io.BytesIO()
    page.text(0.1, 0.5, "Districts terminés", fontsize=14)
    page.text(0.12, 0.52, "Données simulées", fontsize=11, style="italic")
    with PdfPages(buffer) as pdf:
        pdf.savefig(page)
    assert _overlaps(buffer.getvalue())


@pytest.mark.parametrize(
    "case",
    [
        {},
        {"notes": (LONG_NOTE * 3, LONG_NOTE * 2)},
        {"notes": ()},
        {"title": "Avancement de la délivrance des cartes CCCD – " + "Cả nước (dữ liệu) " * 6},
        {
            "headline": tuple(
                (label + " — jours restants avant l'échéance fixée par le ministère", value)
                for label, value in default_content().headline
            ),
            "notes": (LONG_NOTE * 2,),
        },
        {"slowed": tuple(f"Huyện Thanh Trì {n} (−{n} %)" for n in range(45))},
        {"method_text": (LONG_NOTE * 6 + "\n\n") * 3},
    ],
    ids=["sample", "long notes", "no notes", "long title", "long labels", "long list", "method"],
)
def test_no_text_overlaps_whatever_the_lengths(case, tiny_map_png):
    content = replace(default_content(map_png=tiny_map_png), **case)
    assert _overlaps(meeting_pack_pdf(content)) == {}


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_the_apps_pack_has_no_overlapping_text(language, app_store):
    from ui import exports

    pdf = exports.pack_pdf(language, date(2023, 5, 29))
    assert len(page_words(pdf)) >= 3
    assert _overlaps(pdf) == {}


@pytest.fixture
def tiny_map_png() -> bytes:
    """A small PNG in the map's proportions, so page 1 has its map slot filled."""
    import io

    from matplotlib.figure import Figure

    buffer = io.BytesIO()
    Figure(figsize=(8.0, 6.6)).savefig(buffer, format="png", dpi=20)
    return buffer.getvalue()
