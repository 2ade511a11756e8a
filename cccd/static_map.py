"""Static choropleth of commune completion (PNG) for slides and the printed meeting pack.

Same classes and colours as the web map (cccd.classes). No basemap, so it renders offline. Built
on matplotlib's object API with the Agg canvas, never pyplot: pyplot's global figure registry is
not safe across Streamlit's script threads. Every word shown comes from MapLabels, so the caller
chooses the language.
"""

import io
import math
import textwrap
from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from cccd.classes import AT_TARGET_OUTLINE, CLASSES, NO_DATA, completion_class

# DejaVu Sans ships with matplotlib and has Vietnamese letters and the ✓ glyph.
FONT = "DejaVu Sans"
DISTRICT_LINE = "#333333"
COMMUNE_EDGE = "#ffffff"
CHECK = "✓"
MARK_SHARE = 0.012  # a ✓ is about this share of the map's longer side (s=95 on a ~9 in map)
# Room beside the map for the legend at 13 pt, whatever the figure size.
LEGEND_IN = 2.9


@dataclass(frozen=True)
class MapLabels:
    """Every text the static map shows, in the reader's language.

    class_labels follow CLASSES then NO_DATA; notes are shown one per line under the map
    (e.g. "synthetic data", "approximate boundaries"). An empty title or as_of_text is left out
    (the meeting pack shows them on the page instead).
    """

    title: str
    as_of_text: str
    legend_title: str
    class_labels: tuple[str, ...]
    at_target_label: str
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Lists are accepted from callers; tuples keep the frozen value hashable for caches.
        object.__setattr__(self, "class_labels", tuple(self.class_labels))
        object.__setattr__(self, "notes", tuple(self.notes))
        if len(self.class_labels) != len(CLASSES) + 1:
            raise ValueError(
                f"class_labels needs {len(CLASSES) + 1} labels (the {len(CLASSES)} completion "
                f"classes, then no data); got {len(self.class_labels)}: {self.class_labels!r}"
            )


def default_labels(notes: tuple[str, ...] = (), region: str = "Hà Nội") -> MapLabels:
    """Vietnamese labels (the app's default language) for a map of `region`, for tests and
    scripts (the app builds its own from the catalogue: ui/exports.py)."""
    return MapLabels(
        title=f"Tiến độ cấp thẻ CCCD gắn chip – {region}",
        as_of_text="Số liệu đến ngày 29/05/2023",
        legend_title="Tỉ lệ thẻ CCCD đã trả / chỉ tiêu",
        class_labels=(
            "Dưới 50 %",
            "50 – 70 %",
            "70 – 90 %",
            "90 – 100 %",
            "Đạt chỉ tiêu (≥ 100 %)",
            "Không có số liệu",
        ),
        at_target_label="Đạt chỉ tiêu: viền cam và dấu ✓",
        notes=notes,
    )


def map_png(
    features: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    labels: MapLabels,
    *,
    dpi: int = 150,
    size: tuple[float, float] = (12, 10),
) -> bytes:
    """The choropleth as PNG bytes (size in inches × dpi pixels)."""
    # Text is text: a name holding "$...$" is not typeset as mathematics (issue 17).
    with matplotlib.rc_context({"text.parse_math": False}):
        figure = map_figure(features, districts, labels, size=size)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def map_figure(
    features: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    labels: MapLabels,
    *,
    size: tuple[float, float] = (12, 10),
) -> Figure:
    """The choropleth as a matplotlib Figure (Agg canvas): map, legend, title, date and notes.

    `features` is a mapview.map_features frame (ratio 0–1+, NaN = no data; done bool), both
    frames in EPSG:4326.
    """
    figure = Figure(figsize=size, facecolor="white")
    FigureCanvasAgg(figure)
    top = _header(figure, labels)
    bottom = _notes(figure, labels.notes)
    map_width = 1 - 0.05 - LEGEND_IN / figure.get_figwidth()
    ax = figure.add_axes((0.02, bottom, map_width, top - bottom))
    _draw_map(ax, features, districts)
    ax.apply_aspect()
    _legend(figure, labels, left=ax.get_position().x1 + 0.03, top=top)
    return figure


def _header(figure: Figure, labels: MapLabels) -> float:
    """Title and date at the top; returns the figure fraction left for the map's top."""
    height = figure.get_figheight()
    y = 1 - 0.25 / height
    if labels.title:
        figure.text(0.02, y, labels.title, fontsize=20, fontweight="bold", family=FONT, va="top")
        y -= 0.45 / height
    if labels.as_of_text:
        figure.text(0.02, y, labels.as_of_text, fontsize=14, color="#333333", family=FONT, va="top")
        y -= 0.4 / height
    return y


def _notes(figure: Figure, notes: tuple[str, ...]) -> float:
    """Notes under the map, bottom up, wrapped to the figure's width (the synthetic-data note is
    longer than one line); returns the figure fraction left for the map's bottom."""
    line = 0.28 / figure.get_figheight()
    y = 0.15 / figure.get_figheight()
    # Characters per line: 96 % of the width over an italic 12 pt character (~0.55 em, wide
    # enough for Vietnamese text in the bundled font).
    width = int(0.96 * figure.get_figwidth() * 72 / (12 * 0.55))
    lines = [part for note in notes for part in textwrap.wrap(note, width) or [""]]
    for text in reversed(lines):
        figure.text(0.02, y, text, fontsize=12, color="#8a3b00", family=FONT, style="italic")
        y += line
    return y + 0.05


def _draw_map(ax: Axes, features: gpd.GeoDataFrame, districts: gpd.GeoDataFrame) -> None:
    """Fills by class, orange outlines and ✓ on communes at target, district lines on top."""
    fills = [completion_class(_ratio(value)).colour for value in features["ratio"]]
    features.plot(ax=ax, color=fills, edgecolor=COMMUNE_EDGE, linewidth=0.3)
    ax.collections[-1].set_gid("communes")
    done = features[features["done"]]
    if len(done):
        done.plot(ax=ax, facecolor="none", edgecolor=AT_TARGET_OUTLINE, linewidth=1.8)
        ax.collections[-1].set_gid("at-target")
    districts.boundary.plot(ax=ax, color=DISTRICT_LINE, linewidth=1.1)
    ax.collections[-1].set_gid("districts")
    done = done[_room_for_a_mark(done, features)]
    if len(done):
        points = done.geometry.representative_point()
        ax.scatter(
            points.x,
            points.y,
            s=95,
            c="white",
            edgecolors=AT_TARGET_OUTLINE,
            linewidths=1.3,
            zorder=5,
        )
        ax.scatter(
            points.x,
            points.y,
            s=45,
            marker=_check_marker(),
            c=AT_TARGET_OUTLINE,
            linewidths=0,
            zorder=6,
            gid="checks",
        )
    # Degrees of longitude are shorter than degrees of latitude by cos(latitude).
    mid_lat = (features.total_bounds[1] + features.total_bounds[3]) / 2
    ax.set_aspect(1 / math.cos(math.radians(mid_lat)), anchor="W")
    ax.set_axis_off()


def _room_for_a_mark(done: gpd.GeoDataFrame, features: gpd.GeoDataFrame) -> pd.Series:
    """Which communes are large enough on this map to hold a ✓ (about MARK_SHARE of the map's
    longer side): on a country's map, hundreds of marks on communes a few pixels wide covered
    the colours; those keep their orange outline."""
    west, south, east, north = features.total_bounds
    mid_lat = math.cos(math.radians((south + north) / 2))
    longer = max((east - west) * mid_lat, north - south)
    # sqrt(area) in degrees, its east-west part shortened by cos(latitude) as on the map.
    # (shapely's own area: GeoSeries.area warns that degrees are not a unit of area.)
    size = (shapely.area(done.geometry.to_numpy()) * mid_lat) ** 0.5
    return pd.Series(size >= MARK_SHARE * longer, index=done.index)


def _ratio(value: object) -> float:
    return math.nan if value is None or value != value else float(value)


def _check_marker() -> Path:
    """The ✓ glyph as a marker path, centred on its point."""
    path = TextPath((0, 0), CHECK, prop=FontProperties(family=FONT, weight="bold"))
    (x0, y0), (x1, y1) = path.get_extents().get_points()
    return path.transformed(Affine2D().translate(-(x0 + x1) / 2, -(y0 + y1) / 2))


def _legend(figure: Figure, labels: MapLabels, left: float, top: float) -> None:
    """Every class, no data and the at-target mark, beside the map."""
    handles: list[object] = [
        Patch(facecolor=klass.colour, edgecolor="#777777", linewidth=0.8)
        for klass in (*CLASSES, NO_DATA)
    ]
    mark = Line2D(
        [], [], linestyle="", marker=_check_marker(), markersize=11, color=AT_TARGET_OUTLINE
    )
    outline = Patch(facecolor="white", edgecolor=AT_TARGET_OUTLINE, linewidth=2)
    handles.append((outline, mark))
    # Wrap to the room left: about 0.55 em per character, less the swatch and its gap.
    width_in = (0.98 - left) * figure.get_figwidth()
    chars = max(12, int((width_in - 0.5) * 72 / (13 * 0.55)))
    texts = [*labels.class_labels, labels.at_target_label]
    figure.legend(
        handles,
        [textwrap.fill(text, chars) for text in texts],
        title=textwrap.fill(labels.legend_title, int(width_in * 72 / (14 * 0.62))),
        loc="upper left",
        bbox_to_anchor=(left, top),
        frameon=False,
        prop=FontProperties(family=FONT, size=13),
        title_fontproperties=FontProperties(family=FONT, size=14, weight="bold"),
        handlelength=1.8,
        handleheight=1.2,
        labelspacing=0.7,
        alignment="left",
    )
