"""The meeting pack: a 3-page A4 landscape PDF with the title, headline figures and the table."""

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.table import Table

from cccd.meeting_pack import A4_LANDSCAPE, default_content, meeting_pack_pdf, pack_figures


def _texts(figure: Figure) -> str:
    """Every text on a page: figure texts and table cells."""
    texts = [text.get_text() for text in figure.texts]
    for table in figure.findobj(Table):
        texts += [cell.get_text().get_text() for cell in table.get_celld().values()]
    return "\n".join(texts)


def test_pdf_has_three_a4_landscape_pages():
    pdf = meeting_pack_pdf(default_content())
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 3
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(842, 595)}


def test_fonts_are_embedded_truetype():
    pdf = meeting_pack_pdf(default_content())
    assert b"/FontFile2" in pdf  # embedded TrueType (pdf.fonttype 42), not Type 3 glyph procs
    assert b"/Type3" not in pdf


def test_pages_show_title_figures_and_at_risk_districts():
    content = default_content()
    overview, behind, method = (_texts(page) for page in pack_figures(content))
    assert content.title in overview and content.as_of_text in overview
    for label, value in content.headline:
        assert value in overview and label.split()[0] in overview
    assert "45 / 579" in overview
    assert (
        "Hà Đông" in behind
        and "05/07/2023" in behind
        and "Long\u00a0Biên\u00a0(−12\u00a0%)" in behind
    )
    assert content.method_title in method and "7 ngày báo cáo" in method


def test_pages_are_a4_landscape():
    assert all(
        tuple(page.get_size_inches()) == A4_LANDSCAPE for page in pack_figures(default_content())
    )


def test_long_table_continues_on_more_pages():
    content = default_content()
    rows = pd.concat([content.at_risk] * 10, ignore_index=True)  # 20 rows
    pages = pack_figures(replace(content, at_risk=rows))
    assert len(pages) == 4
    assert pages[-1].texts[-1].get_text() == "4 / 4"


def test_empty_table_and_list_say_so():
    content = replace(default_content(), at_risk=default_content().at_risk.iloc[0:0], slowed=())
    assert _texts(pack_figures(content)[1]).count(content.empty_text) == 2


def test_map_image_is_placed_on_page_one():
    page = pack_figures(default_content(map_png=_tiny_png()))[0]
    assert len(page.axes) == 1 and page.axes[0].images
    assert not pack_figures(default_content())[0].axes  # no image, no empty frame


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_searchable():
    content = default_content()
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=meeting_pack_pdf(content), capture_output=True, check=True
    ).stdout.decode()
    assert content.title in out and "45 / 579" in out and "Thường Tín" in out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_title_names_the_region():
    assert default_content().title == "Tiến độ cấp thẻ CCCD gắn chip – Hà Nội"
    content = default_content(region="Cả nước (dữ liệu tổng hợp)")
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=meeting_pack_pdf(content), capture_output=True, check=True
    ).stdout.decode()
    assert "Tiến độ cấp thẻ CCCD gắn chip – Cả nước (dữ liệu tổng hợp)" in out
    assert "Hà Nội" not in out


def _tiny_png() -> bytes:
    buffer = io.BytesIO()
    Figure(figsize=(1, 1)).savefig(buffer, format="png", dpi=10)
    return buffer.getvalue()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_text_from_users_is_printed_as_written():
    """Issue 17: "$x^2$" in a name was typeset as mathematics (matplotlib's mathtext)."""
    content = replace(default_content(), title="Báo cáo $x^2$ [a](http://x) <b>b</b>")
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=meeting_pack_pdf(content), capture_output=True, check=True
    ).stdout.decode()
    assert "Báo cáo $x^2$ [a](http://x) <b>b</b>" in out.replace("\n", " ")
