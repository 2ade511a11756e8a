"""The bad-file corpus through the pages (issue 17): each broken or hostile file uploaded as an
editor would, on the import page (reports) or the boundaries page (boundary files). The page
shows a message and never an exception, a traceback, a temporary folder or a library path.

One app session per page, re-run with each upload (Streamlit's AppTest, in this process), so
the corpus runs in the time of a few page loads per file.
"""

from pathlib import Path

import pytest
import streamlit as st
import test_bad_files
from streamlit.testing.v1 import AppTest
from test_bad_files import FORBIDDEN, LOADS, TRUTH

from loaders import editors, store

corpus = test_bad_files.corpus  # the corpus written once per module (fixture)

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"report": "pages/imports.py", "boundary": "pages/boundaries.py"}
# One file per upload: a shapefile set in a folder, or a folder itself, is not one upload.
SINGLE = [name for name in TRUTH if "/" not in name and "folder" not in name]


class Upload:
    """What st.file_uploader hands the page."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory):
    """An editor's session on each page, on a store of its own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}"
    editors.add_editor(store.connect(url), "lan", "correct horse battery")
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    opened = {}
    for kind, page in PAGES.items():
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.run()
        app.switch_page(page)
        app.session_state["editor"] = "lan"
        opened[kind] = app
    yield opened
    patch.undo()
    st.cache_data.clear()
    st.cache_resource.clear()


def everything_shown(app: AppTest) -> str:
    """The text of every element of the page, as far as AppTest exposes it."""
    parts = []
    for element in app.main:
        for attribute in ("value", "label", "body", "message"):
            value = getattr(element, attribute, None)
            if isinstance(value, str):
                parts.append(value)
    return "\n".join(parts)


@pytest.mark.parametrize("name", SINGLE)
def test_an_upload_of_the_file_shows_a_message_and_no_traceback(
    name: str, corpus: Path, sessions: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind, expect = TRUTH[name]
    upload = [Upload(Path(name).name, (corpus / name).read_bytes())]
    monkeypatch.setattr(st, "file_uploader", lambda *args, **kwargs: upload)
    app = sessions[kind]
    app.run()
    assert not app.exception, app.exception
    shown = everything_shown(app)
    assert not any(word in shown for word in FORBIDDEN), shown
    if expect != LOADS:
        assert app.error, f"{name}: no message shown"


def test_the_pages_say_what_the_loaders_say(corpus: Path, sessions: dict, monkeypatch) -> None:
    """Not vacuous: a refused report and a refused boundary file show their own message."""
    for name in ("empty.geojson", next(n for n in SINGLE if TRUTH[n][0] == "report")):
        kind, expect = TRUTH[name]
        upload = [Upload(name, (corpus / name).read_bytes())]
        monkeypatch.setattr(st, "file_uploader", lambda *args, upload=upload, **kwargs: upload)
        app = sessions[kind]
        app.run()
        shown = "\n".join(error.value for error in app.error).replace("\\", "")  # unescaped
        assert Path(name).name in shown or expect in {"error.boundary_empty"}, shown
        assert len(shown) > 40, shown
