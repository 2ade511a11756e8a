"""The daily report template: the headers the loader accepts first, and two example rows."""

import pandas as pd

HEADERS = {
    "vi": {
        "as_of": "Ngày báo cáo",
        "commune_code": "Mã xã",
        "commune_name": "Phường/Xã",
        "district_name": "Quận/Huyện",
        "target": "Chỉ tiêu",
        "delivered": "Số thẻ đã trả",
        "activated": "Đã kích hoạt VNeID",
    },
    "en": {
        "as_of": "date",
        "commune_code": "commune_code",
        "commune_name": "commune_name",
        "district_name": "district",
        "target": "target",
        "delivered": "delivered",
        "activated": "activated",
    },
}
DATE_LAYOUT = {"vi": "%d/%m/%Y", "en": "%Y-%m-%d"}
# Two real communes of Ba Đình on the campaign's report date, with the figures the bundled
# synthetic sample holds for them: a new user trying the template on a fresh store sees a clean
# preview with nothing new, instead of corrections to figures they never loaded.
EXAMPLES = pd.DataFrame(
    {
        "as_of": pd.to_datetime(["2023-05-29", "2023-05-29"]),
        "commune_code": ["00001", "00004"],
        "commune_name": ["Phường Phúc Xá", "Phường Trúc Bạch"],
        "district_name": ["Quận Ba Đình", "Quận Ba Đình"],
        "target": [4984, 1604],
        "delivered": [3905, 1206],
        "activated": [2941, 831],
    }
)


def template_frame(language: str) -> pd.DataFrame:
    """The template as text: headers in "vi" or "en", codes with their zeros, two example rows."""
    if language not in HEADERS:
        raise ValueError(f"language must be one of {sorted(HEADERS)}, not {language!r}")
    frame = EXAMPLES.copy()
    frame["as_of"] = frame["as_of"].dt.strftime(DATE_LAYOUT[language])
    frame = frame.astype(str)
    return frame.rename(columns=HEADERS[language])
