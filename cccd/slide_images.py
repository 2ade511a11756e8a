"""The deck's pictures: the city map, one district's communes zoomed, one district's chart.

Maps come from cccd.static_map (the app's classes, colours and legend); the chart draws what
cccd.charts draws (reports, target, projection with its range, deadline) with matplotlib's
object API, since the deck needs a PNG and the app's Altair chart renders only in a browser.
Every image is rendered at IMAGE_DPI for the inches it fills on the slide, so it stays sharp on
a projector (a full-width 13.3 in slide is 1,920 px at 144 dpi).
"""

import io
from datetime import date

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from cccd import charts, mapview, static_map
from cccd.classes import CLASSES, NO_DATA
from cccd.handout_data import HandoutData
from cccd.i18n import Translator

IMAGE_DPI = 200
# static_map sets its legend in 13 pt for the figure's inches: the city map is drawn this much
# smaller, at this much more dpi, so that its legend is 18 pt on the slide (and the picture as
# sharp); its map is 82 % as wide as with a 13 pt legend.
LEGEND_SCALE = 18 / 13
MAX_DATE_TICKS = 4  # at 18 pt, five dates ran into each other on a 6 in chart
CHART_TYPE = 18  # points: the chart is drawn at its size on the slide, so these are the slide's
FONT = static_map.FONT


def map_labels(t: Translator) -> static_map.MapLabels:
    """The legend's texts in t's language; the slide itself carries title, date and notes."""
    return static_map.MapLabels(
        title="",
        as_of_text="",
        legend_title=t("legend.title.delivered"),
        class_labels=tuple(klass.label(t) for klass in (*CLASSES, NO_DATA)),
        at_target_label=t("export.at_target"),
    )


def features(t: Translator, data: HandoutData) -> gpd.GeoDataFrame:
    """The commune shapes with their delivered ratio and at-target flag (mapview.map_features)."""
    return mapview.map_features(t, data.shapes, data.communes, "delivered", data.as_of)


def city_map_png(t: Translator, data: HandoutData, size: tuple[float, float]) -> bytes:
    """The whole map with its legend in 18 pt, `size` inches at IMAGE_DPI."""
    with matplotlib.rc_context({"text.parse_math": False}):  # as static_map.map_png
        return _png(city_map_figure(t, data, size), round(IMAGE_DPI * LEGEND_SCALE))


def city_map_figure(t: Translator, data: HandoutData, size: tuple[float, float]) -> Figure:
    """The whole map with its legend, drawn LEGEND_SCALE times smaller than `size` (inches on
    the slide) so that the legend's 13 pt are 18 pt there."""
    drawn = (size[0] / LEGEND_SCALE, size[1] / LEGEND_SCALE)
    return static_map.map_figure(features(t, data), data.district_shapes, map_labels(t), size=drawn)


def district_map_png(
    t: Translator,
    data: HandoutData,
    district_code: str,
    size: tuple[float, float],
    shapes: gpd.GeoDataFrame | None = None,
) -> bytes:
    """One district's communes filling the picture (district_map_figure), at IMAGE_DPI."""
    # Text is text, as static_map.map_png draws it (a "$" in a name is not mathematics).
    with matplotlib.rc_context({"text.parse_math": False}):
        return _png(district_map_figure(t, data, district_code, size, shapes), IMAGE_DPI)


def district_map_figure(
    t: Translator,
    data: HandoutData,
    district_code: str,
    size: tuple[float, float],
    shapes: gpd.GeoDataFrame | None = None,
) -> Figure:
    """One district's communes filling the whole figure, its line drawn, with no legend (the
    city slide's, in 18 pt, holds for every map; in this picture's 13 pt it took half of it).
    `shapes`: features(t, data), when the caller already has them (one per deck)."""
    shapes = features(t, data) if shapes is None else shapes
    mine = shapes[shapes["district_code"] == district_code]
    lines = data.district_shapes[data.district_shapes["district_code"] == district_code]
    figure = static_map.map_figure(mine, lines, map_labels(t), size=size)
    figure.legends.clear()
    ax = figure.axes[0]
    box = ax.get_position(original=True)
    ax.set_position((box.x0, box.y0, 0.96, box.height))
    return figure


def _png(figure: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def district_chart_png(
    t: Translator, data: HandoutData, district_code: str, size: tuple[float, float]
) -> bytes:
    """The district's cumulative cards delivered, target, projection and range, deadline."""
    values, targets = data.series
    row = data.districts.set_index("district_code").loc[district_code]
    series = values[district_code].dropna()
    target = float(targets[district_code])
    lines = charts.projection_frame(data.as_of, float(row["value"]), target, *_days(row))
    figure = Figure(figsize=size, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    _draw_chart(t, ax, series, target, lines, data.campaign.deadline)
    figure.tight_layout(pad=0.4)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=IMAGE_DPI)
    return buffer.getvalue()


def _days(row: pd.Series) -> tuple[date | None, date | None, date | None]:
    return tuple(
        None if pd.isna(row[key]) else pd.Timestamp(row[key]).date()
        for key in ("finish", "finish_early", "finish_late")
    )


def _draw_chart(
    t: Translator,
    ax,
    series: pd.Series,
    target: float,
    lines: pd.DataFrame,
    deadline: date,
) -> None:
    """Reports as a line with points, the band between the fastest and slowest lines, the
    projected line dashed, the target and the deadline as rules (charts.py's colours)."""
    text = {"family": FONT, "fontsize": CHART_TYPE}
    days = pd.to_datetime(series.index)
    ax.plot(days, series.to_numpy(), color=charts.ACTUAL, linewidth=3, marker="o", markersize=4)
    early, late = lines[lines["line"] == "early"], lines[lines["line"] == "late"]
    if len(early) and len(late):
        ax.fill(
            [*early["date"], *late["date"][::-1]],
            [*early["value"], *late["value"][::-1]],
            color=charts.PROJECTED,
            alpha=0.18,
            linewidth=0,
        )
    middle = lines[lines["line"] == "projected"]
    ax.plot(middle["date"], middle["value"], color=charts.PROJECTED, linewidth=3, dashes=(4, 2))
    ax.axhline(target, color="#333333", linestyle=(0, (6, 3)), linewidth=1.5)
    ax.text(days.min(), target, f" {t('chart.target')}", va="bottom", color="#333333", **text)
    ax.axvline(pd.Timestamp(deadline), color=charts.DEADLINE_COLOUR, linewidth=2)
    # Left of its line: the deadline sits near the chart's right edge, which would cut it.
    label = f"{t('chart.deadline', date=f'{deadline:%d/%m}')} "
    ax.text(
        pd.Timestamp(deadline), 0, label, color=charts.DEADLINE_COLOUR, va="bottom", ha="right",
        **text,
    )  # fmt: skip
    ax.set_ylim(bottom=0, top=target * 1.12)
    # At most MAX_DATE_TICKS dates: weekly ticks plus each month's first ran into each other.
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=MAX_DATE_TICKS))
    ax.xaxis.set_major_formatter(DateFormatter("%d/%m"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: t.number(value)))
    ax.tick_params(labelsize=CHART_TYPE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
