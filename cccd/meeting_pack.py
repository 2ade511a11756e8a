"""A meeting pack: a short A4 landscape PDF a leader can print or carry to a meeting.

Page 1 the headline figures and the map, page 2 the districts behind schedule and those that
slowed, page 3 the method. The caller passes every text already formatted in the reader's
language (PackContent); this module only lays it out. matplotlib's object API, no pyplot.
"""

import io
import textwrap
from dataclasses import dataclass

import matplotlib.image
import pandas as pd
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.figure import Figure

A4_LANDSCAPE = (11.69, 8.27)  # inches
MARGIN = 0.5
FONT = "DejaVu Sans"
# The map slot on page 1: render map_png(..., size=PACK_MAP_SIZE, dpi=200) to place it 1:1, with
# an empty title, as_of_text and notes: the page shows those.
PACK_MAP_SIZE = (8.0, 6.6)
TABLE_ROWS_PER_PAGE = 13
ROW_IN = 0.27
HEADER_FILL = "#e8e8e8"


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
        _text(page, A4_LANDSCAPE[0] - MARGIN, 0.3, f"{number} / {len(pages)}", 10, ha="right")
    return pages


def _chunks(frame: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [frame.iloc[start : start + size] for start in range(0, max(len(frame), 1), size)]


def _page(summary: PackContent, heading: str) -> Figure:
    """A blank A4 landscape page with a heading and the as-of date in the footer."""
    page = Figure(figsize=A4_LANDSCAPE, facecolor="white")
    FigureCanvasPdf(page)
    _text(page, MARGIN, A4_LANDSCAPE[1] - MARGIN, heading, 22, weight="bold", va="top")
    _text(page, MARGIN, 0.3, f"{summary.title} · {summary.as_of_text}", 10, color="#555555")
    return page


def _text(page: Figure, x_in: float, y_in: float, text: str, size: float, **kw: object) -> None:
    """Text placed in inches from the page's bottom-left corner."""
    page.text(x_in, y_in, text, fontsize=size, family=FONT, transform=page.dpi_scale_trans, **kw)


def _wrap(text: str, width_in: float, size: float) -> str:
    """Wrap to a width in inches (DejaVu Sans averages about 0.55 em per character)."""
    return textwrap.fill(text, max(10, int(width_in * 72 / (size * 0.55))))


def _overview_page(summary: PackContent) -> Figure:
    """Title, date, headline figures down the left, the map on the right, notes below."""
    page = Figure(figsize=A4_LANDSCAPE, facecolor="white")
    FigureCanvasPdf(page)
    width, height = A4_LANDSCAPE
    _text(page, MARGIN, height - MARGIN, summary.title, 24, weight="bold", va="top")
    _text(page, MARGIN, height - 1.05, summary.as_of_text, 15, color="#333333", va="top")
    column = width - 2 * MARGIN - PACK_MAP_SIZE[0] - 0.2
    y = height - 1.75
    for label, value in summary.headline:
        _text(page, MARGIN, y, value, 30, weight="bold", va="top")
        label_text = _wrap(label, column, 13)
        _text(page, MARGIN, y - 0.55, label_text, 13, color="#333333", va="top")
        y -= 0.85 + 0.25 * label_text.count("\n") + 0.25
    notes = [_wrap(note, column, 11) for note in summary.notes]
    _text(page, MARGIN, 0.75, "\n".join(notes), 11, color="#8a3b00", style="italic")
    if summary.map_png:
        left = width - MARGIN - PACK_MAP_SIZE[0]
        box = (left / width, 0.55 / height, PACK_MAP_SIZE[0] / width, PACK_MAP_SIZE[1] / height)
        ax = page.add_axes(box)
        ax.imshow(matplotlib.image.imread(io.BytesIO(summary.map_png), format="png"))
        ax.set_axis_off()
    return page


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
    width = A4_LANDSCAPE[0] - 2 * MARGIN
    _text(page, MARGIN, top, summary.slowed_title, 16, weight="bold", va="top")
    # No-break spaces keep each entry ("Hà Đông (−12 %)") on one line when the list wraps.
    entries = [entry.replace(" ", "\u00a0") for entry in summary.slowed]
    body = ", ".join(entries) if entries else summary.empty_text
    # A long list gets smaller type rather than running into the footer.
    room = top - 0.75
    fits = [s for s in (13, 11.5) if len(_wrap(body, width, s).splitlines()) * s / 50 < room]
    size = fits[0] if fits else 10
    _text(page, MARGIN, top - 0.45, _wrap(body, width, size), size, va="top", linespacing=1.4)


def _paragraphs(page: Figure, text: str, top: float) -> None:
    """Paragraphs wrapped to the page width, a blank line between them."""
    width = A4_LANDSCAPE[0] - 2 * MARGIN
    size = 14 if len(text) < 1800 else 11
    wrapped = "\n\n".join(_wrap(p.strip(), width, size) for p in text.split("\n\n") if p.strip())
    _text(page, MARGIN, top, wrapped, size, va="top", linespacing=1.45)
