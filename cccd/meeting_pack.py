"""A meeting pack: a short A4 landscape PDF a leader can print or carry to a meeting.

Page 1 the headline figures and the map, page 2 the districts behind schedule and those that
slowed, page 3 the method. The caller passes every text already formatted in the reader's
language (PackContent); this module only lays it out. matplotlib's object API, no pyplot.
"""

import io
from dataclasses import dataclass

import matplotlib.image
import pandas as pd
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.figure import Figure
from matplotlib.text import Text

from cccd import pack_text

A4_LANDSCAPE = (11.69, 8.27)  # inches
MARGIN = 0.5
FONT = pack_text.FONT
# The map slot on page 1: render map_png(..., size=PACK_MAP_SIZE, dpi=200) to place it 1:1, with
# an empty title, as_of_text and notes: the page shows those.
PACK_MAP_SIZE = (8.0, 6.6)
TABLE_ROWS_PER_PAGE = 13
ROW_IN = 0.27
HEADER_FILL = "#e8e8e8"
GAP = 0.2  # inches between blocks
FOOTER_BASE = 0.22  # the footer's bottom edge, inches
FOOTER_TOP = 0.6  # the footer (up to two lines) sits below this
NOTE_SIZE = 10
HEADLINE_COLUMN = A4_LANDSCAPE[0] - 2 * MARGIN - PACK_MAP_SIZE[0] - GAP  # inches
HEADLINE_SCALES = (1.0, 0.85, 0.7, 0.55)  # type sizes tried until the figures fit
Headline = tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False)
class PackContent:
    """Everything the pack shows, formatted by the caller.

    headline: (label, value) pairs such as ("Xã/phường đạt chỉ tiêu", "45 / 579"). at_risk: the
    districts behind schedule as strings, its column names as headers. slowed: one entry per
    district that slowed week on week. empty_text is shown for an empty table or list.
    method_text: paragraphs separated by blank lines.
    """

    title: str
    as_of_text: str
    headline: tuple[tuple[str, str], ...]
    map_png: bytes | None
    notes: tuple[str, ...]
    at_risk_title: str
    at_risk: pd.DataFrame
    slowed_title: str
    slowed: tuple[str, ...]
    empty_text: str
    method_title: str
    method_text: str


def default_content(map_png: bytes | None = None, region: str = "Hà Nội") -> PackContent:
    """Vietnamese sample content (figures of Hanoi's synthetic sample) titled for `region`, for
    tests and scripts (the app builds its own from the catalogue: ui/exports.py)."""
    at_risk = pd.DataFrame(
        {
            "Quận/huyện": ["Hà Đông", "Thường Tín"],
            "Trạng thái": ["Chậm tiến độ", "Có nguy cơ"],
            "Dự kiến xong": ["14/07/2023", "05/07/2023"],
            "Khoảng dự kiến": ["10/07/2023 – 20/07/2023", "01/07/2023 – 09/07/2023"],
        }
    )
    return PackContent(
        title=f"Tiến độ cấp thẻ CCCD gắn chip – {region}",
        as_of_text="Số liệu đến ngày 29/05/2023",
        headline=(
            ("Toàn thành phố: thẻ đã trả", "82,4 %"),
            ("Xã/phường đạt chỉ tiêu", "45 / 579"),
            ("Quận/huyện hoàn thành", "1 / 30"),
            ("Số ngày đến hạn 30/06/2023", "32"),
        ),
        map_png=map_png,
        notes=("Số liệu mô phỏng (không phải số liệu thật).", "Ranh giới xã/phường gần đúng."),
        at_risk_title="Quận/huyện có nguy cơ trễ hạn",
        at_risk=at_risk,
        slowed_title="Giảm tốc so với tuần trước",
        slowed=("Long Biên (−12 %)", "Sóc Sơn (−5 %)"),
        empty_text="Không có.",
        method_title="Phương pháp",
        method_text=(
            "Tốc độ: số thẻ tăng thêm trung bình mỗi ngày trong 7 ngày báo cáo gần nhất.\n\n"
            "Dự kiến hoàn thành: nếu giữ tốc độ đó. Khoảng dự kiến: theo tuần nhanh nhất và "
            "chậm nhất trong 3 tuần gần nhất."
        ),
    )


def meeting_pack_pdf(summary: PackContent) -> bytes:
    """The pack as PDF bytes: A4 landscape, fonts embedded as TrueType so text stays text."""
    buffer = io.BytesIO()
    # Text is text: a name holding "$...$" is not typeset as mathematics (issue 17).
    with matplotlib.rc_context({"text.parse_math": False}):
        figures = pack_figures(summary)
    # pdf.fonttype is read while saving and has no savefig argument; DejaVu is embedded either
    # way, 42 (TrueType) keeps the text selectable and searchable.
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buffer) as pdf:
        for figure in figures:
            pdf.savefig(figure)
        info = pdf.infodict()
        info["Title"] = summary.title
    return buffer.getvalue()


def pack_figures(summary: PackContent) -> list[Figure]:
    """The pack's pages as Figures: overview, behind schedule (more pages if long), method."""
    tables = _chunks(summary.at_risk, TABLE_ROWS_PER_PAGE)
    pages = [_overview_page(summary)]
    for i, chunk in enumerate(tables):
        page = _page(summary, summary.at_risk_title)
        bottom = _table(page, chunk, summary.empty_text)
        if i == len(tables) - 1:
            _slowed(page, summary, top=min(2.75, bottom - 0.35))
        pages.append(page)
    method = _page(summary, summary.method_title)
    _paragraphs(method, summary.method_text, top=A4_LANDSCAPE[1] - 1.45)
    pages.append(method)
    for number, page in enumerate(pages, start=1):
        _text(
            page,
            A4_LANDSCAPE[0] - MARGIN,
            FOOTER_BASE,
            f"{number} / {len(pages)}",
            10,
            ha="right",
            va="bottom",
        )
    return pages


def _chunks(frame: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [frame.iloc[start : start + size] for start in range(0, max(len(frame), 1), size)]


def _page(summary: PackContent, heading: str) -> Figure:
    """A blank A4 landscape page with a heading and the as-of date in the footer."""
    page = Figure(figsize=A4_LANDSCAPE, facecolor="white")
    FigureCanvasPdf(page)
    _text(page, MARGIN, A4_LANDSCAPE[1] - MARGIN, heading, 22, weight="bold", va="top")
    # The page number takes the footer's right end: the title wraps short of it.
    footer = _wrap(f"{summary.title} · {summary.as_of_text}", A4_LANDSCAPE[0] - 2 * MARGIN - 1, 10)
    _text(page, MARGIN, FOOTER_BASE, footer, 10, color="#555555", va="bottom")
    return page


def _text(page: Figure, x_in: float, y_in: float, text: str, size: float, **kw: object) -> Text:
    """Text placed in inches from the page's bottom-left corner."""
    return page.text(
        x_in, y_in, text, fontsize=size, family=FONT, transform=page.dpi_scale_trans, **kw
    )


def _wrap(text: str, width_in: float, size: float, **font: str) -> str:
    """Wrap to a width in inches, measured with the font."""
    return pack_text.wrap(text, width_in, size, **font)


def _overview_page(summary: PackContent) -> Figure:
    """Title and date on top, headline figures down the left, the map on the right, the notes in
    a full-width band above the footer. Every block is measured and placed below (or above) the
    one before, so no language's longer words can push one text over another."""
    page = Figure(figsize=A4_LANDSCAPE, facecolor="white")
    FigureCanvasPdf(page)
    width, height = A4_LANDSCAPE
    title = _wrap(summary.title, width - 2 * MARGIN, 24, weight="bold")
    top = _placed(page, MARGIN, height - MARGIN, title, 24, weight="bold")
    top = _placed(page, MARGIN, top - 0.12, summary.as_of_text, 15, color="#333333")
    floor = _notes(page, summary.notes) + GAP
    _headline(page, summary.headline, top - 0.3, floor)
    if summary.map_png:
        left = MARGIN + HEADLINE_COLUMN + GAP
        box = (left, floor, width - MARGIN - left, top - 0.2 - floor)
        ax = page.add_axes((box[0] / width, box[1] / height, box[2] / width, box[3] / height))
        ax.imshow(matplotlib.image.imread(io.BytesIO(summary.map_png), format="png"))
        ax.set_axis_off()
    return page


def _placed(page: Figure, x_in: float, top: float, text: str, size: float, **kw: object) -> float:
    """Place `text` with its top at `top`; return where it ends (inches from the bottom)."""
    return pack_text.extent_in(page, _text(page, x_in, top, text, size, va="top", **kw))[0]


def _notes(page: Figure, notes: tuple[str, ...]) -> float:
    """The notes, full width above the footer; returns their top (the footer's, when none)."""
    if not notes:
        return FOOTER_TOP
    width = A4_LANDSCAPE[0] - 2 * MARGIN
    body = "\n".join(_wrap(note, width, NOTE_SIZE, style="italic") for note in notes)
    text = _text(page, MARGIN, FOOTER_TOP, body, NOTE_SIZE, color="#8a3b00", style="italic")
    return pack_text.extent_in(page, text)[1]


def _headline(page: Figure, headline: Headline, top: float, floor: float) -> None:
    """The figures and their labels, in the largest type whose column ends above `floor`."""
    for scale in HEADLINE_SCALES:
        placed = [*page.texts]
        y = top
        for label, value in headline:
            value_text = _wrap(value, HEADLINE_COLUMN, 30 * scale, weight="bold")
            y = _placed(page, MARGIN, y, value_text, 30 * scale, weight="bold")
            label_text = _wrap(label, HEADLINE_COLUMN, 13 * scale)
            y = _placed(page, MARGIN, y - 0.08, label_text, 13 * scale, color="#333333")
            y -= 0.3 * scale
        if y + 0.3 * scale >= floor or scale == HEADLINE_SCALES[-1]:
            return
        for text in page.texts[len(placed) :]:
            text.remove()


def _table(page: Figure, rows: pd.DataFrame, empty_text: str) -> float:
    """The rows as a ruled table under the heading, full width, columns sized to their text;
    returns where it ends (inches from the bottom)."""
    width, height = A4_LANDSCAPE
    if rows.empty:
        _text(page, MARGIN, height - 1.45, empty_text, 14, va="top")
        return height - 1.8
    top, table_in = height - 1.2, ROW_IN * (len(rows) + 1)
    box = (MARGIN / width, (top - table_in) / height, 1 - 2 * MARGIN / width, table_in / height)
    ax = page.add_axes(box)
    ax.set_axis_off()
    chars = [max(len(str(c)), *(len(v) for v in rows[c].astype(str))) for c in rows.columns]
    table = ax.table(
        cellText=rows.astype(str).to_numpy().tolist(),
        colLabels=[str(c) for c in rows.columns],
        colWidths=[n / sum(chars) for n in chars],
        cellLoc="left",
        colLoc="left",
        bbox=(0, 0, 1, 1),
    )
    table.auto_set_font_size(False)
    table.set_fontsize(13)
    for (row, _), cell in table.get_celld().items():
        cell.set_edgecolor("#bbbbbb")
        # Diacritics above capitals would shift "center" text; a shared baseline keeps rows even.
        cell.get_text().set(fontfamily=FONT, verticalalignment="center_baseline")
        if row == 0:
            cell.set_facecolor(HEADER_FILL)
            cell.get_text().set_fontweight("bold")
    return top - table_in


def _slowed(page: Figure, summary: PackContent, top: float) -> None:
    """The districts that slowed week on week, as a wrapped list below the table."""
    bottom = _placed(page, MARGIN, top, summary.slowed_title, 16, weight="bold")
    # No-break spaces keep each entry ("Hà Đông (−12 %)") on one line when the list wraps.
    entries = [entry.replace(" ", "\u00a0") for entry in summary.slowed]
    body = ", ".join(entries) if entries else summary.empty_text
    _fitted(page, [body], bottom - 0.15, (13, 11.5, 10, 9, 8), linespacing=1.4)


def _paragraphs(page: Figure, text: str, top: float) -> None:
    """Paragraphs wrapped to the page width, a blank line between them."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    _fitted(page, paragraphs, top, (14, 12, 11, 10, 9, 8), linespacing=1.45)


def _fitted(
    page: Figure, paragraphs: list[str], top: float, sizes: tuple[float, ...], **kw: object
) -> None:
    """The paragraphs full width from `top` down, in the largest size that ends above the
    footer (a long text gets smaller type rather than running into it)."""
    width = A4_LANDSCAPE[0] - 2 * MARGIN
    for size in sizes:
        wrapped = "\n\n".join(_wrap(p, width, size) for p in paragraphs)
        text = _text(page, MARGIN, top, wrapped, size, va="top", **kw)
        if pack_text.extent_in(page, text)[0] >= FOOTER_TOP or size == sizes[-1]:
            return
        text.remove()
