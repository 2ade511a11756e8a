"""Replace the approximate commune map with the user's own (official) boundary file."""

import streamlit as st

from loaders import store, uploads
from loaders.boundaries import BoundaryLoad
from loaders.errors import DataFileError
from pages import cached, widgets


def use_boundaries(loaded: BoundaryLoad) -> None:
    """Button callback: store the matched communes before the page reruns and reads them."""
    store.save_boundaries(
        cached.engine(), uploads.geojson_for_store(loaded.communes), loaded.source_name
    )
    cached.forget_data()


def use_default_map() -> None:
    """Button callback: forget the user's boundaries; the approximate map is back."""
    store.clear_boundaries(cached.engine())
    cached.forget_data()


st.title("Ranh giới xã/phường")
widgets.require_store()
# Callbacks run before this line, so the notice already shows a set saved by the last click.
current = cached.boundaries()
if current.approximate:
    st.info(widgets.APPROXIMATE_NOTE, icon=":material/polyline:")
else:
    st.success(f"Đang dùng bản đồ ranh giới: **{current.source_name}**")
    st.button("Quay về bản đồ gần đúng mặc định", on_click=use_default_map)

st.markdown(
    "Tải lên bản đồ ranh giới xã/phường: shapefile (tệp .zip, hoặc .shp cùng .shx, .dbf, .prj), "
    "GeoPackage (.gpkg) hoặc GeoJSON. Mọi hệ toạ độ (kể cả VN-2000) được chuyển về WGS 84. "
    "Các đối tượng được khớp với danh mục chính thức theo mã xã, nếu không có mã thì theo tên "
    "trong quận/huyện."
)
uploaded = st.file_uploader(
    "Tệp ranh giới",
    type=["zip", "shp", "shx", "dbf", "prj", "cpg", "gpkg", "geojson", "json"],
    accept_multiple_files=True,
)
if not uploaded:
    st.stop()

try:
    loaded = uploads.load_boundary_upload([(file.name, file.getvalue()) for file in uploaded])
except DataFileError as problem:
    st.error(f"Không dùng được tệp này. {problem}")
    st.stop()

cols = st.columns(4)
cols[0].metric("Đối tượng đọc được", loaded.features_read)
cols[1].metric("Khớp theo mã", loaded.matched_by_code)
cols[2].metric("Khớp theo tên", loaded.matched_by_name)
cols[3].metric("Xã/phường thiếu", len(loaded.missing_codes))
if loaded.unmatched:
    st.warning(f"{len(loaded.unmatched)} đối tượng không khớp với xã/phường nào:")
    st.dataframe({"Không khớp": loaded.unmatched}, width="stretch")
if loaded.missing_codes:
    st.warning(
        f"{len(loaded.missing_codes)} xã/phường chính thức không có trong tệp; trên bản đồ "
        "chúng sẽ không được vẽ:"
    )
    st.dataframe(
        uploads.missing_communes(loaded.missing_codes),
        hide_index=True,
        width="stretch",
        column_config={
            "commune_code": "Mã xã",
            "commune_name": "Xã/phường",
            "district_name": "Quận/huyện",
        },
    )
if loaded.notes:
    st.info("Nhiều đối tượng cùng một mã xã đã được gộp làm một:")
    st.dataframe({"Đã gộp": loaded.notes}, width="stretch")
if loaded.repaired:
    st.info(f"{loaded.repaired} hình không hợp lệ (tự cắt, sai hướng…) đã được tự động sửa.")
if st.button("Dùng bản đồ này", type="primary", on_click=use_boundaries, args=(loaded,)):
    st.success("Đã lưu. Bản đồ tiến độ nay dùng ranh giới này.")
