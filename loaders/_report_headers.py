"""Whether a report's header cell names one of our columns (the words of cccd.report_layout).

The report reader finds and reads headers in loaders._report_layout; this is the one question
the file reader (loaders._report_files.split_header) asks of a cell.
"""

from cccd.report_layout import IGNORED, header_role


def known_header(text: str) -> bool:
    """True when a header cell names one of our columns ("Số CCCD đã cấp", "Mã đơn vị")."""
    return header_role(str(text)) not in (None, IGNORED)
