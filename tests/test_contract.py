"""The shared command-line contract (../shared/contract/check_cli.py), run as scheduled jobs would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _contract() -> Path | None:
    """shared/contract/check_cli.py beside the checkout (CI lays shared/ beside its clone) or beside a
    folder above it (a worktree under wt/ next to shared/)."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "contract" / "check_cli.py"
        if candidate.exists():
            return candidate
    return None


CHECK = _contract()


@pytest.mark.skipif(CHECK is None, reason="no shared/contract/check_cli.py beside this checkout")
def test_shared_cli_contract():
    out = subprocess.run([sys.executable, str(CHECK)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "all checks pass" in out.stdout
