"""The boundary corpus (tests/data/boundaries/): files as others publish them, each loaded with
no flags and compared with its truth (truth.json); the broken ones refused with their reason.

The corpus is written by tests/data/boundaries/make_boundaries.py (seeded).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.boundaries import load_boundaries
from loaders.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "boundaries"
TRUTH = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
BROKEN = json.loads((CORPUS / "broken.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough() -> None:
    assert len(TRUTH) >= 8 and len(BROKEN) >= 2


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_each_file_loads_with_no_flags_and_gives_its_truth(name: str) -> None:
    expected = TRUTH[name]
    load = load_boundaries(CORPUS / name)
    got = {
        "features": load.features_read,
        "matched_by_code": load.matched_by_code,
        "matched_by_name": load.matched_by_name,
        "communes": len(load.communes),
        "columns": load.columns,
        "encoding": load.encoding,
        "ignored": load.ignored,
    }
    assert got == expected
    assert load.unmatched == []
    assert load.complete == (expected["communes"] == 579)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_is_refused_with_its_reason(name: str) -> None:
    with pytest.raises(DataFileError) as error:
        load_boundaries(CORPUS / "broken" / name)
    for words in BROKEN[name]:
        assert words in str(error.value)


def test_the_generator_writes_the_same_truth(tmp_path: Path) -> None:
    script = CORPUS / "make_boundaries.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=300)
    for name in ("truth.json", "broken.json"):
        assert (tmp_path / name).read_text() == (CORPUS / name).read_text()
    for name in TRUTH:
        if name.endswith((".geojson", ".zip")):  # a GeoPackage holds its write time
            assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


def test_the_cli_accepts_a_partial_file_only_when_told(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "loaders.boundaries", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    partial = cli(str(CORPUS / "ma_dv.gpkg"))
    assert partial.returncode == 1
    assert "decided: column 'MA_DV' → commune code (22 of 22 values are codes of the list)" in (
        partial.stdout
    )
    assert "ignored columns: CAP, DAN_SO\n" in partial.stdout
    assert "official communes with no feature: 557\n  - 00001 Phường Phúc Xá (Quận Ba Đình)\n" in (
        partial.stdout
    )
    assert cli(str(CORPUS / "ma_dv.gpkg"), "--allow-partial").returncode == 0
    assert cli(str(CORPUS / "vn2000_cp1258.zip")).returncode == 0
    broken = cli(str(CORPUS / "broken" / "no_columns.geojson"))
    assert broken.returncode == 2 and "--field commune_code=COLUMN" in broken.stderr
    given = cli(str(CORPUS / "broken" / "tie_differs.geojson"), "--field", "commune_code=ma_moi")
    assert given.returncode == 1  # readable now; one district only, so partial
    assert "column 'ma_moi' → commune code, as you chose (14 of 14 values" in given.stdout
