"""Forecast against outcome (issue #17): Bawaslu's vulnerability index (IKP) per province or regency, uploaded
per election and validated row by row with the headcounts' machinery (netralitas/headcount.py), then set
beside the cases observed: a rank correlation (Spearman) and the regions where forecast and outcome part
most (high IKP with few reports: possible under-reporting or under-supervision; low IKP with many).

Until an analyst uploads an index for an election, the ten provinces Bawaslu published with scores for
Pemilu 2024 (data/reference/ikp_published.csv, from FACTS.md, with its sources) stand in, labelled as
published data. Regions without a score are left out, never counted as zero vulnerability."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np
import pandas as pd

from . import audit, queries
from .config import REFERENCE_DIR
from .errors import FileRefused, NetralitasError
from .headcount import LEVEL_NAMES, PROVINCE_HEADERS, validate_rows
from .i18n import t
from .ingest.read import RowProblem, read_bytes
from .reference import province_label, regency_label
from .store import Store
from .text import text_key

LEVELS = ("province", "regency")
REGENCY_HEADERS = {
    "kabupaten kota",
    "kab kota",
    "kabupaten",
    "kota",
    "kab",
    "regency",
    "regency city",
    "nama kabupaten kota",
    "kode kabupaten kota",
    "kode kab kota",
}
SCORE_HEADERS = ("skor ikp", "nilai ikp", "ikp", "indeks", "indeks kerawanan", "skor", "nilai", "score")
OUTLIER_GAP = 0.5  # percentile-rank gap between forecast and outcome that earns a label on the scatter
_SCORE = re.compile(r"\d{1,3}(?:[.,]\d+)?")


@dataclass
class IkpReport:
    election: str
    level: str
    rows_read: int
    rows_loaded: int
    errors: list[RowProblem] = field(default_factory=list)
    name_column: str = ""
    score_column: str = ""
    replaced: int = 0
    dry_run: bool = False

    @property
    def rows_rejected(self) -> int:
        return len({e.row for e in self.errors})


def parse_score(value: object) -> float | None:
    """A score as files write it: 55.87, 55,87, 100, 9.4. None for anything else (-3, 1.234,5, 'tinggi')."""
    text = re.sub(r"\s", "", str(value if value is not None else ""))
    if not _SCORE.fullmatch(text):
        return None
    return float(text.replace(",", "."))


def _check_score(value: object) -> tuple[float | None, str, str]:
    score = parse_score(value)
    if score is None or not 0 <= score <= 100:
        return None, t("ikp_bad_score", "id", value=value), t("ikp_bad_score", "en", value=value)
    return score, "", ""


def detect_columns(headers: list[str], level: str | None = None) -> tuple[str, int, int]:
    """(level, name column, score column). Without a level, a regency column makes a regency file."""
    keys = [text_key(h) for h in headers]
    found = {
        "regency": next((i for i, k in enumerate(keys) if k in REGENCY_HEADERS), None),
        "province": next((i for i, k in enumerate(keys) if k in PROVINCE_HEADERS), None),
    }
    score = next((keys.index(c) for c in SCORE_HEADERS if c in keys), None)
    chosen = level or ("regency" if found["regency"] is not None else "province")
    name = found[chosen]
    if name is None or score is None:
        shown = ", ".join(headers[:12])
        raise FileRefused.of("ikp_columns", headers=shown)
    return chosen, name, score


def import_ikp(
    store: Store,
    data: bytes,
    election: str,
    user: str,
    dry_run: bool = False,
    level: str | None = None,
    sheet: str | None = None,
) -> IkpReport:
    """Check an IKP file and, unless dry_run, replace the election's stored scores of its level with the
    rows that pass; every other row comes back with its row number, column, value and reason."""
    if election not in set(queries.run(store, "elections")["election"]):
        raise NetralitasError.of("alerts_unknown_election", election=election)
    raw = read_bytes(data, sheet)
    level, name_col, score_col = detect_columns(raw.headers, level)
    good, errors = validate_rows(raw, level, name_col, score_col, _check_score)
    before = stored_scores(store, election, level)
    report = IkpReport(
        election,
        level,
        raw.rows,
        len(good),
        sorted(errors, key=lambda e: e.row),
        raw.headers[name_col],
        raw.headers[score_col],
        len(before),
        dry_run,
    )
    if dry_run or not good:
        return report
    now = datetime.now()
    with store.transaction() as con:
        con.execute(
            "DELETE FROM ikp WHERE election = $election AND level = $level",
            {"election": election, "level": level},
        )
        con.executemany(
            "INSERT INTO ikp VALUES ($election, $level, $code, $score, $at, $user)",
            [
                {"election": election, "level": level, "code": c, "score": s, "at": now, "user": user}
                for c, s in good.items()
            ],
        )
        audit.record(
            con,
            user,
            "setting",
            f"IKP {election} untuk {len(good)} {LEVEL_NAMES[level][0]} diunggah "
            f"({report.rows_rejected} baris ditolak, {report.replaced} baris lama diganti)",
            at=now,
        )
    return report


def stored_scores(store: Store, election: str, level: str) -> pd.DataFrame:
    return queries.run(store, "ikp", params={"ikp_election": election, "ikp_level": level})


@lru_cache(maxsize=1)
def published() -> pd.DataFrame:
    """The committed published scores (data/reference/ikp_published.csv), with their source."""
    return pd.read_csv(REFERENCE_DIR / "ikp_published.csv", dtype={"code": str})


def scores_for(uploaded: pd.DataFrame, election: str, level: str) -> tuple[pd.DataFrame, str | None, str]:
    """(key/score frame, origin 'uploaded' | 'published' | None, source text): an upload wins; else the
    published scores of that election, if the reference file has any."""
    if not uploaded.empty:
        return uploaded[["key", "score"]], "uploaded", ""
    part = published()
    part = part[(part["election"] == election) & (part["level"] == level)]
    if part.empty:
        return pd.DataFrame(columns=["key", "score"]), None, ""
    return part.rename(columns={"code": "key"})[["key", "score"]], "published", str(part["source"].iloc[0])


def _percentile_ranks(values: pd.Series) -> pd.Series:
    """0 for the lowest, 1 for the highest, ties sharing their average rank."""
    if len(values) < 2:
        return pd.Series([0.5] * len(values), index=values.index)
    return (values.rank(method="average") - 1) / (len(values) - 1)


def spearman(x: pd.Series, y: pd.Series) -> float | None:
    """Spearman's rank correlation (Pearson on average ranks, so ties are handled); None below 3 regions or
    when one side has no spread."""
    if len(x) < 3:
        return None
    rx, ry = x.rank(method="average").to_numpy(), y.rank(method="average").to_numpy()
    if np.std(rx) == 0 or np.std(ry) == 0:
        return None
    return float(np.corrcoef(rx, ry)[0, 1])


def compare(scores: pd.DataFrame, cases: dict[str, int], level: str, lang: str = "id") -> pd.DataFrame:
    """One row per scored region: label, score, cases (0 where the data holds none), the percentile ranks
    and the outlier kind ('under': forecast high, few reports; 'over': forecast low, many reports)."""
    if scores.empty:
        return pd.DataFrame(columns=["key", "label", "score", "cases", "gap", "outlier"])
    label = province_label if level == "province" else regency_label
    out = scores.copy()
    out["label"] = [label(k, lang) for k in out["key"]]
    out["cases"] = [int(cases.get(k, 0)) for k in out["key"]]
    out["gap"] = _percentile_ranks(out["score"]) - _percentile_ranks(out["cases"].astype(float))
    out["outlier"] = [
        "under" if g >= OUTLIER_GAP else "over" if g <= -OUTLIER_GAP else "" for g in out["gap"]
    ]
    return out.sort_values("score", ascending=False).reset_index(drop=True)


def cases_by_region(counts: pd.DataFrame, level: str) -> dict[str, int]:
    """Cases per province or regency from queries/alerts_counts.sql rows."""
    from .alerts import _by_region

    return _by_region(counts, level)
