"""README's set-up: two commands (venv + install, run), the test command right after, what the
tests need from Debian (and .ci/run installs it), and a current screenshot that exists."""

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_two_commands_then_the_test_command():
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    commands = block.group(1).strip().splitlines()
    assert commands == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt",
        "streamlit run app.py",
    ]
    after = README[block.end() :].lstrip()
    assert after.startswith("Tests: `python -m pytest`")
    assert "Python 3.11 or newer" in README


def test_the_debian_packages_the_tests_need_are_named_and_installed_in_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("chromium", "poppler-utils"):
        assert f"apt-get install {package}" in README
        assert f"missing+=({package})" in ci


def test_the_screenshot_exists_at_1920_by_1080():
    name = re.search(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", README).group(1)
    header = (ROOT / name).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1920, 1080)
