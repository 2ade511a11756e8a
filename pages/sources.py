"""Where the data comes from, its licences and its limits."""

import pandas as pd
import streamlit as st

from pages import widgets

st.title("Nguồn dữ liệu")
SOURCES = [
    ("Danh mục 30 quận/huyện, 579 xã/phường (2023)", "Tổng cục Thống kê", "mã dạng chữ: 00001"),
    ("Dân số 2019 theo xã/phường 2023", "Tổng điều tra dân số 1/4/2019", "cơ sở tính chỉ tiêu"),
    ("Ranh giới 30 quận/huyện", "Cổng bản đồ hành chính của Chính phủ", "gis.chinhphu.vn"),
    ("Vị trí gần đúng mỗi xã/phường", "điểm đại diện theo GADM", "không dùng hình học GADM"),
]
st.table(pd.DataFrame(SOURCES, columns=["Dữ liệu", "Nguồn", "Ghi chú"]), hide_index=True)
st.subheader("Bản đồ xã/phường mặc định")
st.markdown(widgets.APPROXIMATE_NOTE)
st.subheader("Số liệu cấp thẻ")
st.markdown(widgets.SYNTHETIC_NOTE)
st.markdown(
    "Chỉ tiêu mỗi xã = dân số 2019 × tỉ lệ người từ 14 tuổi × tỉ lệ cần cấp trong đợt "
    "(giả định, xem `cccd/sample.py`). Số liệu thật chưa công khai; khi có, nạp thay thế."
)
