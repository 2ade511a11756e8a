"""How the figures and projections are made, in plain words, with their limits."""

import streamlit as st

from pages import widgets

st.title("Phương pháp tính")
st.markdown(
    """
**Tỉ lệ hoàn thành** của một xã, quận/huyện hay toàn thành phố = số thẻ CCCD đã trả (lũy kế)
÷ chỉ tiêu. Với tài khoản VNeID: số tài khoản đã kích hoạt ÷ cùng chỉ tiêu. Một xã *đạt chỉ tiêu*
khi số đã trả ≥ chỉ tiêu; một quận/huyện *hoàn thành* khi mọi xã của nó đạt chỉ tiêu. Số vượt
chỉ tiêu được hiển thị là 100 % và được gắn cờ.

**Tốc độ hiện tại** = số tăng thêm trung bình mỗi ngày trong 7 ngày báo cáo gần nhất:

> tốc độ = (tổng số tăng trong 7 ngày báo cáo) ÷ (số ngày lịch mà các lần tăng đó trải qua)

Ngày thiếu báo cáo không làm tốc độ tăng giả: lần tăng sau ngày thiếu được chia cho 2 ngày.
Một lần *giảm* số lũy kế là **đính chính**: được gắn cờ và bỏ ra khỏi phép tính, tốc độ
không bao giờ âm. Quận/huyện cộng số lũy kế của các xã; xã nộp báo cáo muộn giữ số của lần
báo cáo trước, nên không bị tính như một lần giảm.

**Ngày dự kiến hoàn thành** = ngày số liệu + ⌈còn lại ÷ tốc độ⌉ ngày, với
còn lại = max(chỉ tiêu − đã trả, 0).

**Khoảng dự kiến**: tính lại ngày hoàn thành với tốc độ nhanh nhất và chậm nhất trong các tuần
gần đây (tối đa 3 tuần, mỗi tuần 7 ngày báo cáo). Khoảng này cho thấy kết quả thay đổi thế nào
nếu tuần tới giống một tuần đã qua; nó không phải khoảng tin cậy thống kê.

**Tốc độ cần thiết** = còn lại ÷ số ngày còn đến hạn 30/06/2023.
**Tỉ số chênh lệch** = tốc độ cần thiết ÷ tốc độ hiện tại.

| Trạng thái | Khi nào |
|---|---|
| Hoàn thành | đã trả ≥ chỉ tiêu |
| Chưa đủ số liệu | dưới 7 ngày báo cáo — không hiện ngày dự kiến |
| Đứng yên | không tăng trong 7 ngày báo cáo gần nhất — không hiện ngày dự kiến |
| Đúng tiến độ | tỉ số chênh lệch ≤ 1 |
| Có nguy cơ | 1 < tỉ số ≤ 1,5 |
| Chậm tiến độ | tỉ số > 1,5 |

Cờ dữ liệu: *đính chính* (số lũy kế giảm), *thiếu ngày* (có ngày không báo cáo),
*vượt chỉ tiêu*, *cũ* (báo cáo mới nhất cách ngày số liệu hơn 3 ngày).

**Giả định thêm đội lưu động**: tốc độ mới = tốc độ hiện tại + số đội × số thẻ mỗi đội trả
một ngày.

**Kiểm tra lại (back-test)**: với mỗi ngày báo cáo trước đây, so sánh ngày dự kiến tính vào
hôm đó với ngày thực tế đạt chỉ tiêu trong số liệu sau này. Sai số điển hình (trung vị độ lệch
tuyệt đối, tính bằng ngày) được hiện bên cạnh các dự kiến hôm nay.

**Giới hạn**: dự kiến giả định tốc độ gần đây giữ nguyên; đợt cao điểm, ngày nghỉ, thiếu phôi
thẻ hay thay đổi chỉ tiêu đều làm dự kiến sai. Hai tuần số liệu chỉ cho ước lượng thô.
"""
)
st.subheader("Số liệu và bản đồ")
st.markdown(widgets.SYNTHETIC_NOTE)
st.markdown(widgets.APPROXIMATE_NOTE)
