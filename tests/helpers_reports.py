"""A good daily report for 30/05/2023 built from what a store holds, as an analyst would send it;
and a report's problems as the English text the command line prints."""

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from cccd.report_checks import Problem
from loaders import reports, store
from loaders.catalogue import english
from loaders.errors import DataFileError

HEADERS = {
    "as_of": "Ngày báo cáo",
    "commune_code": "Mã xã",
    "target": "Chỉ tiêu",
    "delivered": "Số thẻ đã trả",
    "activated": "Đã kích hoạt VNeID",
}


def write_may_30_report(engine: Engine, path: Path, more_cards: int = 10) -> Path:
    """Every commune's 29/05 figures plus `more_cards` delivered (up to target), as a CSV."""
    stored = store.read_reports(engine)
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")].copy()
    last["delivered"] = (last["delivered"] + more_cards).clip(upper=last["target"])
    last["as_of"] = "30/05/2023"
    last[list(HEADERS)].rename(columns=HEADERS).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def problem_text(problem: Problem) -> str:
    """ "row 2, column 'Số thẻ đã trả', value '12a': not a whole number. Fix: ...." in English."""
    return english(problem.sentence)


def told(path: Path, engine: Engine) -> str:
    """What the user is told about a refused file (in English): the error, or the problems."""
    try:
        preview = reports.preview_report(path, engine)
    except DataFileError as error:
        return str(error)
    assert preview.problems, f"{path.name} previewed without problems"
    return "\n".join(map(problem_text, preview.problems))
