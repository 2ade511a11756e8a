"""The summary page's downloads: a PNG map and a meeting-pack PDF in the user's language."""

import io
import os
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image

from loaders import reference
from ui import exports as export_widgets


@pytest.fixture(autouse=True)
def fresh_store(app_store):
    """Each test gets its own SQLite store, seeded with the sample on first use."""


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_map_png_is_an_image_of_the_map(language):
    data = export_widgets.map_png(language, date(2023, 5, 29))
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.width > 1000


def test_meeting_pack_is_a_pdf_with_the_districts_behind():
    data = export_widgets.pack_pdf("en", date(2023, 5, 29))
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 3


def test_labels_follow_the_language_and_carry_the_notes():
    from ui import cached
    from ui.shell import lang

    labels = export_widgets.map_labels(
        lang.translator("en"), date(2023, 5, 29), cached.boundaries()
    )
    assert labels.title == "CCCD card delivery – Hanoi"
    assert len(labels.class_labels) == 6
    assert any("simulated" in note.lower() for note in labels.notes)
    assert any("approximate" in note.lower() for note in labels.notes)


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):  # .ci/run installs poppler-utils: CI must not skip
            pytest.fail("pdftotext missing in CI: install poppler-utils")
        pytest.skip("poppler-utils not installed")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    "language, title",
    [
        ("vi", "Tiến độ cấp CCCD – Hà Nội: tài liệu họp"),
        ("en", "Hanoi CCCD progress: meeting pack"),
        ("fr", "Avancement CCCD – Hanoï\xa0: dossier de réunion"),
    ],
)
def test_hanoi_pack_keeps_its_title(language, title):
    text = pdf_text(export_widgets.pack_pdf(language, date(2023, 5, 29)))
    assert title.replace("\xa0", " ") in text  # pdftotext writes a no-break space as a space


def test_the_nationwide_downloads_name_their_region_not_hanoi(monkeypatch):
    from ui import cached
    from ui.shell import lang

    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    labels = export_widgets.map_labels(
        lang.translator("en"), date(2023, 5, 29), cached.boundaries()
    )
    assert labels.title == "CCCD card delivery – Whole country (synthetic)"
    vi = export_widgets.map_labels(lang.translator("vi"), date(2023, 5, 29), cached.boundaries())
    assert vi.title == "Tiến độ cấp thẻ CCCD – Cả nước (dữ liệu tổng hợp)"
    text = pdf_text(export_widgets.pack_pdf("en", date(2023, 5, 29)))
    assert "Whole country (synthetic) CCCD progress: meeting pack" in text
    assert "Hanoi" not in text
