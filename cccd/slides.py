"""The slide deck (.pptx): the presenter's tour as slides a meeting room's laptop can run.

Title (region, report date, days to the deadline, the data's labels), the city map with its
legend and headline figures, one slide per district behind schedule in the tour's order (its
communes zoomed, the unfinished ones named, its projected finish and range, its chart), the
district table worst first (split over slides), the method, the sources. Every text comes from
the caller's Translator; the figures from HandoutData (cccd.handout_data).
"""

import io

import pandas as pd
from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Inches

from cccd import handout_data, slide_images, slide_table, tables, tour
from cccd.handout_data import HandoutData
from cccd.i18n import Translator
from cccd.slide_parts import (
    BODY_TOP,
    HEIGHT,
    MARGIN,
    MIN_TYPE,
    MUTED,
    NOTE,
    WIDTH,
    Line,
    footer,
    picture,
    table,
    text,
    title,
)

TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # python-pptx's default template
# Four: at 18 pt a fifth (and the French heading's second line) ran onto the chart.
UNFINISHED_LISTED = 4
# A country can have hundreds of districts behind (311 in the synthetic one): a meeting takes
# the worst this many one by one, and the rest by name (in the table after, or the app's).
MAX_DISTRICT_SLIDES = 30
# The rest are named on one slide, at most this many (281 names ran off the slide).
MORE_NAMED = 60
CITY_MAP_SIZE = (8.0, 5.6)  # inches on the slide
# A district slide: the map on the left; on the right its figures and four communes above its
# chart (whose type is 18 pt too). The column is wide enough for "projected finish: date" and
# the range on one line each at DISTRICT_SIZES, and the chart short enough that the text ends
# above it in vi, en and fr (tests/test_slides_render.py: no word lies on a picture).
DISTRICT_MAP_SIZE = (5.8, 5.6)
DISTRICT_COLUMN_LEFT = MARGIN + DISTRICT_MAP_SIZE[0] + 0.2
DISTRICT_COLUMN_WIDTH = WIDTH - MARGIN - DISTRICT_COLUMN_LEFT
CHART_SIZE = (DISTRICT_COLUMN_WIDTH, 2.4)
CHART_TOP = 7.0 - CHART_SIZE[1] - 0.1  # above the footer
# Points: completion and finish, the range, the communes' heading, a commune's line.
DISTRICT_SIZES = {"figure": 20, "range": MIN_TYPE, "heading": MIN_TYPE, "commune": MIN_TYPE}
SOURCE_KEYS = {
    source: (f"sources.{source}.data", f"sources.{source}.source", f"sources.{source}.note")
    for source in ("units", "population", "districts", "points")
}


def deck_pptx(t: Translator, data: HandoutData) -> bytes:
    """The deck as .pptx bytes, in t's language."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    deck.core_properties.title = deck_title(t, data)
    deck.core_properties.language = t.language
    _title_slide(t, deck, data)
    _city_slide(t, deck, data)
    shapes = slide_images.features(t, data)
    behind = data.behind()
    for code, row in behind.head(MAX_DISTRICT_SLIDES).iterrows():
        _district_slide(t, deck, data, code, row, shapes)
    rows = table_rows(t, data)
    if len(behind) > MAX_DISTRICT_SLIDES:
        _more_slide(t, deck, behind.iloc[MAX_DISTRICT_SLIDES:], slide_table.is_cut(rows))
    slide_table.table_slides(t, deck, rows)
    _method_slide(t, deck)
    _sources_slide(t, deck, data)
    _footers(t, deck, data)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def deck_title(t: Translator, data: HandoutData) -> str:
    """The deck's title: the region's CCCD progress."""
    return t("handouts.deck_title", region=data.region)


def table_rows(t: Translator, data: HandoutData) -> pd.DataFrame:
    """The whole district table in the deck's columns, worst first (slide_table.table_rows)."""
    return slide_table.table_rows(t, data.districts)


def _slide(deck: Deck, heading: str, layout: int = TITLE_ONLY_LAYOUT) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    title(slide, heading)
    return slide


def _title_slide(t: Translator, deck: Deck, data: HandoutData) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    title(slide, deck_title(t, data), size=44)
    slide.shapes.title.top, slide.shapes.title.height = Inches(1.4), Inches(1.6)
    subtitle = slide.placeholders[1]
    subtitle._element.getparent().remove(subtitle._element)  # a text box sets it our way
    days = data.campaign.days_left(data.as_of)
    lines = [
        Line(t("export.as_of", date=t.day(data.as_of)), 28, bold=True),
        Line(
            t("handouts.days_left", days=t.number(days), date=t.day(data.campaign.deadline)),
            28,
            space_before=6,
        ),
    ]
    lines += [
        Line(note, 18, colour=NOTE, italic=True, space_before=14)
        for note in handout_data.notes(t, data.labels)
    ]
    text(slide, (MARGIN, 3.2, WIDTH - 2 * MARGIN, 3.6), lines)


def _city_slide(t: Translator, deck: Deck, data: HandoutData) -> None:
    slide = _slide(deck, t("export.map_title", region=data.region))
    picture(slide, slide_images.city_map_png(t, data, CITY_MAP_SIZE), MARGIN, BODY_TOP, 8.0)
    lines = []
    figures = [*handout_data.headline(t, data)]
    figures.append((t("present.districts_behind"), t.number(handout_data.behind_count(data))))
    for label, value in figures:
        lines += [Line(value, 36, bold=True, space_before=10), Line(label, MIN_TYPE, colour=MUTED)]
    text(slide, (8.75, BODY_TOP, WIDTH - MARGIN - 8.75, 5.6), lines)


def _district_slide(
    t: Translator, deck: Deck, data: HandoutData, code: str, row: pd.Series, shapes
) -> None:
    status = t(tables.STATUS_LABELS[row["status"]])
    name = row["district_name"]
    if code in data.district_provinces:  # a country: many districts' names are alike
        name = f"{name}, {data.district_provinces[code]}"
    slide = _slide(deck, f"{name} · {status}")
    png = slide_images.district_map_png(t, data, code, DISTRICT_MAP_SIZE, shapes)
    picture(slide, png, MARGIN, BODY_TOP, DISTRICT_MAP_SIZE[0])
    left, top = DISTRICT_COLUMN_LEFT, BODY_TOP - 0.1
    box = (left, top, DISTRICT_COLUMN_WIDTH, CHART_TOP - 0.05 - top)
    text(slide, box, _district_lines(t, data, code, row))
    chart = slide_images.district_chart_png(t, data, code, CHART_SIZE)
    picture(slide, chart, left, CHART_TOP, CHART_SIZE[0])


def _district_lines(t: Translator, data: HandoutData, code: str, row: pd.Series) -> list[Line]:
    """Completion, projected finish with its range, and the unfinished communes."""
    finish = tables.projection_table(t, data.districts.loc[data.districts["district_code"] == code])
    size = DISTRICT_SIZES
    lines = [
        Line(f"{t('present.completion')}: {t.percent(row['completion'])}", size["figure"], True),
        Line(f"{t('present.finish')}: {finish.at[0, t(tables.FINISH)]}", size["figure"], True),
    ]
    if finish.at[0, t(tables.RANGE)]:
        lines.append(Line(f"{t(tables.RANGE)}: {finish.at[0, t(tables.RANGE)]}", size["range"]))
    unfinished = tour.unfinished_communes(data.commune_projections, code, UNFINISHED_LISTED)
    heading = Line(t("present.unfinished"), size["heading"], True, MUTED, space_before=10)
    lines.append(heading)
    lines += [
        Line(
            t(
                "present.commune_line",
                name=commune["commune_name"],
                percent=t.percent(commune["completion"]),
                remaining=t.number(commune["remaining"]),
            ),
            size["commune"],
        )
        for _, commune in unfinished.iterrows()
    ]
    return lines


def _more_slide(t: Translator, deck: Deck, rest: pd.DataFrame, table_cut: bool) -> None:
    """The districts behind schedule past MAX_DISTRICT_SLIDES, named in the tour's order;
    the unnamed ones are in the table after it, or (`table_cut`) in the app's."""
    slide = _slide(deck, t("handouts.more_behind", count=t.number(len(rest))))
    lines = [Line(", ".join(rest["district_name"].head(MORE_NAMED)), MIN_TYPE)]
    if len(rest) > MORE_NAMED:
        key = "deck18.more_unnamed" if table_cut else "audit19.more_unnamed"
        unnamed = t(key, count=t.number(len(rest) - MORE_NAMED), **slide_table.where(t))
        lines.append(Line(unnamed, MIN_TYPE, italic=True, colour=MUTED, space_before=10))
    text(slide, (MARGIN, BODY_TOP + 0.2, WIDTH - 2 * MARGIN, 5.4), lines)


def _method_slide(t: Translator, deck: Deck) -> None:
    slide = _slide(deck, t("export.method_title"))
    paragraphs = [p.strip() for p in t("export.method_text").split("\n\n") if p.strip()]
    lines = [Line(p, 24, space_before=0 if i == 0 else 18) for i, p in enumerate(paragraphs)]
    text(slide, (MARGIN, BODY_TOP + 0.2, WIDTH - 2 * MARGIN, 5.4), lines)


def _sources_slide(t: Translator, deck: Deck, data: HandoutData) -> None:
    slide = _slide(deck, t("sources.title"))
    notes = [
        Line(note, MIN_TYPE, colour=NOTE, italic=True, space_before=8) for note in _notes(t, data)
    ]
    known = [source in SOURCE_KEYS for source, _ in data.sources]
    if data.labels.synthetic_units or not known or not all(known):
        text(slide, (MARGIN, BODY_TOP + 0.2, WIDTH - 2 * MARGIN, 5.4), notes)
        return
    headers = [t(f"sources.column.{column}") for column in ("data", "source", "note")]
    rows = [[t(key) for key in SOURCE_KEYS[source]] for source, _ in data.sources]
    table(slide, pd.DataFrame(rows, columns=headers), [4.7, 4.7, 3.0])
    # A row that wraps grows: at 18 pt most do (two lines, ~0.7 in).
    top = BODY_TOP + 0.7 * (len(rows) + 1) + 0.2
    text(slide, (MARGIN, top, WIDTH - 2 * MARGIN, 6.9 - top), notes)


def _notes(t: Translator, data: HandoutData) -> list[str]:
    """The data's notes, and for a generated country how it was made."""
    found = list(handout_data.notes(t, data.labels))
    if data.labels.synthetic_units:
        found.append(t("sources.generated").replace("`", ""))
    return found


def _footers(t: Translator, deck: Deck, data: HandoutData) -> None:
    """Date and data labels on every slide but the first (which says them in full); at 18 pt
    the deck's title (or the region) and the labels ran past one line, off the slide."""
    parts = [t("export.as_of", date=t.day(data.as_of))]
    left = " · ".join([*parts, *handout_data.short_labels(t, data.labels)])
    count = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        if number > 1:
            footer(slide, left, number, count)
