"""The installed `netralitas` command (pyproject [project.scripts], installed by scripts/_env.sh with
`pip install -e .`) works from any folder: a scheduled job need not `cd` into the checkout first.

The test installs the project into a virtualenv of its own (the shared .venv is left as it is): it builds
the editable wheel with setuptools' PEP 660 hook, exactly what `pip install -e .` builds, installs it
with pip, lets that virtualenv see the installed dependencies, and runs the command from an empty
folder elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh virtualenv holding only this project, installed in editable mode."""
    tmp = tmp_path_factory.mktemp("console")
    venv, wheels = tmp / "venv", tmp / "wheels"
    wheels.mkdir()
    r = run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    assert r.returncode == 0, r.stderr
    build = f"from setuptools import build_meta as b; print(b.build_editable({str(wheels)!r}))"
    r = run([sys.executable, "-c", build], ROOT)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    wheel = wheels / r.stdout.strip().splitlines()[-1]
    python = venv / "bin" / "python"
    # pip of the running interpreter, installing into the new virtualenv only (--python)
    r = run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], tmp
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    # the dependencies: the running environment's site-packages, seen through a .pth file
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
        ).stdout.strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv / "bin"


def test_the_command_works_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = run([str(installed / "netralitas"), "--help"], elsewhere, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: netralitas") and "summary" in r.stdout and "import" in r.stdout
    # the package's data (schema, queries/, data/reference) is found from the package, not the cwd
    sample = elsewhere / "kasus.csv"
    sample.write_text(
        "Nomor,Provinsi,Tanggal Laporan,Status\nC-1,Bali,2024-01-10,Rekomendasi\nC-2,Aceh,2024-01-11,Diproses\n",
        encoding="utf-8",
    )
    db = elsewhere / "jadwal.duckdb"
    r = run(
        [str(installed / "netralitas"), "import", "kasus.csv", "--db", str(db), "--json"], elsewhere, env=env
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rows_loaded"] == 2
    r = run(
        [str(installed / "netralitas"), "summary", "--db", str(db), "--by", "province", "--json"],
        elsewhere,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert (summary["cases"], summary["recommendations"]) == (2, 1)
    assert {g["key"]: g["label"] for g in summary["groups"]} == {"51": "Bali", "11": "Aceh"}


def test_python_m_netralitas_works_from_another_folder(installed, tmp_path):
    r = run([str(installed / "python"), "-m", "netralitas", "--help"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "summary" in r.stdout
    where = run([str(installed / "python"), "-c", "import netralitas; print(netralitas.__file__)"], tmp_path)
    assert Path(where.stdout.strip()) == ROOT / "netralitas" / "__init__.py"
