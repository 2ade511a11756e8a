"""The static map: PNG bytes, the legend, class colours, the at-target mark and the notes."""

import io
import math
import struct

import geopandas as gpd
import matplotlib.image
import pytest
from matplotlib.colors import to_hex
from shapely.geometry import box

from cccd.classes import AT_TARGET_OUTLINE, CLASSES, NO_DATA
from cccd.static_map import MapLabels, default_labels, map_figure, map_png

NOTES = ("Số liệu mô phỏng", "Ranh giới gần đúng")


@pytest.fixture
def squares() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Three communes near Hanoi: one at target, one at 60 %, one without data; one district."""
    cells = [box(105.80 + 0.02 * i, 21.00, 105.82 + 0.02 * i, 21.02) for i in range(3)]
    frame = {
        "commune_code": ["00001", "00002", "00003"],
        "ratio": [1.05, 0.6, math.nan],
        "done": [True, False, False],
    }
    features = gpd.GeoDataFrame(frame, geometry=cells, crs=4326)
    outline = [box(105.80, 21.00, 105.86, 21.02)]
    districts = gpd.GeoDataFrame({"district_code": ["001"]}, geometry=outline, crs=4326)
    return features, districts


def _collection(figure, gid: str):
    ax = figure.axes[0]
    return next(c for c in ax.collections if c.get_gid() == gid)


def test_png_bytes_and_dimensions(squares):
    png = map_png(*squares, default_labels(NOTES), dpi=50, size=(12, 10))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert 5_000 < len(png) < 5_000_000
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (600, 500)


def test_legend_lists_every_class_no_data_and_the_at_target_mark(squares):
    labels = default_labels()
    figure = map_figure(*squares, labels)
    (legend,) = figure.legends
    shown = [text.get_text().replace("\n", " ") for text in legend.get_texts()]
    assert shown == [*labels.class_labels, labels.at_target_label]
    assert legend.get_title().get_text().replace("\n", " ") == labels.legend_title
    swatches = [to_hex(h.get_facecolor()) for h in legend.legend_handles[: len(CLASSES) + 1]]
    assert swatches == [klass.colour for klass in (*CLASSES, NO_DATA)]


def test_fills_follow_the_classes_and_at_target_is_outlined(squares):
    figure = map_figure(*squares, default_labels())
    fills = [to_hex(c) for c in _collection(figure, "communes").get_facecolor()]
    assert fills == [CLASSES[-1].colour, CLASSES[1].colour, NO_DATA.colour]
    outlines = _collection(figure, "at-target")
    assert len(outlines.get_paths()) == 1
    assert to_hex(outlines.get_edgecolor()[0]) == AT_TARGET_OUTLINE
    assert len(_collection(figure, "checks").get_offsets()) == 1


def test_title_date_and_notes_are_text(squares):
    labels = default_labels(NOTES)
    texts = {text.get_text() for text in map_figure(*squares, labels).texts}
    assert {labels.title, labels.as_of_text, *NOTES} <= texts


@pytest.mark.parametrize("region", [None, "Cả nước (dữ liệu tổng hợp)"])
def test_the_title_names_the_region(squares, region):
    labels = default_labels() if region is None else default_labels(region=region)
    title = f"Tiến độ cấp thẻ CCCD gắn chip – {region or 'Hà Nội'}"
    assert labels.title == title
    assert title in {text.get_text() for text in map_figure(*squares, labels).texts}


def test_no_commune_at_target_draws_no_marks(squares):
    features, districts = squares
    figure = map_figure(features.assign(done=False), districts, default_labels())
    assert not [c for c in figure.axes[0].collections if c.get_gid() in ("at-target", "checks")]


def test_labels_need_one_per_class_and_no_data():
    with pytest.raises(ValueError, match="class_labels needs 6 labels"):
        MapLabels("t", "d", "l", ("only one",), "at target")


def test_labels_accept_lists_and_stay_hashable():
    labels = MapLabels("t", "d", "l", ["a", "b", "c", "d", "e", "f"], "x", ["note"])
    assert hash(labels) == hash(MapLabels("t", "d", "l", tuple("abcdef"), "x", ("note",)))


def test_png_decodes_to_the_requested_size(squares):
    png = map_png(*squares, default_labels(), dpi=20, size=(6, 5))
    assert matplotlib.image.imread(io.BytesIO(png)).shape[:2] == (100, 120)


def test_a_long_note_is_wrapped_inside_the_figure(squares):
    note = (
        "Số liệu mô phỏng (tổng hợp bằng chương trình, có hạt giống cố định), tái hiện các con số "
        "trong báo cáo tiến độ tháng 5/2023; không phải số liệu cấp thẻ thật."
    )
    figure = map_figure(*squares, default_labels((note, "Ranh giới gần đúng.")))
    renderer = figure.canvas.get_renderer()
    shown = [text for text in figure.texts if text.get_color() == "#8a3b00"]
    assert len(shown) >= 3  # the long note takes two lines or more
    assert " ".join(text.get_text() for text in shown[::-1][:-1]) == note
    right = figure.bbox.x1
    assert all(text.get_window_extent(renderer).x1 <= right for text in shown)


def test_a_mark_goes_only_where_a_commune_is_large_enough_to_hold_it():
    """A country's map: hundreds of ✓ on communes a few pixels wide covered the colours. Each
    commune at target keeps its outline; the ✓ goes on those that can hold it."""
    tiny = [box(105.0 + 0.004 * i, 21.0, 105.003 + 0.004 * i, 21.003) for i in range(200)]
    large = [box(105.0, 20.0, 105.3, 20.3)]
    cells = tiny + large
    features = gpd.GeoDataFrame(
        {"commune_code": [f"{i:05d}" for i in range(len(cells))], "ratio": 1.0, "done": True},
        geometry=cells,
        crs=4326,
    )
    districts = gpd.GeoDataFrame({"district_code": ["001"]}, geometry=[box(105, 20, 106, 21.1)])
    figure = map_figure(features, districts.set_crs(4326), default_labels())
    assert len(_collection(figure, "at-target").get_paths()) == len(cells)
    marks = _collection(figure, "checks").get_offsets()
    assert len(marks) == 1 and 105.0 < marks[0][0] < 105.3
