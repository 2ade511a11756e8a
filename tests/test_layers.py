"""Imports point one way: app.py → pages → ui → loaders → cccd, as a checked contract.

The contracts live in pyproject.toml ([tool.importlinter]) and are checked by import-linter's
own command, so an import that points up the stack, a page that imports another page, Streamlit
or a database in the core, or an import circle inside a layer fails the tests (and CI).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_import_contracts_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_that_points_up_the_stack_breaks_the_contract(tmp_path):
    """The contract is not vacuous: a copy of the tree with cccd importing a page module, and
    loaders.errors importing the catalogue both ways again, fails."""
    for name in ("pages", "ui", "loaders", "cccd", "pyproject.toml"):
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            subprocess.run(["cp", "-r", str(source), str(target)], check=True)
        else:
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cccd" / "upward.py").write_text("from ui import cached\n", encoding="utf-8")
    catalogue = tmp_path / "loaders" / "catalogue.py"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8") + "\nfrom loaders.errors import DataFileError\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "cccd.upward -> ui.cached" in result.stdout
    assert ".catalogue" in result.stdout and ".errors" in result.stdout


def declared_pages() -> set[str]:
    """The page files app.py gives st.navigation (`pages / "map.py"`)."""
    return set(re.findall(r'pages / "(\w+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8")))


def test_pages_holds_exactly_the_pages_app_declares():
    assert len(declared_pages()) == 8
    assert {path.name for path in (ROOT / "pages").iterdir() if path.suffix == ".py"} == (
        declared_pages()
    )


def test_nothing_imports_the_entry_point():
    """app.py is the top: no module of the app imports it (Streamlit runs it)."""
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("loaders/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(alias.name != "app" for alias in node.names), path
            elif isinstance(node, ast.ImportFrom):
                assert node.module != "app", path
