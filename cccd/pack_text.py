"""Text measured, not guessed, for the printed pages: wrap to a width in inches and learn where
a placed text ends, with matplotlib's own renderer and font metrics.

A guess of characters per line was what let the meeting pack's notes run over the figures in
French: a language's words have their own lengths, so the page asks the font instead.
"""

from functools import cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

FONT = "DejaVu Sans"
POINTS_PER_INCH = 72


@cache
def _renderer() -> RendererAgg:
    # One point per pixel: widths come back in points. Agg and the PDF backend read the same
    # TrueType metrics (ft2font), so what fits here fits on the page.
    return RendererAgg(1, 1, POINTS_PER_INCH)


def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width of one line of `text` in inches, in DejaVu Sans at `size` points."""
    font = FontProperties(family=FONT, size=size, weight=weight, style=style)
    width, _, _ = _renderer().get_text_width_height_descent(text, font, ismath=False)
    return width / POINTS_PER_INCH


def wrap(
    text: str, width_in: float, size: float, weight: str = "normal", style: str = "normal"
) -> str:
    """`text` broken into lines no wider than `width_in` (words longer than the width stay
    whole on a line of their own); existing line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, weight, style) > width_in:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def extent_in(page: Figure, text: Text) -> tuple[float, float]:
    """(bottom, top) of a text placed on `page`, in inches from the page's bottom edge."""
    box = text.get_window_extent(RendererAgg(1, 1, page.dpi))
    return box.y0 / page.dpi, box.y1 / page.dpi
