"""The import page (AppTest): viewers get a sign-in form only; editors get upload and undo."""

import contextlib
from datetime import date
from pathlib import Path

import helpers_import_files as files
import pandas as pd
import pytest
import streamlit as st
from helpers_reports import HEADERS, write_may_30_report
from streamlit.testing.v1 import AppTest

from loaders import editors, reports, store
from ui.imports import mapping as import_mapping

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
COLUMN_LABELS = [
    "Ngày báo cáo", "Mã xã/phường", "Tên xã/phường", "Quận/huyện", "Chỉ tiêu", "Số thẻ đã trả",
    "Đã kích hoạt VNeID",
]  # fmt: skip


@pytest.fixture
def store_url(app_store):
    """The test's store, with one editor."""
    editors.add_editor(store.connect(app_store), "lan", PASSWORD)
    return app_store


def import_page(session: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/imports.py")
    for key, value in (session or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def kinds(app: AppTest) -> set[str]:
    return {
        type(element).__name__ + ":" + str(getattr(element, "type", "")) for element in app.main
    }


def test_viewer_sees_only_the_sign_in_form(store_url):
    app = import_page()
    assert [field.label for field in app.text_input] == ["Tên biên tập viên", "Mật khẩu"]
    assert not app.get("file_uploader")
    assert not [button for button in app.button if button.label == "Hoàn tác"]


def test_wrong_password_is_refused_with_a_message(store_url):
    app = import_page()
    app.text_input(key="sign_in_name").input("lan")
    app.text_input(key="sign_in_password").input("not the password")
    app.get("form")[0].children  # noqa: B018 - the form exists
    app.button[0].click().run()
    assert [error.value for error in app.error] == ["Sai tên hoặc mật khẩu."]
    assert "editor" not in app.session_state
    assert not app.get("file_uploader")


def test_right_password_opens_upload_history_and_undo(store_url):
    app = import_page()
    app.text_input(key="sign_in_name").input("lan")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button[0].click().run()
    assert app.session_state["editor"] == "lan"
    assert app.get("file_uploader")
    assert any(button.label == "Hoàn tác" for button in app.button)
    assert len(app.dataframe) == 1  # the import log, with the synthetic seed


class Upload:
    """What st.file_uploader returns: AppTest cannot upload a file, so the test hands one over."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data

    def getvalue(self) -> bytes:
        return self.data


def test_problems_are_shown_in_the_readers_language(store_url, monkeypatch):
    report = (
        "Ngày báo cáo,Mã xã,Chỉ tiêu,Số thẻ đã trả,Đã kích hoạt VNeID\n"
        "30/05/2023,00001,4984,4985,3000\n"  # Phúc Xá's target is 4,984
        "30/05/2023,00004,1604,12a,900\n"
    ).encode()
    monkeypatch.setattr(st, "file_uploader", lambda *args, **kwargs: Upload("bc.csv", report))
    app = import_page({"editor": "lan"})  # the page speaks Vietnamese unless told otherwise
    (table,) = [frame.value for frame in app.dataframe if "Lỗi" in frame.value.columns]
    assert table["Lỗi"].tolist() == [
        "số thẻ đã trả (4.985) vượt chỉ tiêu (4.984) của Phường Phúc Xá (00001)",
        "không phải số nguyên",
    ]
    assert table["Cách sửa"].iloc[1].startswith("Chỉ dùng chữ số để ghi số thẻ đã trả")
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    assert app.error and commit.disabled


# --- Files as people send them (issue 14): the new report reader and store functions. ---


def upload(monkeypatch, paths) -> None:
    """Hand the page these files as if they had been uploaded together."""
    files = [Upload(path.name, path.read_bytes()) for path in paths]
    monkeypatch.setattr(st, "file_uploader", lambda *args, **kwargs: files)


def metric(app: AppTest, label: str) -> str:
    (value,) = [m.value for m in app.metric if m.label == label]
    return value


def checkbox(app: AppTest, label: str):
    (box,) = [box for box in app.checkbox if box.label.startswith(label)]
    return box


def selectbox(app: AppTest, label: str):
    (box,) = [box for box in app.selectbox if box.label == label]
    return box


def test_the_guessed_columns_fill_the_select_boxes_and_a_change_changes_the_preview(
    store_url, monkeypatch, tmp_path
):
    engine = store.connect(store_url)
    upload(monkeypatch, [files.write_unfamiliar_report(engine, tmp_path / "bc 30-05.csv")])
    app = import_page({"editor": "lan"})
    chosen = {label: selectbox(app, label).value for label in COLUMN_LABELS}
    assert chosen == {
        "Ngày báo cáo": "Cập nhật đến",
        "Mã xã/phường": "Mã đơn vị",
        "Tên xã/phường": "Đơn vị hành chính",
        "Quận/huyện": "—",
        "Chỉ tiêu": "Số dân phải cấp",
        "Số thẻ đã trả": "SL thẻ trả dân",
        "Đã kích hoạt VNeID": "Số TK định danh mức 2",
    }
    assert metric(app, "Dòng hợp lệ") == "579"
    assert metric(app, "Dòng có lỗi") == "0"

    # Activated figures read as delivered fall below the stored 29/05 figures: every row is bad.
    selectbox(app, "Số thẻ đã trả").select("Số TK định danh mức 2").run()
    assert not app.exception, app.exception
    assert metric(app, "Dòng có lỗi") == "579"
    assert app.error


def test_good_rows_load_and_bad_rows_are_skipped_after_a_confirmation(
    store_url, monkeypatch, tmp_path
):
    engine = store.connect(store_url)
    report = write_may_30_report(engine, tmp_path / "bc.csv")
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = ",".join(cell if i != 3 else "12a" for i, cell in enumerate(lines[2].split(",")))
    report.write_text("\n".join(lines), encoding="utf-8-sig")
    upload(monkeypatch, [report])
    app = import_page({"editor": "lan"})
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    skip = app.button(key="skip_bad_rows")
    assert commit.disabled and skip.disabled
    assert skip.label == "Nhập 578 dòng hợp lệ, bỏ qua 1 dòng lỗi"
    checkbox(app, "Tôi đã xem 1 dòng lỗi").check().run()
    app.button(key="skip_bad_rows").click().run()
    assert not app.exception, app.exception
    assert len(files.rows_of(engine)) == 578
    assert app.success
    last = int(store.list_imports(engine)["id"].iloc[0])
    skipped = store.skipped_rows(engine, last)
    assert skipped[["row", "column", "value"]].values.tolist() == [[3, "Số thẻ đã trả", "12a"]]
    assert skipped["source"].tolist() == ["bc.csv"]


def test_the_sample_can_be_removed_and_the_page_still_loads_a_report(store_url):
    engine = store.connect(store_url)
    app = import_page({"editor": "lan"})
    assert app.button(key="remove_sample").disabled
    app.checkbox(key="confirm_remove_sample").check().run()
    app.button(key="remove_sample").click().run()
    assert not app.exception, app.exception
    assert store.read_reports(engine).empty
    assert not [info for info in app.info if "dữ liệu mẫu" in info.value]
    assert app.get("file_uploader")


def test_a_report_the_sample_contradicts_can_replace_the_sample(store_url, monkeypatch, tmp_path):
    engine = store.connect(store_url)
    frame = files.may_30_figures(engine, day="2023-05-29", more_cards=1)
    frame["as_of"] = "25/05/2023"  # the sample's 26-29/05 hold lower figures than these
    path = tmp_path / "bc-25-05.csv"
    frame[list(HEADERS)].rename(columns=HEADERS).to_csv(path, index=False)
    upload(monkeypatch, [path])
    app = import_page({"editor": "lan"})
    assert app.error  # the sample's later figures are falls
    checkbox(app, "Tôi muốn xoá dữ liệu mẫu và chỉ giữ").check().run()
    app.button(key="replace_sample").click().run()
    assert not app.exception, app.exception
    stored = store.read_reports(engine)
    assert set(stored["as_of"]) == {pd.Timestamp("2023-05-25")} and len(stored) == 579


def test_a_committed_mapping_is_stored_and_offered_for_the_same_headers(
    store_url, monkeypatch, tmp_path
):
    engine = store.connect(store_url)
    report = files.write_unfamiliar_report(engine, tmp_path / "bc 30-05.csv")
    key = reports.guess_columns([report]).header_key
    upload(monkeypatch, [report])
    app = import_page({"editor": "lan"})
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    commit.click().run()
    assert store.column_mapping(engine, key) == {
        "as_of": "Cập nhật đến",
        "commune_code": "Mã đơn vị",
        "commune_name": "Đơn vị hành chính",
        "target": "Số dân phải cấp",
        "delivered": "SL thẻ trả dân",
        "activated": "Số TK định danh mức 2",
    }

    # An editor once took the activations column for the cards: offered again, and previewed.
    mapping = {**store.column_mapping(engine, key), "delivered": "Số TK định danh mức 2"}
    store.save_column_mapping(engine, key, mapping, "lan")
    app = import_page({"editor": "lan"})
    assert selectbox(app, "Số thẻ đã trả").value == "Số TK định danh mức 2"
    assert any("lần nhập trước" in info.value for info in app.info)
    assert metric(app, "Dòng có lỗi") == "579"


@pytest.mark.parametrize(
    "name, written",
    [
        ("bao cao 30-05.csv", "bao cao 30-05.csv"),
        ("Quận Ba Đình.xlsx", "Quận Ba Đình.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\lan\\bc.csv", "bc.csv"),
        ("*bold* :x: $y$.csv", "*bold* :x: $y$.csv"),
        ("..", "upload-1"),
    ],
)
def test_an_upload_is_written_in_the_folder_under_its_own_name(name, written):
    with import_mapping.saved([Upload(name, b"1")]) as files:
        (path,) = files.paths
        assert path.name == written and files.names == [name]
        assert path.resolve().parent.parent == path.parent.parent.resolve()


@pytest.mark.parametrize("fails", [False, True])
def test_the_uploads_folder_is_removed_however_the_block_ends(fails):
    uploads = [Upload("a.csv", b"1"), Upload("a.csv", b"2"), Upload("../b.csv", b"3")]
    with pytest.raises(RuntimeError) if fails else contextlib.nullcontext():
        with import_mapping.saved(uploads) as written:
            folder = written.paths[0].parent.parent
            assert [p.read_bytes() for p in written.paths] == [b"1", b"2", b"3"]
            assert written.names == ["a.csv", "a.csv", "../b.csv"]
            assert [p.name for p in written.paths] == ["a.csv", "a.csv", "b.csv"]
            if fails:
                raise RuntimeError("the page stopped")
    assert not folder.exists()


def test_two_candidate_columns_are_named_and_the_editors_choice_settles_them(
    store_url, monkeypatch, tmp_path
):
    engine = store.connect(store_url)
    frame = files.may_30_figures(engine)[list(HEADERS)].rename(columns=HEADERS)
    frame["Thẻ đã trả dân"] = frame["Số thẻ đã trả"]
    frame.to_csv(tmp_path / "bc.csv", index=False)
    upload(monkeypatch, [tmp_path / "bc.csv"])
    app = import_page({"editor": "lan"})
    (warning,) = [w.value for w in app.warning]
    assert "“Số thẻ đã trả”" in warning and "“Thẻ đã trả dân”" in warning
    assert selectbox(app, "Số thẻ đã trả").value == "—"
    assert not app.metric and app.error  # nothing to preview until the editor chooses
    selectbox(app, "Số thẻ đã trả").select("Thẻ đã trả dân").run()
    assert not app.exception, app.exception
    assert metric(app, "Dòng hợp lệ") == "579"


def test_a_report_without_a_date_asks_for_one(store_url, monkeypatch, tmp_path):
    engine = store.connect(store_url)
    frame = files.may_30_figures(engine)[list(HEADERS)].rename(columns=HEADERS)
    frame.drop(columns=["Ngày báo cáo"]).to_csv(tmp_path / "bc.csv", index=False)
    upload(monkeypatch, [tmp_path / "bc.csv"])
    app = import_page({"editor": "lan"})
    assert app.date_input[0].value is None and app.warning and not app.metric
    app.date_input[0].set_value(date(2023, 5, 30)).run()
    assert not app.exception, app.exception
    assert metric(app, "Dòng hợp lệ") == "579"
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    commit.click().run()
    assert len(files.rows_of(engine)) == 579


def test_a_date_entered_for_one_file_is_not_taken_for_the_next(store_url, monkeypatch, tmp_path):
    engine = store.connect(store_url)
    frame = files.may_30_figures(engine)[list(HEADERS)].rename(columns=HEADERS)
    frame = frame.drop(columns=["Ngày báo cáo"])
    frame.to_csv(tmp_path / "a.csv", index=False)
    frame.assign(**{"Số thẻ đã trả": frame["Số thẻ đã trả"] + 1}).to_csv(
        tmp_path / "b.csv", index=False
    )
    upload(monkeypatch, [tmp_path / "a.csv"])
    app = import_page({"editor": "lan"})
    app.date_input[0].set_value(date(2023, 5, 30)).run()
    assert metric(app, "Dòng hợp lệ") == "579"
    upload(monkeypatch, [tmp_path / "b.csv"])
    app.run()
    assert app.date_input[0].value is None and not app.metric


def test_a_column_set_to_none_that_the_reader_still_reads_is_said(store_url, monkeypatch, tmp_path):
    engine = store.connect(store_url)
    upload(monkeypatch, [files.write_unfamiliar_report(engine, tmp_path / "bc 30-05.csv")])
    app = import_page({"editor": "lan"})
    selectbox(app, "Tên xã/phường").select("—").run()
    assert not app.exception, app.exception
    assert any("“Đơn vị hành chính”" in warning.value for warning in app.warning)
    assert metric(app, "Dòng hợp lệ") == "579"


def test_after_an_undo_the_file_on_the_page_is_previewed_again(store_url, monkeypatch, tmp_path):
    """Issue 17: after committing and undoing, the page said "loading it changes nothing"."""
    engine = store.connect(store_url)
    upload(monkeypatch, [write_may_30_report(engine, tmp_path / "bc.csv")])
    app = import_page({"editor": "lan"})
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    commit.click().run()
    assert len(files.rows_of(engine)) == 579
    checkbox(app, "Tôi muốn hoàn tác").check().run()
    app.button(key="undo").click().run()
    assert not app.exception, app.exception
    assert len(files.rows_of(engine)) == 0
    assert metric(app, "Dòng thay đổi so với kho") == "579"
    assert any("Đã hoàn tác" in s.value for s in app.success), [s.value for s in app.success]
    assert not app.checkbox(key="confirm_undo").value


def test_the_rows_read_add_up_on_the_page(store_url, monkeypatch, tmp_path):
    """Issue 17: every row read is accepted, listed with a problem or set aside, and the page
    says so (580 rows: a commune twice with the same figures, one listed)."""
    engine = store.connect(store_url)
    report = write_may_30_report(engine, tmp_path / "bc.csv")
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    report.write_text("\n".join([*lines, lines[1]]), encoding="utf-8-sig")
    upload(monkeypatch, [report])
    app = import_page({"editor": "lan"})
    said = [c.value.replace("\\", "") for c in app.caption if "580" in c.value]
    assert said and "579" in said[0] and "1" in said[0], [c.value for c in app.caption]


def test_a_file_is_read_once_whatever_the_editor_clicks_until_it_or_the_store_changes(
    store_url, monkeypatch, tmp_path
):
    """Every widget change reruns the page; each read is a child process over the whole file.
    The sheets, the guess and the preview are read again only when what they depend on changes:
    the file, the columns chosen, the correction box, or the store (an import or undo)."""
    from loaders import uploads

    reads: list[str] = []
    for name in ("sheet_names", "guess_columns", "preview_report"):
        real = getattr(uploads, name)
        monkeypatch.setattr(
            uploads,
            name,
            lambda *a, _real=real, _name=name, **k: reads.append(_name) or _real(*a, **k),
        )
    engine = store.connect(store_url)
    upload(monkeypatch, [write_may_30_report(engine, tmp_path / "bc.csv")])
    app = import_page({"editor": "lan"})
    first = list(reads)
    assert first.count("preview_report") >= 1 and first.count("guess_columns") == 1
    app.run()
    checkbox(app, "Tôi muốn hoàn tác").check().run()  # a widget that changes no reading
    assert reads == first, reads
    app.checkbox(key="correction").check().run()
    assert reads[len(first) :] == ["preview_report"]
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    before = len(reads)
    commit.click().run()
    app.run()
    assert "preview_report" in reads[before:]  # the store changed: the preview is read again
    assert not app.exception, app.exception
