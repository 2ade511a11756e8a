"""Entry point: `streamlit run app.py`. Declares the pages; each page lays out its own widgets."""

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from cccd.offline import use_local_assets

# This run declares the navigation (below); say so before importing the pages package, whose
# __init__ would otherwise send this very run back through app.py once (see pages/__init__.py).
PagesManager.uses_pages_directory = False
from pages import cached, heap, lang, streamlit_texts  # noqa: E402

HERE = Path(__file__).parent

t = lang.current()
st.set_page_config(
    page_title=t("app.title", region=cached.region_name(t.language)), page_icon="🪪", layout="wide"
)
# Leaflet & co. come from our own /app/static, so the map draws with no internet.
use_local_assets()
streamlit_texts.widget_texts(t)

navigation = st.navigation(
    [
        st.Page(
            HERE / "pages" / "summary.py",
            title=t("nav.summary"),
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page(HERE / "pages" / "map.py", title=t("nav.map"), icon=":material/map:"),
        st.Page(
            HERE / "pages" / "districts.py", title=t("nav.districts"), icon=":material/table_chart:"
        ),
        st.Page(
            HERE / "pages" / "imports.py", title=t("nav.imports"), icon=":material/upload_file:"
        ),
        st.Page(
            HERE / "pages" / "boundaries.py", title=t("nav.boundaries"), icon=":material/polyline:"
        ),
        st.Page(HERE / "pages" / "present.py", title=t("nav.present"), icon=":material/slideshow:"),
        st.Page(HERE / "pages" / "method.py", title=t("nav.method"), icon=":material/functions:"),
        st.Page(HERE / "pages" / "sources.py", title=t("nav.sources"), icon=":material/info:"),
    ]
)
lang.language_picker()
navigation.run()
# The first run has loaded the libraries and the reference data: keep them out of the
# collection Streamlit runs after every run.
heap.freeze_after_first_run()
