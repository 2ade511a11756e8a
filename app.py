"""Entry point: `streamlit run app.py`. Declares the pages; each page lays out its own widgets."""

from pathlib import Path

import streamlit as st

from cccd.offline import use_local_assets

HERE = Path(__file__).parent

st.set_page_config(page_title="Tiến độ CCCD Hà Nội", page_icon="🪪", layout="wide")
# Leaflet & co. come from our own /app/static, so the map draws with no internet.
use_local_assets()

navigation = st.navigation(
    [
        st.Page(
            HERE / "pages" / "map.py", title="Bản đồ tiến độ", icon=":material/map:", default=True
        ),
        st.Page(HERE / "pages" / "districts.py", title="Quận/huyện", icon=":material/table_chart:"),
        st.Page(HERE / "pages" / "imports.py", title="Nhập báo cáo", icon=":material/upload_file:"),
        st.Page(HERE / "pages" / "boundaries.py", title="Ranh giới xã", icon=":material/polyline:"),
        st.Page(HERE / "pages" / "method.py", title="Phương pháp", icon=":material/functions:"),
        st.Page(HERE / "pages" / "sources.py", title="Nguồn dữ liệu", icon=":material/info:"),
    ]
)
navigation.run()
