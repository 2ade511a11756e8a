"""Every row of a report is accepted or listed with its reason, and the counts add up (issue 17):
a commune given twice or three times, with the same or different figures, in one table, across
sheets or across files. Accepted rows + rows with a problem == rows checked."""

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers_hostile import run_cli
from helpers_reports import HEADERS as FILE_HEADERS
from helpers_reports import write_may_30_report
from sqlalchemy import Engine

from cccd.report_checks import ReportPreview, check_report
from cccd.report_sources import ROW_BLOCK, TableSource, rows_added_up
from loaders import catalogue, reference, reports, store
from loaders.catalogue import english

TODAY, START = date(2023, 6, 1), date(2023, 5, 15)
HEADERS = {"as_of": "Ngày", "commune_code": "Mã xã", "target": "Chỉ tiêu",
           "delivered": "Đã trả", "activated": "Kích hoạt"}  # fmt: skip


def row(code: str = "00001", delivered: str = "3100", **more: str) -> dict[str, str]:
    cells = {"as_of": "29/05/2023", "commune_code": code, "target": "5000",
             "delivered": delivered, "activated": "2100"}  # fmt: skip
    return {**cells, **more}


def checked(rows: list[dict[str, str]]) -> ReportPreview:
    raw = pd.DataFrame(rows, index=range(2, 2 + len(rows)), dtype="str")
    return check_report(raw, reference.units(), pd.DataFrame(), TODAY, START, headers=HEADERS)


def listed(preview: ReportPreview) -> list[int]:
    return sorted({problem.row for problem in preview.problems})


# rows of the file -> (rows accepted, rows listed with a problem)
CASES = {
    "one row": ([row()], [2], []),
    "a duplicate, same figures": ([row(), row()], [2], [3]),
    "a duplicate, same figures, code then name": (
        [row(), row(code="", commune_name="P. Phúc Xá")], [2], [3]),
    "a duplicate, different figures": ([row(), row(delivered="3200")], [], [2, 3]),
    "a triplicate, same figures": ([row(), row(), row()], [2], [3, 4]),
    "a triplicate, one differs": ([row(), row(), row(delivered="3050")], [], [2, 3, 4]),
    "a triplicate, all differ": (
        [row(), row(delivered="3050"), row(delivered="3070")], [], [2, 3, 4]),
    "a duplicate apart, others between": (
        [row(), row("00004"), row("00006"), row(delivered="3300")], [3, 4], [2, 5]),
    "a duplicate whose repeat has an unreadable count": (
        [row(), row(delivered="31OO")], [], [2, 3]),
    "a duplicate of a row with its own problem": (
        [row(delivered="6000"), row(delivered="6000")], [], [2, 3]),
    "two duplicated communes": (
        [row(), row("00004"), row(), row("00004", delivered="9")], [2], [3, 4, 5]),
    "same commune, two days": ([row(), row(as_of="30/05/2023", delivered="3200")], [2, 3], []),
    "a duplicate beside an unknown commune": (
        [row(), row("99999"), row()], [2], [3, 4]),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_every_row_is_accepted_or_listed(name: str) -> None:
    rows, accepted, problems = CASES[name]
    preview = checked(rows)
    assert sorted(preview.rows.index) == accepted
    assert listed(preview) == problems
    assert len(preview.rows) + preview.rows_with_problems == preview.rows_checked == len(rows)


def test_different_figures_name_every_row_of_the_group() -> None:
    preview = checked([row(), row(delivered="3200"), row(delivered="3300")])
    said = {english(problem.what) for problem in preview.problems}
    assert said == {
        "duplicate with different figures: 3 rows (2, 3, 4) report Phường Phúc Xá (00001) for "
        "29/05/2023; none of them is loaded"
    }


def test_duplicates_across_sheets_are_counted_in_their_sheets() -> None:
    sources = [TableSource("f.xlsx › BD", HEADERS), TableSource("f.xlsx › TH", HEADERS)]
    for second, accepted, problems in [
        (row(), [5], [("f.xlsx › TH", 5)]),
        (row(delivered="3200"), [], [("f.xlsx › BD", 5), ("f.xlsx › TH", 5)]),
    ]:
        raw = pd.DataFrame([row(), second], index=[5, ROW_BLOCK + 5], dtype="str")
        preview = check_report(raw, reference.units(), pd.DataFrame(), TODAY, START,
                               headers=HEADERS, sources=sources)  # fmt: skip
        assert [i % ROW_BLOCK for i in preview.rows.index] == accepted
        assert [(p.source, p.row) for p in preview.problems] == problems
        assert len(preview.rows) + preview.rows_with_problems == 2


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("counts")
    return store.connect(f"sqlite:///{folder / 'store.sqlite'}")


def _add_rows(path: Path, extra: pd.DataFrame) -> None:
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    pd.concat([frame, extra]).to_csv(path, index=False, encoding="utf-8-sig")


def _counts(preview: ReportPreview) -> tuple[int, int, int, int]:
    read = sum(source.rows_read for source in preview.sources)
    aside = sum(source.rows_set_aside for source in preview.sources)
    return read, len(preview.rows), preview.rows_with_problems, aside


@pytest.mark.parametrize(
    "delivered_shift, accepted, with_problem",
    [(0, 579, 1), (5, 578, 2)],  # the copy has the same figures / 5 more cards
)
def test_the_issue_file_adds_up(
    engine: Engine, tmp_path: Path, delivered_shift: int, accepted: int, with_problem: int
) -> None:
    """579 communes and one again: 579 accepted + 1 listed, or 578 + 2 when they differ."""
    path = write_may_30_report(engine, tmp_path / "bc-30-05.csv")
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    copy = frame.iloc[[10]].copy()
    delivered = FILE_HEADERS["delivered"]
    copy[delivered] = str(int(copy[delivered].iloc[0]) - delivered_shift)
    _add_rows(path, copy)
    preview = reports.preview_report(path, engine)
    assert _counts(preview) == (580, accepted, with_problem, 0)
    assert preview.missing_communes.empty  # every commune has a row, listed or accepted
    counts = rows_added_up(preview.sources, len(preview.rows), preview.rows_with_problems)
    vietnamese = catalogue.translator("vi", strict=True).render(counts)
    assert vietnamese.startswith(f"số dòng đã đọc: 580 = {accepted} dòng được nhận + ")
    said = run_cli("loaders.reports", path.name, "--database-url", str(engine.url), cwd=tmp_path)
    assert said.returncode == 1, said.stderr
    line = f"rows read: 580 = {accepted} accepted + {with_problem} with a problem + 0 set aside"
    assert line in said.stdout


def test_duplicates_across_files_and_sheets_add_up(engine: Engine, tmp_path: Path) -> None:
    path = write_may_30_report(engine, tmp_path / "all.csv")
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    first, second = frame.iloc[:300], frame.iloc[290:]  # rows 290-299 in both, same figures
    first.to_csv(tmp_path / "a.csv", index=False)
    second.to_csv(tmp_path / "b.csv", index=False)
    preview = reports.preview_report([tmp_path / "a.csv", tmp_path / "b.csv"], engine)
    assert _counts(preview) == (589, 579, 10, 0)
    assert {problem.source for problem in preview.problems} == {"b.csv"}
    book = openpyxl.Workbook()
    for title, part in (("A", first), ("B", second.assign(**{FILE_HEADERS["delivered"]: "0"}))):
        sheet = book.create_sheet(title)
        sheet.append(list(part.columns))
        for values in part.itertuples(index=False):
            sheet.append(list(values))
    del book["Sheet"]
    book.save(tmp_path / "two.xlsx")
    preview = reports.preview_report(tmp_path / "two.xlsx", engine)
    read, accepted, with_problem, aside = _counts(preview)
    assert read == 589 and accepted + with_problem + aside == read
    duplicated = [p for p in preview.problems if p.what.key == "hostile.duplicate_differs"]
    assert len(duplicated) == 20  # the ten communes in both sheets, each row listed
