"""The layers of the package (pyproject [tool.importlinter], docs/DESIGN.md "Folders") hold: only the UI
imports streamlit, importing/the store/the queries never reach the UI, charts or maps, nothing imports
upward. scripts/test.sh runs `lint-imports` too; this test makes plain `pytest` catch a broken layer."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT


def lint_imports(root, *extra: str) -> subprocess.CompletedProcess:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    return subprocess.run(
        [sys.executable, "-c", code, *extra], capture_output=True, text=True, cwd=root, timeout=120
    )


def test_the_import_contracts_are_kept():
    out = lint_imports(ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_the_contracts_catch_an_upward_import(tmp_path):
    # A copy of the package with one store module importing the charts and one helper importing
    # streamlit: all three contracts must break, so the contracts above are not vacuous.
    shutil.copytree(
        ROOT / "netralitas", tmp_path / "netralitas", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "netralitas" / "store.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom .present import charts  # noqa\n")
    with (tmp_path / "netralitas" / "text.py").open("a", encoding="utf-8") as f:
        f.write("\nimport streamlit  # noqa\n")
    out = lint_imports(tmp_path)
    assert out.returncode != 0
    assert "3 broken" in out.stdout, out.stdout[-3000:]
    assert "netralitas.store -> netralitas.present.charts" in out.stdout
    assert "netralitas.text -> streamlit" in out.stdout
