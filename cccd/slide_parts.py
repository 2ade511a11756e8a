"""The pieces every slide of the deck is made of: a title, text, a table, a picture, a footer.

Real PowerPoint shapes (python-pptx): titles are the layout's title placeholder and tables are
table shapes, so a presenter can edit them; pictures are PNGs placed at their own aspect. Sizes
are inches on a 13.33 × 7.5 in (16:9) slide; type is large enough to read from the back of a
room: nothing under MIN_TYPE (18 pt, the least a projected slide should carry), titles 26–44 pt.
"""

import io
from dataclasses import dataclass

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Inches, Pt

WIDTH, HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.45
# (characters up to, points): a bold 36 pt title holds ~40 characters across the slide, 30 pt
# ~48, 26 pt ~55; longer ones wrap to two lines, which the title's box holds from 30 pt down
# (a 41-character title in 36 pt ran onto the picture below it).
TITLE_SIZES = ((38, 36), (48, 30), (10**6, 26))
TEXT = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x44, 0x44, 0x44)
NOTE = RGBColor(0x8A, 0x3B, 0x00)  # the notes' colour on the printed map and pack
HEADER_FILL = RGBColor(0xE8, 0xE8, 0xE8)
BODY_TOP = 1.3  # inches: below the title
FOOTER_TOP = 7.0
MIN_TYPE = 18  # points: every text of the deck, footer and table cells included


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box: its text, size in points, and how it is set."""

    text: str
    size: float
    bold: bool = False
    colour: RGBColor = TEXT
    italic: bool = False
    space_before: float = 0.0  # points


def title(slide: Slide, text: str, size: float | None = None) -> None:
    """The slide's title placeholder across the top, left-aligned, bold; a long title gets
    smaller type (TITLE_SIZES) so that it stays on one line or two above the body."""
    size = size or next(size for limit, size in TITLE_SIZES if len(text) <= limit)
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(0.3)
    shape.width, shape.height = Inches(WIDTH - 2 * MARGIN), Inches(0.95)
    frame = shape.text_frame
    frame.text = text
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, TEXT


def text(
    slide: Slide, box: tuple[float, float, float, float], lines: list[Line], anchor=MSO_ANCHOR.TOP
) -> None:
    """A text box at (left, top, width, height) inches holding `lines`, wrapped to its width."""
    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_before = Pt(line.space_before)
        run = paragraph.add_run()
        run.text = line.text
        font = run.font
        font.size, font.bold, font.italic = Pt(line.size), line.bold, line.italic
        font.color.rgb = line.colour


def picture(slide: Slide, png: bytes, left: float, top: float, width: float) -> None:
    """A PNG `width` inches wide at (left, top), its height from its own aspect."""
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))


def table(
    slide: Slide,
    frame: pd.DataFrame,
    widths: list[float],
    fills: pd.DataFrame | None = None,
    size: float = MIN_TYPE,
    heights: tuple[float, float] = (0.5, 0.5),
) -> None:
    """`frame` (text) as a table shape under the title: a bold grey header row, then one row
    per frame row; `fills` holds a cell's background as "#rrggbb" (or ""); `heights` are the
    header's and a row's inches (a row whose text wraps grows)."""
    rows, columns = len(frame) + 1, len(frame.columns)
    height = heights[0] + heights[1] * len(frame)
    shape = slide.shapes.add_table(
        rows, columns, Inches(MARGIN), Inches(BODY_TOP), Inches(sum(widths)), Inches(height)
    )
    grid = shape.table
    grid.first_row = True
    for index, width in enumerate(widths):
        grid.columns[index].width = Inches(width)
    for index, row in enumerate(grid.rows):
        row.height = Inches(heights[0] if index == 0 else heights[1])
    for column, name in enumerate(frame.columns):
        _cell(grid.cell(0, column), str(name), size, bold=True, fill=HEADER_FILL)
    for row, (_, values) in enumerate(frame.iterrows(), start=1):
        for column, name in enumerate(frame.columns):
            fill = fills.at[values.name, name] if fills is not None else ""
            colour = RGBColor.from_string(fill.lstrip("#")) if fill else RGBColor(255, 255, 255)
            _cell(grid.cell(row, column), str(values[name]), size, fill=colour)


def _cell(cell, value: str, size: float, bold: bool = False, fill: RGBColor = HEADER_FILL):
    cell.text = value
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, TEXT


def footer(slide: Slide, left_text: str, number: int, count: int) -> None:
    """The date and data labels on the left, the slide's number on the right."""
    box = (MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN - 1.1, 0.45)
    text(slide, box, [Line(left_text, MIN_TYPE, colour=MUTED)], anchor=MSO_ANCHOR.MIDDLE)
    number_box = (WIDTH - MARGIN - 1.1, FOOTER_TOP, 1.1, 0.45)
    number_line = Line(f"{number} / {count}", MIN_TYPE, colour=MUTED)
    text(slide, number_box, [number_line], MSO_ANCHOR.MIDDLE)
    slide.shapes[-1].text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
