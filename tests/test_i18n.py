"""The catalogues (locales/*/LC_MESSAGES/messages.po) and the per-language formats."""

import re
import string
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from cccd.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from cccd.messages import message
from loaders import catalogue
from loaders.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
    *sorted((ROOT / "cccd").glob("*.py")),
    *sorted((ROOT / "loaders").glob("*.py")),
]
REFERENCE = catalogue.messages(DEFAULT_LANGUAGE)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def code_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in CODE)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_key_is_translated_in_every_language(language):
    messages = catalogue.messages(language)
    assert set(messages) == set(REFERENCE), "keys missing or extra in " + language
    assert all(text.strip() for text in messages.values())


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != DEFAULT_LANGUAGE])
def test_translations_keep_the_placeholders(language):
    messages = catalogue.messages(language)
    differ = {
        key: (placeholders(REFERENCE[key]), placeholders(messages[key]))
        for key in REFERENCE
        if placeholders(REFERENCE[key]) != placeholders(messages.get(key, ""))
    }
    assert not differ


def test_every_key_is_used_in_the_code():
    text = code_text()
    unused = [key for key in REFERENCE if f'"{key}"' not in text and f"'{key}'" not in text]
    assert not unused


def test_every_key_the_code_names_is_in_the_catalogue():
    prefixes = {key.split(".")[0] for key in REFERENCE}
    text = re.sub(r"ForeignKey\([^)]*\)", "", code_text())  # table.column, not a message key
    named = set(re.findall(r"""["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", text))
    keys = {name for name in named if name.split(".")[0] in prefixes and not name.endswith(".py")}
    missing = keys - set(REFERENCE)
    assert not missing


# Babel (CLDR) puts a narrow no-break space (U+202F) between thousands in French and a
# no-break space (U+00A0) before its percent sign; vi keeps the app's "95,4 %" (plain space).
@pytest.mark.parametrize(
    "language, number, one_decimal, percent, whole_percent",
    [
        ("vi", "1.235", "1.234,5", "95,4 %", "-12 %"),
        ("en", "1,235", "1,234.5", "95.4%", "-12%"),
        ("fr", "1\u202f235", "1\u202f234,5", "95,4\xa0%", "-12\xa0%"),
    ],
)
def test_numbers_follow_the_language(language, number, one_decimal, percent, whole_percent):
    t = Translator(language, {})
    assert t.number(1234.6) == number
    assert t.number(1234.5, 1) == one_decimal
    assert t.percent(0.954) == percent
    assert t.percent(-0.12, 0) == whole_percent


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(
    "day", [date(2023, 6, 30), pd.Timestamp("2023-06-30"), datetime(2023, 6, 30, 8, 5)]
)
def test_dates_are_day_month_year_in_every_language(language, day):
    assert Translator(language, {}).day(day) == "30/06/2023"


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf"), pd.NaT])
def test_a_missing_value_is_a_dash(missing):
    t = Translator("en", {})
    assert t.number(missing) == t.percent(missing) == "–"
    if missing is None or missing is pd.NaT:
        assert t.day(missing) == t.moment(missing) == "–"


def test_moment_gives_date_and_time():
    assert Translator("fr", {}).moment(datetime(2023, 5, 29, 17, 4)) == "29/05/2023 17:04"


def test_placeholders_are_filled():
    t = catalogue.translator("en", strict=True)
    assert t("search.results", count=3) == "Results (3)"


def test_strict_translator_raises_on_a_missing_key_or_placeholder():
    t = Translator("en", {"greeting": "Hello {name}"})
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(KeyError):
        t("greeting")


def test_lenient_translator_shows_the_key_instead():
    t = Translator("en", {"greeting": "Hello {name}"}, strict=False)
    assert t("no.such.key") == "no.such.key"
    assert t("greeting") == "Hello {name}"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        Translator("de", {})
    with pytest.raises(catalogue.CatalogueError, match="'de'; use one of"):
        catalogue.messages("de")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_key_lives_in_one_catalogue_file(language):
    seen: dict[str, str] = {}
    for path in catalogue.po_paths(language):
        with path.open("rb") as file:
            for entry in read_po(file, locale=language):
                if entry.id:
                    assert entry.id not in seen, f"{entry.id} in {path.name} and {seen[entry.id]}"
                    seen[entry.id] = path.name
    assert catalogue.po_paths(language)[0].name == "messages.po"


@pytest.mark.parametrize(
    "language, expected",
    [
        ("vi", "1.234 > 1.200,5 (29/05/2023): bad"),
        ("en", "1,234 > 1,200.5 (29/05/2023): bad"),
        ("fr", "1\u202f234 > 1\u202f200,5 (29/05/2023): bad"),
    ],
)
def test_render_formats_values_the_languages_way(language, expected):
    t = Translator(language, {"x": "{a} > {b} ({day}): {why}", "y": "bad"})
    rendered = t.render(message("x", a=1234, b=1200.5, day=date(2023, 5, 29), why=message("y")))
    assert rendered == expected
    assert t.render("text from a file") == "text from a file"


def test_a_loader_error_is_english_text_and_a_message_to_translate():
    error = DataFileError("error.reports_empty")
    assert str(error) == catalogue.messages("en")["error.reports_empty"]
    vi = catalogue.translator("vi", strict=True).render(error.message)
    assert vi == catalogue.messages("vi")["error.reports_empty"] != str(error)


@pytest.mark.parametrize(
    "language, expected",
    [("vi", "824 / 10.599"), ("en", "824 / 10,599"), ("fr", "824 / 10\u202f599")],
)
def test_a_count_out_of_a_total_is_formatted(language, expected):
    assert Translator(language, {}).fraction(824, 10599) == expected
