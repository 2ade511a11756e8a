"""Widgets shared by the pages: notices, commune search, map view state, commune details."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from cccd import export, mapview, tables
from cccd.fmt import fmt_date, fmt_int, fmt_pct
from loaders.errors import DataFileError
from pages import cached

BASEMAP_LABELS = {
    "none": "Không nền (ngoại tuyến)",
    "osm": "OpenStreetMap",
    "light": "Nền sáng (CartoDB)",
}
METRIC_LABELS = {"delivered": "Thẻ CCCD đã trả", "activated": "Tài khoản VNeID đã kích hoạt"}
METRIC_NOUNS = {"delivered": "thẻ đã trả", "activated": "VNeID đã kích hoạt"}
MODE_LABELS = {"ratio": "Tỉ lệ hoàn thành", "remaining": "Khối lượng còn lại"}
CITY = "Toàn thành phố"
APPROXIMATE_NOTE = (
    "Ranh giới xã/phường là **gần đúng**: dựng từ một điểm vị trí mỗi xã trong ranh giới "
    "quận/huyện của Chính phủ, không phải bản đồ chính thức."
)
UPLOAD_HINT = " Tải bản đồ ranh giới chính thức ở trang *Ranh giới xã*."
SYNTHETIC_NOTE = (
    "Số liệu **mô phỏng** (tổng hợp bằng chương trình, có hạt giống cố định), tái hiện các "
    "con số trong báo cáo tiến độ tháng 5/2023; không phải số liệu cấp thẻ thật."
)


@dataclass(frozen=True)
class MapControls:
    """What the user chose in the sidebar of the map page."""

    as_of: date
    metric: str
    mode: str
    since: date | None
    district_code: str | None
    basemap: str


def map_controls(dates: list[date], district_names: dict[str, str]) -> MapControls:
    """The map page's sidebar: date, metric, view, comparison date, district, search, basemap."""
    as_of = st.select_slider(
        "Ngày số liệu", options=dates, value=dates[-1], format_func=fmt_date, key="as_of"
    )
    metric = st.radio("Chỉ số", list(METRIC_LABELS), format_func=METRIC_LABELS.get, key="metric")
    mode = st.radio("Hiển thị", list(MODE_LABELS), format_func=MODE_LABELS.get, key="mode")
    earlier = [day for day in dates if day < as_of]
    since = st.selectbox(
        "Đánh dấu xã mới đạt chỉ tiêu từ sau ngày",
        [None, *earlier],
        format_func=lambda day: "Không đánh dấu" if day is None else fmt_date(day),
        key="since",
    )
    district_code = st.selectbox(
        "Quận/huyện",
        [None, *district_names],
        format_func=lambda code: CITY if code is None else district_names[code],
        key="district",
        on_change=forget_focus,
    )
    commune_search(cached.commune_progress(as_of))
    basemap = st.radio(
        "Nền bản đồ",
        list(mapview.BASEMAPS),
        format_func=BASEMAP_LABELS.get,
        key="basemap",
        help="“Không nền” vẽ bản đồ không cần Internet (phòng họp, ngoại tuyến).",
    )
    return MapControls(as_of, metric, mode, since, district_code, basemap)


SUMMARY_COLUMNS = [
    tables.NAME,
    "Hoàn thành (%)",
    "Xã đạt chỉ tiêu",
    "Tốc độ (/ngày)",
    tables.FINISH,
    tables.STATUS,
]


def projection_dataframe(table: pd.DataFrame, key: str, on_select=None) -> object:
    """A projection table with progress bars and status colours; rows selectable if asked."""
    config = {
        "Hoàn thành (%)": st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%.1f %%"
        ),
        "Chỉ tiêu": st.column_config.NumberColumn(format="localized"),
        "Đã đạt": st.column_config.NumberColumn(format="localized"),
        "Tốc độ (/ngày)": st.column_config.NumberColumn(format="%d"),
        "Tốc độ cần (/ngày)": st.column_config.NumberColumn(format="%d"),
        "Tỉ số chênh": st.column_config.NumberColumn(format="%.2f"),
    }
    selection = {"on_select": on_select, "selection_mode": "single-row"} if on_select else {}
    return st.dataframe(
        table.style.apply(tables.status_colours, axis=None),
        hide_index=True,
        width="stretch",
        column_config={name: spec for name, spec in config.items() if name in table},
        height=min(len(table) + 1, 31) * 35 + 3,
        key=key,
        **selection,
    )


def downloads(table: pd.DataFrame, name: str, key: str) -> None:
    """CSV and Excel downloads of a table (formula-like cells neutralised)."""
    left, right = st.columns(2)
    left.download_button(
        "Tải CSV", export.csv_bytes(table), f"{name}.csv", "text/csv", key=f"{key}_csv"
    )
    right.download_button(
        "Tải Excel", export.xlsx_bytes(table), f"{name}.xlsx", XLSX_MIME, key=f"{key}_xlsx"
    )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SLOWING_SHOWN = 8


def slowing_districts(districts: pd.DataFrame) -> None:
    """List the districts whose last weekly pace is below the week before's."""
    slowing = districts[districts["pace_change"] < 1].sort_values("pace_change")
    if slowing.empty:
        return
    shown = slowing.head(SLOWING_SHOWN)
    names = ", ".join(
        f"{name} ({fmt_pct(change - 1, 0)})"
        for name, change in zip(shown["district_name"], shown["pace_change"], strict=True)
    )
    more = f" và {len(slowing) - len(shown)} quận/huyện khác" if len(slowing) > len(shown) else ""
    st.warning(
        f"Giảm tốc so với tuần trước ({len(slowing)} quận/huyện), giảm nhiều nhất: {names}{more}."
    )


def require_store() -> None:
    """Stop the page with the store's message when the database cannot be opened."""
    try:
        cached.engine()
        if not cached.report_dates():
            st.info("Kho số liệu chưa có báo cáo nào. Hãy nạp báo cáo ngày trước.")
            st.stop()
    except DataFileError as problem:
        st.error(str(problem))
        st.stop()


def synthetic_notice() -> None:
    """Say so when the store holds the generated sample."""
    if cached.synthetic():
        st.warning(SYNTHETIC_NOTE, icon=":material/science:")


def data_notices(boundaries: cached.Boundaries) -> None:
    """Say when the data is synthetic and when the commune map is approximate."""
    synthetic_notice()
    if boundaries.approximate:
        st.info(APPROXIMATE_NOTE + UPLOAD_HINT, icon=":material/polyline:")
    else:
        st.caption(f"Ranh giới xã/phường: {boundaries.source_name}")


def commune_search(communes: pd.DataFrame) -> None:
    """A search box that finds communes with or without diacritics and selects the pick."""
    query = st.text_input("Tìm xã/phường", placeholder="vd. phuc xa, Thụy Lâm", key="search")
    hits = tables.search_communes(communes, query)
    if query and hits.empty:
        st.caption("Không tìm thấy xã/phường nào có tên như vậy.")
        return
    if hits.empty:
        return
    labels = dict(
        zip(hits["commune_code"], hits["commune_name"] + " – " + hits["district_name"], strict=True)
    )
    st.selectbox(
        f"Kết quả ({len(hits)})",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Chọn một xã/phường",
        key="search_pick",
        on_change=_select_search_pick,
    )
    if len(hits) == 1 and st.session_state.get("selected_commune") != hits.iloc[0].commune_code:
        st.session_state["selected_commune"] = hits.iloc[0].commune_code
        st.session_state["focus_commune"] = hits.iloc[0].commune_code


def _select_search_pick() -> None:
    code = st.session_state.get("search_pick")
    if code:
        st.session_state["selected_commune"] = code
        st.session_state["focus_commune"] = code


def forget_focus() -> None:
    """Widget callback: a new district choice wins over an earlier commune search."""
    st.session_state.pop("focus_commune", None)


def select_clicked_commune() -> None:
    """st_folium callback: the clicked commune becomes the selected one (the view stays)."""
    clicked = (st.session_state.get("map") or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("commune_code")
    if code:
        st.session_state["selected_commune"] = code


def map_view(features: pd.DataFrame, district_code: str | None) -> tuple:
    """Centre and zoom: the searched commune, else the chosen district, else the city."""
    focus = st.session_state.get("focus_commune")
    if focus in features.index:
        point = features.loc[[focus]].geometry.representative_point().iloc[0]
        return (point.y, point.x), 13.0
    if district_code is not None:
        shapes = features[features["district_code"] == district_code]
        if not shapes.empty:
            return mapview.view_for(tuple(shapes.total_bounds))
    return mapview.view_for(tuple(features.total_bounds))


def commune_details(communes: pd.DataFrame, code: str | None) -> None:
    """The selected commune's figures, or a hint to click one."""
    rows = communes[communes["commune_code"] == code]
    if rows.empty:
        st.caption("Bấm vào một xã/phường trên bản đồ (hoặc tìm theo tên) để xem chi tiết.")
        return
    row = rows.iloc[0]
    with st.container(border=True, key="commune_details"):
        st.markdown(f"#### {row.commune_name}")
        st.caption(f"{row.district_name} · mã {row.commune_code}")
        st.metric("Đã trả / chỉ tiêu", f"{fmt_int(row.delivered)} / {fmt_int(row.target)}")
        st.metric("Hoàn thành", fmt_pct(row.completion))
        st.metric("Kích hoạt VNeID", fmt_pct(row.activation))
        status = "✅ Đạt chỉ tiêu" if row.at_target else "Chưa đạt chỉ tiêu"
        st.write(f"{status} · báo cáo ngày {fmt_date(row.last_report)}")
