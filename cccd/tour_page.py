"""Presenter mode's tour as one page that runs in the browser: every step drawn with no server.

The tour's steps are all known when the page opens (cccd.tour.tour_steps): the city, each
district behind schedule (worst first), the city again. This page carries them all, with each
step's title, caption and figures as text in the reader's language, the commune map as the
one-file HTML map carries it (cccd.html_map: the same rows, encoding and Leaflet, inlined), and a
small script (cccd.tour_page_script) that draws a step on ← → Space, the on-screen buttons and
the timer. When the server goes away mid-meeting the tour goes on from what the page holds and
says since when its figures date.

Every name is text, never markup: the page escapes what it writes itself and the script sets
names with textContent.
"""

import math

import pandas as pd
import shapely

from cccd import cells, detail, html_map, legend, tour
from cccd.handout_data import HandoutData
from cccd.html_map import CLASS_ORDER, SCALE, LeafletAssets, _json, _text
from cccd.i18n import Translator
from cccd.mapview import commune_style
from cccd.progress import city_summary
from cccd.tour_page_script import TOUR_SCRIPT, TOUR_STYLE

TIMERS = (None, 10, 20, 30, 60)
UNFINISHED_SHOWN = 6  # communes listed on a district's step: what reads from the back of a room
SECONDS = "{seconds}"  # left in the state line's texts for the script to fill
# The city's steps draw every district border once, simplified at 200 m (about a pixel at the
# city's zoom): a third of the points of the districts' outlines, which the browser moves on
# each step. A district's step draws its own outline at full detail.
BORDERS_M = 200.0


def city_title(t: Translator, provinces: int) -> str:
    """The first and last step's title: the whole city, or the country."""
    return t("control.country" if provinces > 1 else "present.city")


def tour_steps(t: Translator, data: HandoutData) -> list[dict]:
    """Each step as the script shows it: district code ("" for the city), title, caption, the
    figures as (label, value) text, and for a district the heading and lines of its unfinished
    communes."""
    steps = tour.tour_steps(data.districts, city_title(t, data.provinces))
    deadline = t.day(data.campaign.deadline)
    rows = data.districts.set_index("district_code")
    shown = []
    for number, step in enumerate(steps, start=1):
        caption = t(
            "present.step", step=number, steps=len(steps), date=t.day(data.as_of), deadline=deadline
        )
        shown.append(
            {"d": step.district_code or "", "title": step.title, "caption": caption}
            | (
                _city_figures(t, data, len(steps) - 2)
                if step.district_code is None
                else _district_figures(t, data, rows.loc[step.district_code], step.district_code)
            )
        )
    return shown


def _city_figures(t: Translator, data: HandoutData, behind: int) -> dict:
    city = city_summary(data.communes, data.as_of)
    key = "metric.country_completion" if data.provinces > 1 else "metric.city_completion"
    return {
        "figures": [
            [t(key, measure=t("noun.delivered")), t.percent(city.completion)],
            [t("metric.communes_at_target"), t.fraction(city.communes_at_target, city.communes)],
            [
                t("metric.districts_finished"),
                t.fraction(city.districts_finished, city.districts),
            ],
            [t("present.districts_behind"), t.number(behind)],
        ],
        "list": "",
        "lines": [],
    }


def _district_figures(t: Translator, data: HandoutData, row: pd.Series, code: str) -> dict:
    finish = row["finish"]
    unfinished = tour.unfinished_communes(data.commune_projections, code, UNFINISHED_SHOWN)
    return {
        "figures": [
            [t("present.completion"), t.percent(row["completion"])],
            [t("present.finish"), t.day(None if pd.isna(finish) else finish)],
        ],
        "list": t("present.unfinished") if len(unfinished) else "",
        "lines": [
            t(
                "present.commune_line",
                name=commune["commune_name"],
                percent=t.percent(commune["completion"]),
                remaining=t.number(commune["remaining"]),
            )
            for _, commune in unfinished.iterrows()
        ],
    }


def payload(t: Translator, data: HandoutData) -> dict:
    """What the script draws: the steps, the communes of cards delivered (as the HTML map
    encodes them: name, district, shape, colour class, at target, ✓ point), district lines,
    styles, and the texts it switches between."""
    scale = html_map.COUNTRY_SCALE if detail.needs_overview(len(data.communes)) else SCALE
    communes = [
        {key: row[key] for key in ("c", "n", "d", "g", "p") if key in row}
        | {"cl": row["cl"][0], "k": row["k"][0]}
        for row in html_map.commune_rows(t, data, scale)
    ]
    lines = [{"c": row["c"], "g": row["g"]} for row in html_map.district_rows(data, scale)]
    return {
        "scale": scale,
        "steps": tour_steps(t, data),
        "communes": communes,
        "districts": lines,
        "borders": district_borders(data, scale),
        "colours": [klass.colour for klass in CLASS_ORDER],
        "style": commune_style(math.nan, False),
        "done_style": commune_style(math.nan, True),
        "default_timer": tour.DEFAULT_TIMER,
        "texts": {
            "playing": t("present.state.playing", seconds=SECONDS),
            "paused": t("present.state.paused"),
            "manual": t("present.state.manual"),
            "action_playing": t("present.action.pause"),
            "action_paused": t("present.action.play"),
            "action_manual": t("present.action.start", seconds=tour.DEFAULT_TIMER),
            "offline": t("tour_page.offline", time="{time}"),
        },
    }


def district_borders(data: HandoutData, scale: int = SCALE) -> list[list[int]]:
    """Every border between districts and around them once (not once per side), simplified
    at BORDERS_M, as lines of [x0, y0, dx1, dy1, …] in 1/scale degree."""
    simple = cells.simplify_coverage(data.district_shapes, BORDERS_M, decimals=5)
    merged = shapely.line_merge(shapely.union_all(simple.boundary.to_numpy()))
    return [_line(part.coords, scale) for part in getattr(merged, "geoms", [merged])]


def _line(coords, scale: int) -> list[int]:
    flat: list[int] = []
    last_x = last_y = 0
    for x, y in coords:
        ix, iy = round(x * scale), round(y * scale)
        if not flat or (ix, iy) != (last_x, last_y):
            flat += [ix - last_x, iy - last_y]
            last_x, last_y = ix, iy
    return flat


def tour_html(t: Translator, data: HandoutData, assets: LeafletAssets) -> str:
    """The whole tour page in t's language (Leaflet inlined: it works with no network)."""
    first = tour_steps(t, data)[0]
    return (
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(first['title'])}</title>"
        f"<style>{assets.style}</style><style>{TOUR_STYLE}</style></head><body>"
        '<div id="stage"><div id="map" role="region" '
        f'aria-label="{_text(t("tour_page.map"))}"></div>'
        f'<div class="cccd-map-legend">{legend.legend_html(t, "delivered")}</div></div>'
        f'<aside><div id="offline" role="status" hidden></div><div id="story">'
        f'<h1 id="title">{_text(first["title"])}</h1><p id="caption"></p>'
        '<p id="state" aria-live="polite"></p><div id="figures"></div>'
        '<h2 id="list-title"></h2><ul id="lines"></ul></div>'
        f"{_controls(t)}</aside>"
        f"<script>{assets.script}</script>"
        f'<script type="application/json" id="tour-data">{_json(payload(t, data))}</script>'
        f"<script>{TOUR_SCRIPT}</script></body></html>"
    )


def _timer_label(t: Translator, seconds: int | None) -> str:
    return (
        t("present.timer_off") if seconds is None else t("present.timer_seconds", seconds=seconds)
    )


def _controls(t: Translator) -> str:
    """◀ play/pause ▶ with their keys, the timer, dark mode, the handouts and the way out."""
    space = _text(t("present.key.space"))
    options = "".join(
        f'<option value="{seconds or ""}">{_text(_timer_label(t, seconds))}</option>'
        for seconds in TIMERS
    )
    return (
        '<div id="controls"><div class="steps">'
        f'<button id="prev" type="button">{_text(t("present.prev"))} <kbd>←</kbd></button>'
        f'<button id="next" type="button">{_text(t("present.next"))} <kbd>→</kbd></button>'
        f'<button id="play" type="button"><span></span> <kbd>{space}</kbd></button></div>'
        f'<div class="options"><label>{_text(t("present.timer"))} <select id="timer">'
        f"{options}</select></label>"
        f'<label><input id="dark" type="checkbox"> {_text(t("present.dark"))}</label></div>'
        '<div class="options">'
        f'<a id="handouts" href="#" role="button">{_text(t("tour_page.handouts"))}</a>'
        f'<a id="exit" href="#" role="button">{_text(t("present.exit"))}</a></div></div>'
    )
