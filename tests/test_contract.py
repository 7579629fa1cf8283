"""The shared command-line contract (../shared/contract/check_cli.py), run as scheduled jobs would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

CHECK = ROOT.parent / "shared" / "contract" / "check_cli.py"


@pytest.mark.skipif(not CHECK.exists(), reason="shared/ is not beside this checkout")
def test_shared_cli_contract():
    out = subprocess.run([sys.executable, str(CHECK)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "all checks pass" in out.stdout
