"""The bad-file corpus (tests/data/bad_files/make_bad_files.py) through the command lines and
the loaders the pages call (issue 17): every broken or hostile file is refused with its own
DataFileError, whose message exists in every language, and nothing a user sees holds a
traceback, a temporary folder or a library path. The files that must load do.
"""

import importlib.util
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers_hostile import run_cli
from sqlalchemy import Engine

from cccd.i18n import LANGUAGES
from loaders import catalogue, reports, store
from loaders.boundaries import load_boundaries
from loaders.catalogue import english
from loaders.errors import DataFileError
from loaders.uploads import load_boundary_upload

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "data" / "bad_files" / "make_bad_files.py"
_spec = importlib.util.spec_from_file_location("make_bad_files", SCRIPT)
corpus_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_module)
TRUTH: dict[str, tuple[str, str]] = corpus_module.TRUTH
LOADS = corpus_module.LOADS
# A report fixture that still fails with a traceback in a module owned elsewhere goes here:
# name -> reason (marked xfail, "owned by the limits helper").
OWNED_ELSEWHERE: dict[str, str] = {}
FORBIDDEN = ("Traceback", "/tmp/", "site-packages", "dist-packages", "/root/", "boundaries-")


def _marks(name: str) -> list:
    reason = OWNED_ELSEWHERE.get(name)
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


CASES = [pytest.param(name, marks=_marks(name), id=name) for name in TRUTH]
BOUNDARIES = [name for name, (kind, _) in TRUTH.items() if kind == "boundary"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad files")
    corpus_module.write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return store.connect(f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}")


def _command(name: str, engine: Engine) -> tuple[str, ...]:
    kind, expect = TRUTH[name]
    if kind == "boundary":
        return ("loaders.boundaries", name, *(("--allow-partial",) if expect == LOADS else ()))
    return ("loaders.reports", name, "--database-url", str(engine.url))


@pytest.fixture(scope="module")
def said(corpus: Path, engine: Engine) -> dict[str, subprocess.CompletedProcess]:
    """Each fixture through its command line, as a user runs it from the file's folder (a few
    at a time: each run is mostly the interpreter starting)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = {name: pool.submit(run_cli, *_command(name, engine), cwd=corpus) for name in TRUTH}
    return {name: run.result() for name, run in runs.items()}


def _refusal(name: str, corpus: Path, engine: Engine) -> DataFileError | None:
    """The error the loader the page calls raises for the fixture, or None when it loads."""
    kind, _ = TRUTH[name]
    try:
        if kind == "boundary":
            load_boundaries(corpus / name)
        else:
            reports.preview_report(corpus / name, engine)
    except DataFileError as error:
        return error
    return None


def test_the_corpus_is_large_and_truthful(corpus: Path) -> None:
    kinds = [kind for kind, _ in TRUTH.values()]
    assert kinds.count("boundary") >= 50 and kinds.count("report") >= 15
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    committed = json.loads((SCRIPT.parent / "truth.json").read_text(encoding="utf-8"))
    assert truth == committed, "run make_bad_files.py and commit truth.json"
    assert all((corpus / name).exists() for name in TRUTH)


@pytest.mark.parametrize("name", CASES)
def test_the_loader_raises_the_expected_error(name: str, corpus: Path, engine: Engine) -> None:
    _, expect = TRUTH[name]
    error = _refusal(name, corpus, engine)
    assert (error.message.key if error else LOADS) == expect


@pytest.mark.parametrize("name", CASES)
def test_the_message_is_in_every_language_with_no_server_path(
    name: str, corpus: Path, engine: Engine
) -> None:
    error = _refusal(name, corpus, engine)
    if error is None:
        pytest.skip("loads")
    for language in LANGUAGES:
        text = catalogue.translator(language, strict=True).render(error.message)
        assert text and "{" not in text, (language, text)
        assert not any(word in text for word in FORBIDDEN), (language, text)


@pytest.mark.parametrize("name", CASES)
def test_the_command_line_says_why_with_no_traceback(
    name: str, corpus: Path, engine: Engine, said: dict
) -> None:
    run = said[name]
    shown = run.stdout + run.stderr
    assert not any(word in shown for word in FORBIDDEN), shown
    error = _refusal(name, corpus, engine)
    if error is None:
        assert run.returncode == 0, shown
        assert "features read" in run.stdout or "rows accepted" in run.stdout
        return
    assert run.returncode == 2, shown
    assert run.stderr == f"error: {error}\n"  # the same message as the page's, in English


@pytest.mark.parametrize(
    "name", [n for n in BOUNDARIES if Path(n).suffix and "/" not in n and "folder" not in n]
)
def test_an_upload_of_the_file_says_the_same_without_the_upload_folder(
    name: str, corpus: Path
) -> None:
    """The boundaries page saves an upload into a temporary folder: its path never shows."""
    path = corpus / name
    try:
        load_boundary_upload([(name, path.read_bytes())], allow_partial=True)
    except DataFileError as error:  # or the page's own refusal of an unknown kind of file
        assert error.message.key in (TRUTH[name][1], "error.upload_no_boundary_file")
        assert not any(word in str(error) for word in FORBIDDEN), str(error)
    else:
        assert TRUTH[name][1] == LOADS


@pytest.mark.parametrize(
    "name", ["a!b.geojson", "tên có dấu cách !và #1 [cũ].geojson", "a!b.zip", "set !name/a!b.shp"]
)
def test_names_with_gdal_special_characters_load(name: str, corpus: Path) -> None:
    """'a!b.geojson' once gave "b.geojson: No such file or directory"."""
    load = load_boundaries(corpus / name, allow_partial=True)
    assert (load.source_name, load.features_read, load.matched_by_code) == (
        Path(name).name,
        5,
        5,
    )


def test_several_polygon_layers_take_the_one_with_most_features(corpus: Path) -> None:
    load = load_boundaries(corpus / "districts_and_communes.gpkg", allow_partial=True)
    assert load.features_read == 5
    assert english(load.decisions[0]) == (
        "layer 'xa' (5 features) holds the communes: the polygon layer with the most features; "
        "the others: 'huyen' (1)"
    )


def test_an_unclosed_ring_is_closed_and_counted_as_repaired(corpus: Path) -> None:
    load = load_boundaries(corpus / "unclosed_ring.geojson", allow_partial=True)
    assert (load.features_read, len(load.communes), load.repaired) == (5, 5, 1)
