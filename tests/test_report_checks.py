"""Report checks on frames built in code: each problem with its message, corrections, no-ops."""

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from helpers_reports import problem_text

from cccd.messages import message
from cccd.report_checks import ReportPreview, check_report, parse_count, parse_date
from cccd.report_history import LISTED
from cccd.sample import generate_sample_reports
from loaders import reference
from loaders.catalogue import english

TODAY = date(2023, 6, 1)
START = date(2023, 5, 15)  # Hanoi's 2023 campaign (geodata/hanoi.json)
HEADERS = {"as_of": "Ngày báo cáo", "commune_code": "Mã xã", "commune_name": "Phường/Xã",
           "target": "Chỉ tiêu", "delivered": "Số thẻ đã trả",
           "activated": "Kích hoạt VNeID"}  # fmt: skip
GOOD = {"as_of": "29/05/2023", "commune_code": "00001", "commune_name": "",
        "target": "5000", "delivered": "3100", "activated": "2100"}  # fmt: skip


def stored() -> pd.DataFrame:
    """Phúc Xá on the 28th (3,000 delivered) and the 30th (3,500), as the store returns them."""
    return pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2023-05-28", "2023-05-30"]).astype("datetime64[s]"),
            "commune_code": ["00001", "00001"],
            "target": [5000, 5000],
            "delivered": [3000, 3500],
            "activated": [2000, 2500],
        }
    )


def check(rows: list[dict[str, str]], correction: bool = False, store: pd.DataFrame | None = None):
    raw = pd.DataFrame(rows, index=range(2, 2 + len(rows)), dtype="str")
    history = stored() if store is None else store
    return check_report(raw, reference.units(), history, TODAY, START, correction, HEADERS)


@pytest.mark.parametrize(
    "change, column, what",
    [
        ({"commune_code": "99999"}, "Mã xã", "unknown commune: code '99999' is not in the"),
        ({"commune_code": "", "commune_name": "Phường Không Có"}, "Phường/Xã",
         "unknown commune: no commune named 'Phường Không Có' in the official list"),
        ({"commune_code": "", "commune_name": "Kim Chung"}, "Phường/Xã",
         "the name matches more than one commune: 'Kim Chung' is in 2 districts "
         "(Huyện Hoài Đức, Huyện Đông Anh)"),
        ({"commune_name": "Trúc Bạch"}, "Mã xã",
         "code 00001 and the name 'Trúc Bạch' (00004) are different communes"),
        ({"commune_code": "99999", "commune_name": "Phúc Xá"}, "Mã xã",
         "code '99999' is not in the official commune list, although the name 'Phúc Xá' "
         "matches"),
        ({"commune_code": "", "commune_name": ""}, "Mã xã", "empty cell"),
        ({"delivered": "12a"}, "Số thẻ đã trả", "not a whole number"),
        ({"delivered": "1.234,5"}, "Số thẻ đã trả", "not a whole number (it has a decimal part)"),
        ({"target": "12.5"}, "Chỉ tiêu", "not a whole number (it has a decimal part)"),
        ({"activated": "2.100 người"}, "Kích hoạt VNeID", "not a whole number"),
        ({"delivered": "-5"}, "Số thẻ đã trả", "negative count"),
        ({"delivered": ""}, "Số thẻ đã trả", "empty cell"),
        ({"target": " "}, "Chỉ tiêu", "empty cell"),
        ({"delivered": "5001"}, "Số thẻ đã trả",
         "cards delivered (5,001) exceed the target (5,000) for Phường Phúc Xá (00001)"),
        ({"activated": "3101"}, "Kích hoạt VNeID",
         "VNeID activations (3,101) exceed cards delivered (3,100)"),
        ({"as_of": "02/06/2023"}, "Ngày báo cáo", "date is after today (01/06/2023)"),
        ({"as_of": "14/05/2023"}, "Ngày báo cáo",
         "date is before the campaign started (15/05/2023)"),
        ({"as_of": "2023-13-01"}, "Ngày báo cáo", "not a date"),
        ({"as_of": "05/29/2023"}, "Ngày báo cáo", "not a date"),
        ({"as_of": "hôm qua"}, "Ngày báo cáo", "not a date"),
        ({"as_of": ""}, "Ngày báo cáo", "empty cell"),
        ({"delivered": "2999"}, "Số thẻ đã trả",
         "delivered falls from 3,000 on 28/05/2023 (already stored) to 2,999"),
        ({"activated": "1999"}, "Kích hoạt VNeID",
         "activated falls from 2,000 on 28/05/2023 (already stored) to 1,999"),
        ({"delivered": "3501"}, "Số thẻ đã trả",
         "delivered 3,501 is above the 3,500 already stored for 30/05/2023, a later date"),
    ],
)  # fmt: skip
def test_each_problem_is_named_with_its_cell(change: dict, column: str, what: str) -> None:
    preview = check([{**GOOD, **change}])
    assert len(preview.problems) == 1, preview.problems
    problem = preview.problems[0]
    assert (problem.row, problem.column) == (2, column)
    assert what in english(problem.what)
    assert english(problem.fix)
    assert preview.rows.empty


@pytest.mark.parametrize(
    "start, problems",
    [(date(2023, 5, 15), []), (date(2023, 5, 29), []),
     (date(2023, 5, 30), ["date is before the campaign started (30/05/2023)"])],
)  # fmt: skip
def test_the_campaign_start_is_the_callers(start: date, problems: list[str]) -> None:
    raw = pd.DataFrame([GOOD], index=[2], dtype="str")
    preview = check_report(raw, reference.units(), stored(), TODAY, start, headers=HEADERS)
    assert [english(problem.what) for problem in preview.problems] == problems


def test_a_good_row_is_accepted_with_ints_and_a_date() -> None:
    preview = check([GOOD])
    assert preview.problems == [] and preview.ok
    assert preview.rows.to_dict("records") == [
        {"as_of": pd.Timestamp("2023-05-29"), "commune_code": "00001",
         "target": 5000, "delivered": 3100, "activated": 2100}
    ]  # fmt: skip
    assert str(preview.rows["as_of"].dtype).startswith("datetime64")
    assert list(preview.changes["kind"]) == ["new", "new", "new"]
    assert preview.dates == [date(2023, 5, 29)]


def test_problem_reads_as_a_sentence() -> None:
    problem = check([{**GOOD, "delivered": "12a"}]).problems[0]
    assert problem_text(problem) == (
        "row 2, column 'Số thẻ đã trả', value '12a': not a whole number. "
        "Fix: Write the number of cards delivered as digits only, e.g. 1234 or 1.234, "
        "without letters or units."
    )


def test_a_repeated_row_with_the_same_figures_is_listed_and_the_first_accepted() -> None:
    preview = check([GOOD, {**GOOD, "commune_code": "", "commune_name": "P. Phúc Xá"}])
    assert [english(p.what) for p in preview.problems] == [
        "duplicate: rows 2 and 3 both report Phường Phúc Xá (00001) for 29/05/2023"
    ]
    assert preview.problems[0].row == 3 and preview.rows.index.tolist() == [2]


def test_a_fall_within_the_file_names_the_earlier_row() -> None:
    later = {**GOOD, "as_of": "30/05/2023", "delivered": "3050"}
    preview = check([GOOD, later], store=stored().iloc[:1])
    assert [(p.row, english(p.what)) for p in preview.problems] == [
        (3, "delivered falls from 3,100 on 29/05/2023 (row 2) to 3,050")
    ]


def test_lowering_a_stored_figure_for_the_same_date_is_a_fall() -> None:
    same = {**GOOD, "as_of": "30/05/2023", "delivered": "3400", "activated": "2500"}
    assert "delivered falls from 3,500 already stored for this date to 3,400" in (
        english(check([same]).problems[0].what)
    )


def test_correction_accepts_a_fall_and_lists_it() -> None:
    preview = check([{**GOOD, "delivered": "2999"}], correction=True)
    assert preview.problems == [] and len(preview.rows) == 1
    kinds = dict(zip(preview.changes["column"], preview.changes["kind"], strict=True))
    assert kinds == {"target": "new", "delivered": "correction", "activated": "new"}
    assert preview.correction


def test_a_report_the_store_already_holds_changes_nothing() -> None:
    same = {**GOOD, "as_of": "30/05/2023", "delivered": "3500", "activated": "2500"}
    preview = check([same])
    assert preview.ok and len(preview.rows) == 1 and preview.changes.empty


def test_changed_figures_show_old_and_new() -> None:
    more = {**GOOD, "as_of": "30/05/2023", "delivered": "3600", "activated": "2500"}
    changes = check([more]).changes
    assert changes[["column", "old", "new", "kind"]].to_dict("records") == [
        {"column": "delivered", "old": 3500, "new": 3600, "kind": "changed"}
    ]


def test_missing_communes_are_listed_per_date() -> None:
    missing = check([GOOD]).missing_communes
    assert len(missing) == len(reference.units()) - 1
    assert "00001" not in set(missing["commune_code"])
    assert set(missing["as_of"]) == {pd.Timestamp("2023-05-29")}


def test_a_district_tells_apart_same_named_communes() -> None:
    row = {**GOOD, "commune_code": "", "commune_name": "Kim Chung", "district_name": "Đông Anh",
           "delivered": "10", "activated": "5"}  # fmt: skip
    preview = check([row], store=stored().iloc[:0])
    assert preview.ok and list(preview.rows["commune_code"]) == ["00493"]


def test_an_empty_store_accepts_any_consistent_row() -> None:
    assert check([{**GOOD, "delivered": "10", "activated": "5"}], store=stored().iloc[:0]).ok


@pytest.mark.parametrize(
    "text, count",
    [("1234", 1234), ("1.234", 1234), ("1,234", 1234), ("1 234", 1234), ("1.234.567", 1234567),
     ("12.0", 12), ("0", 0), (" 7 ", 7), ("12a", "not a number"), ("1.234,5", "decimal"),
     ("1,5", "decimal"), ("1.23", "decimal"), ("-5", "negative"), ("", "empty"),
     ("1.234,567", "decimal"), ("abc", "not a number")],
)  # fmt: skip
def test_counts_as_people_write_them(text: str, count: int | str) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    "text, day",
    [("29/05/2023", date(2023, 5, 29)), ("2023-05-29", date(2023, 5, 29)),
     ("29-05-2023", date(2023, 5, 29)), ("29/5/2023", date(2023, 5, 29)),
     ("29.05.2023", date(2023, 5, 29)), ("2023-05-29 00:00:00", date(2023, 5, 29)),
     ("05/29/2023", None), ("29/05/23x", None), ("", None)],
)  # fmt: skip
def test_dates_as_people_write_them(text: str, day: date | None) -> None:
    assert parse_date(text) == day


# A month of reports for every commune, as bench/imports.py builds it: 30 days after the seeded
# sample's last day (29/05/2023), figures rising from the sample's.
MONTH_DAYS, FIRST_DAY, MONTH_TODAY = 30, date(2023, 5, 30), date(2023, 6, 30)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """The seeded sample reports (15–29 May 2023, every commune), as the store holds them."""
    return generate_sample_reports(reference.units(), reference.population())


@pytest.fixture(scope="module")
def month(sample: pd.DataFrame) -> pd.DataFrame:
    """30 days × 579 communes as text cells, file rows 2..17371 (day by day, commune order)."""
    last = sample[sample["as_of"] == sample["as_of"].max()]
    rng = np.random.default_rng(7)
    target, delivered = last["target"].to_numpy(), last["delivered"].to_numpy()
    activated, frames = last["activated"].to_numpy(), []
    for day in range(MONTH_DAYS):
        step = rng.integers(0, 60, len(last))
        delivered = np.minimum(np.maximum(target, delivered), delivered + step)
        activated = np.minimum(delivered, activated + rng.integers(0, 50, len(last)))
        frames.append(pd.DataFrame({
            "as_of": (FIRST_DAY + timedelta(days=day)).strftime("%d/%m/%Y"),
            "commune_code": last["commune_code"].to_numpy(),
            "target": target, "delivered": delivered, "activated": activated,
        }))  # fmt: skip
    frame = pd.concat(frames, ignore_index=True).astype("str")
    return frame.set_axis(pd.RangeIndex(2, 2 + len(frame)))


def check_month(report: pd.DataFrame, sample: pd.DataFrame) -> ReportPreview:
    return check_report(report, reference.units(), sample, MONTH_TODAY, START, headers=HEADERS)


def test_a_clean_month_for_every_commune_is_accepted_whole(month, sample) -> None:
    preview = check_month(month, sample)
    assert preview.problems == [] and preview.missing_communes.empty
    assert len(preview.rows) == MONTH_DAYS * len(reference.units()) == len(month)
    expected = month.astype({name: "int64" for name in ("target", "delivered", "activated")})
    expected["as_of"] = pd.to_datetime(month["as_of"], format="%d/%m/%Y")
    assert (preview.rows.index == month.index).all()
    pd.testing.assert_frame_equal(preview.rows, expected, check_dtype=False, check_names=False)
    assert preview.dates == [FIRST_DAY + timedelta(days=day) for day in range(MONTH_DAYS)]
    assert preview.change_counts == {"new": 3 * len(month), "changed": 0, "correction": 0}
    assert preview.rows_changed == len(month) and set(preview.changes["kind"]) == {"new"}
    assert len(preview.changes) == min(3 * len(month), LISTED)  # the first lines only


def test_a_month_with_planted_problems_reports_exactly_those(month, sample) -> None:
    communes = len(reference.units())

    def row(day: int, commune: int) -> int:
        """The file row of a day (0 = 30/05/2023) and a commune (its position in the day)."""
        return 2 + day * communes + commune

    report = month.copy()
    # A fall: day 15's delivered one below day 14's, for a commune whose activations stay below.
    fallen, earlier = row(15, 0), int(report.at[row(14, 0), "delivered"])
    assert int(report.at[fallen, "activated"]) < earlier - 1
    report.at[fallen, "delivered"] = str(earlier - 1)
    unknown = report.at[row(5, 1), "commune_code"]
    report.at[row(5, 1), "commune_code"] = "99999"
    report.at[row(25, 2), "delivered"] = "12a"
    copied = row(20, 3)  # the same commune and day again, at the end of the file
    report = pd.concat([report, report.loc[[copied]].set_axis([row(30, 0)])])
    preview = check_month(report, sample)
    code = report.at[copied, "commune_code"]
    name = reference.units().set_index("commune_code").at[code, "commune_name"]
    assert [(p.row, p.column, p.value, english(p.what)) for p in preview.problems] == [
        (row(5, 1), "Mã xã", "99999",
         "unknown commune: code '99999' is not in the official commune list"),
        (fallen, "Số thẻ đã trả", str(earlier - 1),
         f"delivered falls from {earlier:,} on 13/06/2023 (row {row(14, 0)}) to {earlier - 1:,}"),
        (row(25, 2), "Số thẻ đã trả", "12a", "not a whole number"),
        (row(30, 0), "Mã xã", "",
         f"duplicate: rows {copied} and {row(30, 0)} both report {name} ({code}) for 19/06/2023"),
    ]  # fmt: skip
    left_out = {row(5, 1), fallen, row(25, 2), row(30, 0)}  # the first copy is accepted
    assert set(preview.rows.index) == set(report.index) - left_out
    missing = preview.missing_communes[["as_of", "commune_code"]].to_numpy().tolist()
    assert missing == [[pd.Timestamp("2023-06-04"), unknown]]


def test_rows_of_several_tables_name_their_table_in_problems() -> None:
    """Two sheets checked together: row numbers are each sheet's own, and the sheet is named
    (headers per sheet; a duplicate and a fall name the other row's sheet)."""
    from cccd.report_sources import ROW_BLOCK, TableSource

    later = dict(GOOD, as_of="31/05/2023", delivered="3050", activated="2050")
    raw = pd.DataFrame([GOOD, GOOD, later], index=[5, ROW_BLOCK + 5, ROW_BLOCK + 6], dtype="str")
    sources = [TableSource("f.xlsx › BD", HEADERS),
               TableSource("f.xlsx › TH", dict(HEADERS, delivered="Đã trả"))]  # fmt: skip
    preview = check_report(raw, reference.units(), stored().iloc[:0], TODAY, START,
                           headers=HEADERS, sources=sources)  # fmt: skip
    said = [english(problem.sentence) for problem in preview.problems]
    assert said[0].startswith("f.xlsx › TH: row 5, column 'Mã xã', value '': duplicate: rows 5 "
                              "(f.xlsx › BD) and 5 (f.xlsx › TH) both report")  # fmt: skip
    # The first copy of the 29th (same figures) is accepted, so the 31st falls below it.
    assert [(p.source, p.row) for p in preview.problems] == [("f.xlsx › TH", 5)] + [
        ("f.xlsx › TH", 6)
    ] * 2
    assert said[1].startswith("f.xlsx › TH: row 6, column 'Đã trả', value '3050': delivered falls")
    assert len(preview.rows) == 1
    fall = dict(later, delivered="3000", activated="2100")
    raw = pd.DataFrame([dict(GOOD, delivered="3100"), fall], index=[5, ROW_BLOCK + 9], dtype="str")
    (problem,) = check_report(raw, reference.units(), stored().iloc[:0], TODAY, START,
                              headers=HEADERS, sources=sources).problems  # fmt: skip
    assert english(problem.sentence).startswith(
        "f.xlsx › TH: row 9, column 'Đã trả', value '3000': delivered falls from 3,100 on "
        "29/05/2023 (row 5 (f.xlsx › BD))"
    )


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_a_problem_with_a_source_names_it_in_every_language(language: str) -> None:
    from cccd.report_checks import Problem
    from loaders.catalogue import translator

    what = message("check.not_a_number")
    problem = Problem(3, "Đã trả", "12a", what, what, "f.xlsx › BD")
    text = translator(language, strict=True).render(problem.sentence)
    assert text.startswith("f.xlsx › BD") and "12a" in text


def test_the_changes_list_the_first_lines_and_count_them_all() -> None:
    """A month of new reports is ~950,000 lines: the first LISTED are built, all are counted."""
    from cccd.report_history import store_changes

    units = reference.units()
    rows = pd.DataFrame(
        {
            "as_of": pd.Timestamp("2023-06-01"),
            "commune_code": units["commune_code"],
            "target": 10,
            "delivered": 5,
            "activated": 1,
        }
    )
    changes = store_changes(rows, stored().iloc[:0], units, set(), listed=100)
    assert len(changes.lines) == 100 and changes.total == 3 * len(units) == 1737
    assert changes.counts == {"new": 1737, "changed": 0, "correction": 0}
    assert changes.rows == len(units)
    whole = store_changes(rows, stored().iloc[:0], units, set())
    pd.testing.assert_frame_equal(changes.lines, whole.lines.head(100))
