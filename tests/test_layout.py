"""The house rules of the layout (docs/architecture.md), checked on the source so that a change
that breaks one fails here rather than in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

UI_LIBRARIES = {"streamlit", "plotly", "pydeck", "kaleido"}
MAX_PAGE_LINES = 90


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", modules("loaders"), ids=lambda p: str(p.relative_to(ROOT)))
def test_loaders_import_no_ui_library_and_not_the_views(path):
    assert not imported(path) & UI_LIBRARIES, "loaders/ is the way to the store only"
    if path != ROOT / "loaders" / "__main__.py":
        assert "views" not in imported(path)


def test_the_command_line_reaches_views_only_for_the_briefing_pack():
    # The one exception (docs/architecture.md): `python -m loaders brief` draws the pack, so its
    # command imports views/ inside its own function, and nowhere else.
    tree = ast.parse((ROOT / "loaders" / "__main__.py").read_text(encoding="utf-8"))
    brief = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "_brief")
    inside = {id(node) for node in ast.walk(brief)}
    reaching = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("views")]
    assert reaching and all(id(node) in inside for node in reaching)


def test_loaders_top_holds_at_most_a_dozen_modules():
    assert len(list((ROOT / "loaders").glob("*.py"))) <= 12


@pytest.mark.parametrize("path", modules("views"), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_read_data_only_through_the_store(path):
    source = path.read_text(encoding="utf-8")
    assert "parquet" not in source.lower() and "duckdb" not in imported(path)


@pytest.mark.parametrize("path", modules("app_pages"), ids=lambda p: p.name)
def test_pages_are_thin(path):
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code) <= MAX_PAGE_LINES, f"{path.name}: {len(code)} lines of code; move drawing into views/"
