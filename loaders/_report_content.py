"""A report file that is not what its name says: refused before any reader sees it.

Offices rename files and web systems export tables as HTML named .xls; an .xlsx protected by a
password is an Office "compound" file, not a zip. The readers would say only that the workbook
cannot be opened (in the library's English); this says what the file is and what to do.
"""

from pathlib import Path

from cccd.messages import message
from loaders._boundary_checks import content_of
from loaders.errors import DataFileError

_OLE2 = "hostile.content.office"
_ZIP = "hostile.content.zip"
_HTML = "hostile.content.html"


def refuse_wrong_content(path: Path, data: bytes, name: str) -> None:
    """DataFileError when a report's bytes are plainly not its format (name: as the user
    knows the file; a folder is refused before it is read)."""
    suffix = path.suffix.lower()
    found = content_of(data[:512])
    kind = found.key if found is not None else None
    if suffix in (".xlsx", ".xlsm"):
        if kind == _OLE2:
            raise DataFileError("hostile.report_protected", file=name)
        if kind == _HTML:
            raise DataFileError("hostile.report_html", file=name)
        if found is not None and kind != _ZIP:
            raise DataFileError("hostile.wrong_content", file=name, content=found,
                                expected=message("hostile.expected.xlsx"))  # fmt: skip
    elif suffix == ".xls" and kind == _HTML:
        raise DataFileError("hostile.report_html", file=name)
    elif suffix in (".csv", ".txt") and found is not None and kind != _HTML:
        raise DataFileError("hostile.wrong_content", file=name, content=found,
                            expected=message("hostile.expected.csv"))  # fmt: skip
