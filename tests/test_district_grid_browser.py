"""Districts page grids in a browser: no sideways scroll at 1920 and 1366 px in vi, en and fr,
and every column as wide as its longest text (header, status, flag, name, number) measured in
the grid's own font: the grid is a canvas that cuts text ("Dans les te…") instead of wrapping."""

import pytest

from cccd import tables
from loaders import catalogue, reference
from ui import district_grid

LANGUAGES = ("vi", "en", "fr")
VIEWPORTS = {"1920": (1920, 1080), "1366": (1366, 768)}
CELL_PADDING = 2 * 8  # glide-data-grid's cellHorizontalPadding on each side
SORT_ICON = 4  # a little room for the header's sort arrow beside a header that fills its column
MEASURE = """(texts) => {
  const context = document.createElement('canvas').getContext('2d');
  context.font = '14px ' + getComputedStyle(document.body).fontFamily;
  return texts.map((text) => context.measureText(text).width);
}"""


def _longest_texts(language: str, level: str) -> dict[str, list[str]]:
    """Column key -> the texts it may have to show, its header first."""
    t = catalogue.translator(language)
    units = reference.units()
    columns = district_grid.grid_columns(level, table_has_flags=True)
    texts = {key: [t(short)] for key, (short, _width) in columns.items()}
    texts[tables.NAME] += sorted(set(units[f"{level}_name"]))
    texts[tables.STATUS] += [t(label) for label in tables.STATUS_LABELS.values()]
    texts[tables.FLAGS] += [t(label) for label in tables.FLAG_LABELS.values()]
    texts[tables.FINISH] += ["30/06/2023"]
    texts[tables.COMPLETION] += [t.percent(1.0), t.percent(0.878)]
    texts[tables.PACE] += [t.number(12345)]
    texts[tables.REQUIRED_PACE] += [t.number(12345)]
    texts[tables.GAP_RATIO] += [t.number(12.34, 2)]
    if level == "district":
        texts[tables.AT_TARGET] += ["31 / 31"]
    return texts


def test_the_columns_with_flags_fit_the_main_column_at_1366():
    # 904 px: the main column at 1366 px with the sidebar open (measured below in the browser).
    for level in ("district", "commune"):
        widths = [width for _key, width in district_grid.grid_columns(level, True).values()]
        assert sum(widths) + district_grid.SELECTION_BOX <= 900, level


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_sideways_scroll_and_no_cut_text(page, app_url, language):
    for name, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/districts?lang={language}")
        page.locator('[data-testid="stDataFrame"] .dvn-scroller').nth(1).wait_for(timeout=60000)
        scrollers = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
                 .map((s) => [s.scrollWidth, s.clientWidth])"""
        )
        assert len(scrollers) == 2
        for scroll_width, client_width in scrollers:
            assert scroll_width <= client_width, (name, language, scroll_width, client_width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    for level in ("district", "commune"):
        columns = district_grid.grid_columns(level, table_has_flags=True)
        for key, texts in _longest_texts(language, level).items():
            measured = page.evaluate(MEASURE, texts)
            room = columns[key][1] - CELL_PADDING
            header = measured[0] + SORT_ICON
            widest = max(max(measured[1:], default=0), header)
            assert widest <= room, (language, level, key, texts[measured.index(max(measured))])
