"""Configuration: where the database and the reference data live, and the limits the app enforces.

Every setting is read from the environment (NETRALITAS_*) first, then from .streamlit/secrets.toml
([netralitas] table), then falls back to its default. SETTINGS documents each one; a test fails when
a setting is read that is not documented there.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
GEO_DIR = DATA_DIR / "geo"
QUERIES_DIR = ROOT / "queries"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", str(DATA_DIR / "netralitas.duckdb"), "Path of the DuckDB database file."),
        Setting("upload_limit_mb", "200", "Largest file the upload page and the importer accept, in MB."),
        Setting("max_rows", "2000000", "Most data rows one file may hold."),
        # Hostile files (issue 18): checked before a workbook is read (netralitas/ingest/limits.py)
        Setting("max_unzipped_mb", "250", "Most bytes a workbook may inflate to when opened, in MB."),
        Setting(
            "max_zip_ratio",
            "100",
            "Largest compression ratio of a workbook part over 1 MB (zip bombs exceed it).",
        ),
        Setting(
            "max_cells",
            "4200000",
            "Most cells (rows x columns of the used range) of one sheet; the reader holds them all in memory.",
        ),
        Setting("max_cell_kib", "128", "Longest cell of any file, in KiB of text."),
        Setting(
            "import_memory_mb",
            "250",
            "Memory each of an import's two DuckDB databases (staging, the store) may use, in MB; the case "
            "rebuild after the merge, when staging has closed, gets both shares. Beyond it DuckDB spills to disk.",
        ),
        Setting(
            "overdue_days", "14", "Days after a recommendation with no follow-up before it counts as overdue."
        ),
        Setting("lock_wait_seconds", "15", "How long to wait for a database held by another process."),
        Setting("query_timeout_seconds", "20", "Longest a dashboard query may run before it is interrupted."),
        Setting("session_timeout_minutes", "60", "Idle minutes before a signed-in session ends."),
        Setting(
            "boundary_province", "", "GeoJSON file that replaces the built province layer (keyed by code)."
        ),
        Setting(
            "boundary_regency", "", "GeoJSON file that replaces the built regency layer (keyed by code)."
        ),
        Setting(
            "load_sample", "1", "Load synthetic sample data into an empty database on first start (1/0)."
        ),
        Setting("sample_rows", "5000", "Rows of sample data loaded on first start."),
    )
}


@lru_cache(maxsize=1)
def _secrets() -> dict:
    path = ROOT / ".streamlit" / "secrets.toml"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return dict(tomllib.load(f).get("netralitas", {}))


def setting(name: str) -> str:
    """The value of a documented setting: environment, then secrets.toml, then the default."""
    spec = SETTINGS[name]  # KeyError on purpose: undocumented settings are a bug
    env = os.environ.get(f"NETRALITAS_{name.upper()}")
    if env is not None and env != "":
        return env
    return str(_secrets().get(name, spec.default))


def setting_int(name: str) -> int:
    return int(setting(name))


def db_path(override: str | os.PathLike | None = None) -> Path:
    """The database file: --db argument, else NETRALITAS_DB, else secrets, else data/netralitas.duckdb."""
    return Path(override) if override else Path(setting("db"))
