"""Why a workbook cannot be opened, in the reader's language.

The zip and XML libraries and calamine say it in English and in their own terms ("Bad CRC-32
for file 'xl/worksheets/sheet1.xml'", "File is not a zip file", "Relationships"): the message
names the kind of damage instead, which a person can act on.
"""

import zipfile
import zlib
from xml.etree import ElementTree

from cccd.messages import Message, message


def xlsx_problem(error: BaseException) -> Message:
    """What is wrong with the workbook, by the kind of error its reader raised."""
    text = str(error).lower()
    if "encrypt" in text or "password" in text:
        return message("xlsx_problem.encrypted")
    if isinstance(error, zipfile.BadZipFile) and "not a zip" in text:
        return message("xlsx_problem.not_zip")
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError) or "crc" in text:
        return message("xlsx_problem.damaged")
    if isinstance(error, ElementTree.ParseError | KeyError) or type(error).__name__ == "XmlError":
        return message("xlsx_problem.part")
    return message("xlsx_problem.unreadable")


NOT_ZIP = message("xlsx_problem.not_zip")
