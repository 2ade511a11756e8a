"""Replace the approximate commune map with the user's own (official) boundary file."""

import streamlit as st

from loaders import store, uploads
from loaders.errors import DataFileError
from pages import cached, widgets

st.title("Ranh giới xã/phường")
widgets.require_store()
current = cached.boundaries()
if current.approximate:
    st.info(widgets.APPROXIMATE_NOTE, icon=":material/polyline:")
else:
    st.success(f"Đang dùng bản đồ ranh giới: **{current.source_name}**")
    if st.button("Quay về bản đồ gần đúng mặc định"):
        store.clear_boundaries(cached.engine())
        cached.forget_data()
        st.rerun()

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
    st.dataframe({"Không khớp": loaded.unmatched}, use_container_width=True)
if loaded.missing_codes:
    st.warning(
        f"{len(loaded.missing_codes)} xã/phường chính thức không có trong tệp; trên bản đồ "
        "chúng sẽ không được vẽ."
    )
if loaded.communes.empty:
    st.error("Không đối tượng nào khớp với danh mục xã/phường: không thể dùng tệp này.")
    st.stop()
if st.button("Dùng bản đồ này", type="primary"):
    geojson = uploads.geojson_for_store(loaded.communes)
    store.save_boundaries(cached.engine(), geojson, loaded.source_name)
    cached.forget_data()
    st.success("Đã lưu. Bản đồ tiến độ nay dùng ranh giới này.")
