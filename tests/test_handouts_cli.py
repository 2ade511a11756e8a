"""python -m loaders.handouts: writes the deck or the map of a date; a date with no report, or
an empty store, is refused with exit 2 and a message that says how to fix it."""

import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from loaders import handouts

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_map_command_writes_the_file(store_url, tmp_path, capsys):
    out = tmp_path / "map.html"
    assert handouts.main(["map", "--date", "2023-05-25", "--lang", "fr", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "Données au 25/05/2023" in page
    assert f"{out}: " in capsys.readouterr().out


def test_slides_command_runs_as_a_module(store_url, tmp_path):
    out = tmp_path / "deck.pptx"
    command = [sys.executable, "-m", "loaders.handouts", "slides", "--lang", "en", "-o", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    # Without --date: the latest report (the sample's 29/05/2023).
    words = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Data up to 29/05/2023" in words


@pytest.mark.parametrize(
    "date, words",
    [
        ("2023-05-01", ["01/05/2023", "from 15/05/2023 to 29/05/2023", "--date"]),
        ("2023-07-01", ["01/07/2023", "from 15/05/2023 to 29/05/2023"]),
    ],
)
def test_a_date_without_reports_is_refused(store_url, tmp_path, capsys, date, words):
    out = tmp_path / "map.html"
    assert handouts.main(["map", "--date", date, "-o", str(out)]) == 2
    message = capsys.readouterr().err
    assert all(word in message for word in words), message
    assert not out.exists()


def test_an_unwritable_path_is_refused(store_url, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "map.html"
    assert handouts.main(["map", "-o", str(out)]) == 2
    assert "Choose another path" in capsys.readouterr().err
