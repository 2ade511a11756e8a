"""The slide deck as a real office suite draws it (issue 19): LibreOffice Impress (Debian's
libreoffice-impress, which .ci/run installs) turns it into a PDF, one page per slide, whose
text is each slide's text, and no two words of a page are printed over each other, in vi, en
and fr."""

import io
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from helpers_handouts import LANGUAGES, hanoi_in
from pdf_boxes import Word, overlapping_words, page_words
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from cccd import slide_table, slides
from cccd.slides import deck_pptx
from loaders.catalogue import translator


def glyph_bodies(words: list[Word]) -> list[Word]:
    """Each word's box without the top and bottom fifth: pdftotext gives a word the font's
    whole ascent and descent, so the lines of a large title set at Impress's line spacing touch
    while their letters are well apart (as a look at the rendered slide shows)."""
    bodies = []
    for word in words:
        trim = (word.y1 - word.y0) / 5
        bodies.append(Word(word.text, word.x0, word.y0 + trim, word.x1, word.y1 - trim))
    return bodies


def picture_boxes(slide) -> list[Word]:
    """The slide's pictures as boxes in points (a PDF page is the slide at 72 points an inch)."""
    return [
        Word("<picture>", *(Emu(v).pt for v in (s.left, s.top, s.left + s.width, s.top + s.height)))
        for s in slide.shapes
        if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):  # .ci/run installs libreoffice-impress: CI must not skip
            pytest.fail("soffice missing in CI: install libreoffice-impress")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-impress)")
    return found


def country_like(language: str):
    """Hanoi's figures with its districts named under a long province name, as a country's
    district slides are titled ("Huyện Mẫu 935, Tỉnh Mẫu 93 · Chậm tiến độ", and longer)."""
    data = hanoi_in(language)
    codes = data.districts["district_code"]
    return replace(data, district_provinces=dict.fromkeys(codes, "Tỉnh Mẫu 93"))


def cut_like_a_country(monkeypatch: pytest.MonkeyPatch) -> None:
    """A country's deck in small: 5 district slides, 3 more named, the table cut to its 12
    worst with its closing line (cccd.slide_table) on a slide of 4 rows."""
    monkeypatch.setattr(slides, "MAX_DISTRICT_SLIDES", 5)
    monkeypatch.setattr(slides, "MORE_NAMED", 3)
    monkeypatch.setattr(slide_table, "MAX_TABLE_ROWS", 12)


@pytest.mark.parametrize(
    "language, data, cut",
    [
        *((language, hanoi_in, False) for language in LANGUAGES),
        ("vi", country_like, False),
        ("fr", country_like, True),
    ],
    ids=[*LANGUAGES, "vi-country-titles", "fr-country-cut"],
)
def test_the_deck_renders_one_page_a_slide_with_no_text_over_text(
    language: str, data, cut: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = soffice()
    if cut:
        cut_like_a_country(monkeypatch)
    deck = deck_pptx(translator(language, strict=True), data(language))
    (tmp_path / "deck.pptx").write_bytes(deck)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"  # a fresh one, not ~/.config
    subprocess.run(
        [program, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "deck.pptx")],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pages = page_words((tmp_path / "deck.pdf").read_bytes())
    pptx = Presentation(io.BytesIO(deck))
    slides, width, height = pptx.slides, pptx.slide_width.pt, pptx.slide_height.pt
    assert len(pages) == len(slides)
    for number, (words, slide) in enumerate(zip(pages, slides, strict=True), 1):
        shown = {word.text for word in words}
        title = slide.shapes.title.text_frame.text.split()
        assert set(title) <= shown, (number, title)
        assert overlapping_words(glyph_bodies(words)) == [], (language, number)
        # No word printed under or over a map or chart (a text box that ran too long).
        hidden = [
            w.text for w in glyph_bodies(words) for p in picture_boxes(slide) if w.overlaps(p)
        ]
        assert hidden == [], (language, number)
        assert all(0 <= w.x0 and w.x1 <= width and 0 <= w.y0 and w.y1 <= height for w in words)
