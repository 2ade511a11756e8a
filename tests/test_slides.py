"""The slide deck read back with python-pptx: its slides, titles, table cells, pictures."""

import io
import math

import pandas as pd
import pytest
from helpers_handouts import LANGUAGES, hanoi, hanoi_in
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from cccd import handout_data, slide_images, slide_table, slides, summary, tables, tour
from cccd.slide_parts import MIN_TYPE
from cccd.slide_table import MAX_TABLE_ROWS, TABLE_ROWS_PER_SLIDE
from cccd.slides import deck_pptx, deck_title, table_rows
from loaders.catalogue import translator

EMU_PER_INCH = 914_400
# A 13.33 in slide on a 1920 px projector is 144 px per inch: pictures must be at least that.
PROJECTOR_DPI = 144


@pytest.fixture(scope="module", params=LANGUAGES)
def deck(request):
    t = translator(request.param, strict=True)
    return t, Presentation(io.BytesIO(deck_pptx(t, hanoi_in(request.param))))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in deck.slides]


def _table_slides(t, deck) -> list:
    heading = t("map.districts_heading")
    return [slide for slide in deck.slides if slide.shapes.title.text.startswith(heading)]


def _table_cells(slides) -> tuple[list[str], list[list[str]]]:
    """The table slides' header and their rows one after the other."""
    rows, header = [], None
    for slide in slides:
        grid = next(s for s in slide.shapes if s.has_table).table
        cells = [[cell.text for cell in row.cells] for row in grid.rows]
        header = cells[0]
        rows += cells[1:]
    return header, rows


def _runs(slide):
    """Every run of the slide's text boxes, placeholders and table cells."""
    for shape in slide.shapes:
        frames = [shape.text_frame] if shape.has_text_frame else []
        if shape.has_table:
            frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
        for frame in frames:
            yield from (run for paragraph in frame.paragraphs for run in paragraph.runs)


def test_deck_is_16_9_with_its_slides_in_order(deck):
    t, pptx = deck
    data = hanoi()
    assert (pptx.slide_width, pptx.slide_height) == (Emu(12_191_695), Emu(6_858_000))
    behind = data.behind()
    pages = -(-len(data.districts) // TABLE_ROWS_PER_SLIDE)
    titles = _titles(pptx)
    assert len(titles) == 2 + len(behind) + pages + 2
    region = hanoi_in(t.language).region
    assert titles[0] == deck_title(t, hanoi_in(t.language))
    assert titles[1] == t("export.map_title", region=region)
    assert region == {"vi": "Hà Nội", "en": "Hanoi", "fr": "Hanoï"}[t.language]
    assert titles[-2:] == [t("export.method_title"), t("sources.title")]


def test_one_slide_per_district_behind_schedule_in_the_tour_order(deck):
    t, pptx = deck
    data = hanoi()
    behind = summary.behind_schedule(data.districts)
    assert len(behind) == 12  # the sample on 25/05/2023
    steps = tour.tour_steps(data.districts, "")[1:-1]
    district_titles = _titles(pptx)[2 : 2 + len(behind)]
    names = data.districts.set_index("district_code")["district_name"]
    assert [title.split(" · ")[0] for title in district_titles] == [
        names[step.district_code] for step in steps
    ]
    for slide, step in zip(list(pptx.slides)[2 : 2 + len(behind)], steps, strict=True):
        words = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        unfinished = tour.unfinished_communes(
            data.commune_projections, step.district_code, slides.UNFINISHED_LISTED
        )
        assert all(name in words for name in unfinished["commune_name"])
        assert t("present.finish") in words and t("present.unfinished") in words
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 2  # the zoomed map and the chart


def test_district_table_cells_match_the_district_table_worst_first(deck):
    t, pptx = deck
    slides = _table_slides(t, pptx)
    assert 30 <= MAX_TABLE_ROWS  # Hanoi's 30 districts all in the table, none left out
    assert len(slides) == math.ceil(30 / TABLE_ROWS_PER_SLIDE)
    assert all(
        len(next(s for s in slide.shapes if s.has_table).table.rows) <= 9 for slide in slides
    )
    header, rows = _table_cells(slides)
    expected = tables.projection_table(t, hanoi().districts)
    # Five columns at 18 pt: the range is on each district's slide and in the app's downloads.
    keys = (tables.NAME, tables.COMPLETION, tables.AT_TARGET, tables.FINISH, tables.STATUS)
    assert header == [t(key) for key in keys]
    shown = pd.DataFrame(rows, columns=header)
    for key in (tables.NAME, tables.AT_TARGET, tables.FINISH, tables.STATUS):
        assert shown[t(key)].tolist() == expected[t(key)].astype(str).tolist()
    completion = [t.percent(value / 100) for value in expected[t(tables.COMPLETION)]]
    assert shown[t(tables.COMPLETION)].tolist() == completion
    assert shown.equals(table_rows(t, hanoi()).reset_index(drop=True))
    # Worst first: the statuses never get better going down.
    order = {t(tables.STATUS_LABELS[s]): i for i, s in enumerate(tables.STATUS_ORDER)}
    ranks = [order[status] for status in shown[t(tables.STATUS)]]
    assert ranks == sorted(ranks)


def test_title_slide_says_date_deadline_and_data_labels(deck):
    t, pptx = deck
    data = hanoi()
    words = "\n".join(s.text_frame.text for s in pptx.slides[0].shapes if s.has_text_frame)
    assert t("export.as_of", date="25/05/2023") in words
    assert t("handouts.days_left", days="36", date="30/06/2023") in words
    for key in ("notice.synthetic", "notice.approximate"):
        assert t(key).replace("**", "").replace("*", "") in words
    footer = "\n".join(s.text_frame.text for s in pptx.slides[1].shapes if s.has_text_frame)
    assert t("handouts.label.synthetic") in footer and t("handouts.label.approximate") in footer
    assert data.labels.synthetic and data.labels.approximate


def test_city_slide_has_the_map_its_legend_and_the_headline_figures(deck):
    t, pptx = deck
    data = hanoi_in(t.language)
    slide = pptx.slides[1]
    words = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    figures = [*handout_data.headline(t, data)]
    figures.append((t("present.districts_behind"), t.number(handout_data.behind_count(data))))
    for label, value in figures:
        assert f"{value}\n{label}" in words
    # The map with its legend (drawn in the picture: tests/test_static_map.py reads it).
    assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1


def test_every_text_reads_from_the_back_of_a_room(deck):
    """Nothing under 18 pt on any slide (footer and table cells included), titles 26 pt and
    up, and every text an editable run whose size is set (none left to the template)."""
    _, pptx = deck
    assert MIN_TYPE == 18
    sizes = []
    for number, slide in enumerate(pptx.slides, start=1):
        assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt >= 26
        for run in _runs(slide):
            assert run.font.size is not None and run.font.size.pt >= MIN_TYPE, (number, run.text)
            sizes.append(run.font.size.pt)
    assert min(sizes) == MIN_TYPE


def test_pictures_stay_sharp_on_a_projector(deck, tmp_path):
    t, pptx = deck
    sizes = []
    for number, slide in enumerate(pptx.slides, start=1):
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.PICTURE:
                continue
            image = Image.open(io.BytesIO(shape.image.blob))
            width_in = shape.width / EMU_PER_INCH
            height_in = shape.height / EMU_PER_INCH
            assert image.width / width_in >= PROJECTOR_DPI
            assert image.height / height_in >= PROJECTOR_DPI
            # Placed at its own aspect: not stretched.
            assert abs(image.width / image.height - width_in / height_in) < 0.01
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= pptx.slide_width
            assert shape.top + shape.height <= pptx.slide_height
            sizes.append((number, image.width))
            image.save(tmp_path / f"slide-{number}-{len(sizes)}.png")
    assert sizes[0][0] == 2 and sizes[0][1] >= 1600  # the city map, slide 2
    # For a person to look at (tests do not judge a picture's looks).
    for number, name in ((1, "city"), (2, "district")):
        blob = pptx.slides[number].shapes[1].image.blob
        Image.open(io.BytesIO(blob)).save(f"/tmp/deck_{name}_map_{t.language}.png")


def test_sources_slide_lists_the_reference_files_and_the_notes(deck):
    t, pptx = deck
    slide = list(pptx.slides)[-1]
    grid = next(s for s in slide.shapes if s.has_table).table
    cells = [[cell.text for cell in row.cells] for row in grid.rows]
    assert cells[0] == [
        t("sources.column.data"),
        t("sources.column.source"),
        t("sources.column.note"),
    ]
    assert [row[0] for row in cells[1:]] == [
        t(f"sources.{source}.data") for source in ("units", "population", "districts", "points")
    ]
    words = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert t("notice.synthetic").replace("*", "") in words


def test_past_the_cap_the_districts_behind_are_named_on_one_slide(monkeypatch):
    from cccd import slides

    monkeypatch.setattr(slides, "MAX_DISTRICT_SLIDES", 5)
    t = translator("en", strict=True)
    pptx = Presentation(io.BytesIO(deck_pptx(t, hanoi_in("en"))))
    titles = _titles(pptx)
    behind = hanoi().behind()
    assert titles[7] == t("handouts.more_behind", count="7")
    slide = list(pptx.slides)[7]
    named = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert all(name in named for name in behind["district_name"].iloc[5:])
    assert len(titles) == 2 + 5 + 1 + math.ceil(30 / TABLE_ROWS_PER_SLIDE) + 2


def test_a_countrys_deck_names_provinces_and_keeps_the_long_list_on_its_slide(monkeypatch):
    from dataclasses import replace

    from cccd import slides

    monkeypatch.setattr(slides, "MAX_DISTRICT_SLIDES", 5)
    monkeypatch.setattr(slides, "MORE_NAMED", 3)
    t = translator("fr", strict=True)
    data = hanoi_in("fr")
    data = replace(
        data, district_provinces=dict.fromkeys(data.districts["district_code"], "Tỉnh A")
    )
    pptx = Presentation(io.BytesIO(deck_pptx(t, data)))
    behind = data.behind()
    titles = _titles(pptx)
    assert [title.split(" · ")[0] for title in titles[2:7]] == [
        f"{name}, Tỉnh A" for name in behind["district_name"].iloc[:5]
    ]
    more = "\n".join(s.text_frame.text for s in pptx.slides[7].shapes if s.has_text_frame)
    rest = behind["district_name"].iloc[5:].tolist()  # 7 districts: 3 named, 4 in the table
    assert all(name in more for name in rest[:3]) and not any(name in more for name in rest[3:])
    assert t("audit19.more_unnamed", count="4") in more


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_table_shows_its_worst_rows_and_says_where_the_rest_are(monkeypatch, language):
    """A country's 705 districts made 89 table slides: past MAX_TABLE_ROWS the deck keeps the
    worst, and its last table slide and the slide naming the districts behind say where the
    full table is (here Hanoi's 30 cut to 12, its 12 behind to 5 slides and 3 names)."""
    from cccd import slides

    monkeypatch.setattr(slide_table, "MAX_TABLE_ROWS", 12)
    monkeypatch.setattr(slides, "MAX_DISTRICT_SLIDES", 5)
    monkeypatch.setattr(slides, "MORE_NAMED", 3)
    t = translator(language, strict=True)
    pptx = Presentation(io.BytesIO(deck_pptx(t, hanoi_in(language))))
    table_slides = _table_slides(t, pptx)
    assert len(table_slides) == 2  # 8 rows, then 4 and the closing line
    header, rows = _table_cells(table_slides)
    worst = table_rows(t, hanoi()).head(12).reset_index(drop=True)
    assert pd.DataFrame(rows, columns=header).equals(worst)
    where = {"page": t("nav.districts"), "button": t("download.excel")}
    note = t("deck18.table_cut", shown="12", count="30", **where)
    last = [s.text_frame.text for s in table_slides[-1].shapes if s.has_text_frame]
    assert note in last and not any(note in words for words in _texts(table_slides[0]))
    more = "\n".join(_texts(list(pptx.slides)[7]))
    assert t("deck18.more_unnamed", count="4", **where) in more
    assert len(_titles(pptx)) == 2 + 5 + 1 + 2 + 2


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_the_maps_legend_is_18_pt_on_the_slide_and_a_districts_map_fills_its_picture():
    """Text in a picture counts too: the city map's legend is drawn small enough that its
    letters are 18 pt on the slide; a district's map leaves its legend to the city slide."""
    t, data = translator("fr", strict=True), hanoi_in("fr")
    size = slides.CITY_MAP_SIZE
    city = slide_images.city_map_figure(t, data, size)
    scale = size[0] / city.get_figwidth()  # slide inches per figure inch
    legend = [text for found in city.legends for text in (*found.get_texts(), found.get_title())]
    assert len(legend) == 8  # its title, six classes and the at-target outline
    assert min(text.get_fontsize() for text in legend) * scale >= MIN_TYPE
    code = data.behind().index[0]
    district = slide_images.district_map_figure(t, data, code, slides.DISTRICT_MAP_SIZE)
    assert district.legends == [] and not district.texts
    assert district.axes[0].get_position(original=True).width >= 0.95
