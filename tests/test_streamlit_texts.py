"""Streamlit's own texts ("Upload", "200MB per file", "Press Enter to apply") replaced by the
catalogue's."""

import pytest

from browser_support import block_remote_requests, streamlit_app
from loaders import catalogue, editors, store
from ui.shell.streamlit_texts import input_hint_css, uploader_css


def test_the_css_carries_the_translated_texts():
    css = uploader_css(catalogue.translator("vi", strict=True), ["xlsx", "csv"], 200)
    assert 'content: "Chọn tệp"' in css
    assert 'content: "Tối đa 200 MB mỗi tệp • XLSX, CSV"' in css


def test_a_text_cannot_break_out_of_the_style_sheet():
    t = catalogue.translator("en", strict=True)
    css = uploader_css(t, ['x"; } body { display: none } </style><script>'], 200)
    assert css.count("</style>") == 1 and "<script" not in css.lower()
    assert '\\"' in css  # the quote stays inside the CSS string


PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def editor_app(tmp_path_factory):
    """The app on its own store with one editor (the boundaries upload is for editors)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}"
    editors.add_editor(store.connect(url), "lan", PASSWORD)
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as app:
        yield app


@pytest.mark.browser
@pytest.mark.parametrize(
    "language, button, note",
    [
        ("vi", "Chọn tệp", "Tối đa 200 MB mỗi tệp"),
        ("fr", "Choisir un fichier", "200 Mo par fichier"),
    ],
)
def test_the_boundaries_uploader_speaks_the_page_language(page, editor_app, language, button, note):
    block_remote_requests(page)
    page.goto(f"{editor_app}/boundaries?lang={language}")
    page.locator('input[type="password"]').wait_for(timeout=60_000)
    page.locator('[data-testid="stTextInput"] input').first.fill("lan")
    page.locator('input[type="password"]').fill(PASSWORD)
    page.locator('[data-testid="stFormSubmitButton"] button').click()
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    dropzone.wait_for(timeout=60_000)
    shown = dropzone.evaluate(
        """zone => [
            zone.querySelector('button [data-testid="stMarkdownContainer"] p'),
            zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'),
        ].map(e => getComputedStyle(e, '::after').content).join(' | ')"""
    )
    assert button in shown and note in shown
    hidden = dropzone.evaluate("zone => getComputedStyle(zone.querySelector('button p')).fontSize")
    assert hidden == "0px"  # Streamlit's English "Upload" takes no space


def test_the_input_hint_is_translated():
    css = input_hint_css(catalogue.translator("fr", strict=True))
    assert 'content: "Appuyez sur Entrée pour valider"' in css


@pytest.mark.browser
def test_typing_in_the_search_shows_the_hint_in_the_page_language(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/map")
    search = page.locator(".st-key-search input")
    search.wait_for(timeout=60_000)
    search.click()
    search.type("phuc")
    hint = page.locator('[data-testid="InputInstructions"]')
    hint.wait_for(timeout=30_000)
    shown = hint.evaluate("e => getComputedStyle(e, '::after').content")
    assert "Nhấn Enter để áp dụng" in shown
