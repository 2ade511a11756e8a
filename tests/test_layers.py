"""Imports point one way: pages → loaders → cccd; only pages touch streamlit."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "cccd": {"streamlit", "streamlit_folium", "loaders", "pages", "sqlalchemy"},
    "loaders": {"streamlit", "streamlit_folium", "pages"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path",
    sorted(p for package in FORBIDDEN for p in (ROOT / package).glob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_lower_layers_do_not_import_upper_ones(path):
    package = path.relative_to(ROOT).parts[0]
    assert not imported_packages(path) & FORBIDDEN[package]
