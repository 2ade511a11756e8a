"""Entry point: `streamlit run app.py`. Declares the pages; each page lays out its own widgets.

`streamlit run` first imports this file, outside any script run, to look for a server to run:
it finds `app` below, Streamlit's own server with one middleware (ui/shell/page_shell.py), whose
script is this same file. Every script run (and every AppTest) then goes to run_pages().
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

HERE = Path(__file__).parent


def run_pages() -> None:
    """Declare the navigation and run the page the address names."""
    # Imported here, not above: the server's import of this file stays light (no folium).
    from cccd.offline import use_local_assets
    from ui import cached
    from ui.shell import heap, lang, streamlit_texts

    t = lang.current()
    st.set_page_config(
        page_title=t("app.title", region=cached.region_name(t.language)),
        page_icon="🪪",
        layout="wide",
    )
    # Leaflet & co. come from our own /app/static, so the map draws with no internet.
    base = st.get_option("server.baseUrlPath").strip("/")
    use_local_assets(f"/{base}/app/static" if base else "/app/static")
    streamlit_texts.widget_texts(t)

    pages = HERE / "pages"
    navigation = st.navigation(
        [
            st.Page(
                pages / "summary.py",
                title=t("nav.summary"),
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page(pages / "map.py", title=t("nav.map"), icon=":material/map:"),
            st.Page(
                pages / "districts.py", title=t("nav.districts"), icon=":material/table_chart:"
            ),
            st.Page(pages / "imports.py", title=t("nav.imports"), icon=":material/upload_file:"),
            st.Page(pages / "boundaries.py", title=t("nav.boundaries"), icon=":material/polyline:"),
            st.Page(pages / "present.py", title=t("nav.present"), icon=":material/slideshow:"),
            st.Page(pages / "method.py", title=t("nav.method"), icon=":material/functions:"),
            st.Page(pages / "sources.py", title=t("nav.sources"), icon=":material/info:"),
        ]
    )
    # The picker's place at the top of the sidebar, filled after the page has run: the map
    # page's first paint leaves it for the run that follows its map (lang.picker_later).
    picker = st.sidebar.container()
    try:
        navigation.run()
    finally:  # also when the page stops early (st.stop: no store, no reports yet)
        lang.language_picker(picker)
    # The first run has loaded the libraries and the reference data: keep them out of the
    # collection Streamlit runs after every run.
    heap.freeze_after_first_run()


if get_script_run_ctx() is None:
    # Imported by `streamlit run`: the server. The pages are declared by st.navigation in each
    # run, not found in pages/. Streamlit (1.67) still turns on its old multipage mode when a
    # pages/ folder sits beside the main script, until the first st.navigation call; a first
    # visitor's /map would then run pages/map.py on its own: no navigation, no wide layout, no
    # offline map assets (the map never draws). Moving the shared code to ui/ does not change
    # that, since pages/ keeps the pages. Guarded by tests/test_app_browser.py
    # (test_a_first_visitors_deep_link_runs_the_declared_navigation).
    PagesManager.uses_pages_directory = False
    from ui.shell import page_shell

    base_url_path = st.get_option("server.baseUrlPath") or ""
    app = st.App(
        __file__, middleware=[Middleware(page_shell.BackendHint, base_url_path=base_url_path)]
    )
else:
    run_pages()
