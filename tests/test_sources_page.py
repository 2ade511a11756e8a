"""The Sources page lists each source with its licence and attribution in the page's language,
from geodata/SOURCES.toml, which says what geodata/SOURCES.md says."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import catalogue, sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES_MD = ROOT / "geodata" / "SOURCES.md"


def _md_rows() -> dict[str, list[str]]:
    """SOURCES.md's table: file -> its cells (file, rows, what, source, licence / status)."""
    rows = {}
    for line in SOURCES_MD.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].endswith((".csv", ".geojson")):
            rows[cells[0]] = cells
    return rows


def test_sources_file_says_what_sources_md_says():
    rows = _md_rows()
    listed = sources.sources()
    assert [source.file for source in listed] == list(rows)
    for source in listed:
        _file, count, _what, origin, licence = rows[source.file]
        assert int(count) == source.rows
        assert licence == source.licence
        assert source.attribution in origin or source.attribution in licence
        assert (ROOT / "geodata" / source.file).is_file()


@pytest.mark.parametrize(
    "language, licence, cite",
    [
        ("vi", "Giấy phép: dữ liệu nhà nước (công khai)", "Ghi nguồn: “GSO Population"),
        ("en", "Licence: government data (public)", "Cite as: “GSO Population"),
        ("fr", "Licence\xa0: données publiques de l’État", "Citer comme\xa0: «\xa0GSO Population"),
    ],
)
def test_page_shows_each_source_with_its_licence_and_attribution(
    app_store, language, licence, cite
):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    text = "\n".join(md.value for md in app.markdown)
    assert licence in text and cite in text
    t = catalogue.translator(language)
    for source in sources.sources():
        assert t(f"sourcelist.licence.{source.id}") in text
        assert source.attribution in text
        assert f"geodata/{source.file}" in text
