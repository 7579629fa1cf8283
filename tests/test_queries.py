"""The dashboard's SQL files against plain reference SQL: the faster forms (ENUM stage comparisons,
medians from frequency tables, a separate count for the explorer) must give exactly the same answers."""

from __future__ import annotations

import csv

import pytest
from builders import load_sample_rows

from netralitas import config, queries
from netralitas.filters import Filters
from netralitas.store import Store

FILTERS = [
    Filters(),
    Filters(election=("pilkada-2020",)),
    Filters(province=("32",), status=("rekomendasi", "ditindaklanjuti")),
    Filters(province=("99",)),  # nothing matches: counts are 0, medians empty
]

REFERENCE_TOTALS = """
SELECT count(*) AS cases,
       count(*) FILTER (WHERE status IN ('diproses', 'bukan-pelanggaran', 'pelanggaran', 'rekomendasi',
                                         'ditindaklanjuti')) AS processed,
       count(*) FILTER (WHERE status IN ('pelanggaran', 'rekomendasi', 'ditindaklanjuti')) AS violations,
       count(*) FILTER (WHERE status IN ('rekomendasi', 'ditindaklanjuti')) AS recommendations,
       count(*) FILTER (WHERE status = 'ditindaklanjuti') AS followed_up,
       count(*) FILTER (WHERE record_blocked) AS records_blocked,
       median(recommendation_date - report_date) FILTER (WHERE recommendation_date >= report_date) AS days_to_recommendation,
       median(follow_up_date - recommendation_date) FILTER (WHERE follow_up_date >= recommendation_date) AS days_to_follow_up,
       max(case_date) AS latest_case_date
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
"""

REFERENCE_TREND = """
SELECT date_trunc('month', case_date)::DATE AS month, count(*) AS cases,
       count(*) FILTER (WHERE status IN ('pelanggaran', 'rekomendasi', 'ditindaklanjuti')) AS violations
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY 1 ORDER BY 1
"""


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Store:
    db = tmp_path_factory.mktemp("queries") / "q.duckdb"
    load_sample_rows(db, rows=4000)
    return Store(db)


def reference(store: Store, text: str, f: Filters):
    with store.connect() as con:
        bound = {k: v for k, v in f.params().items() if f"${k}" in text}
        return con.execute(text, bound).df()


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_totals_equal_the_plain_sql(sample_store, f):
    fast = queries.run(sample_store, "totals", f)
    plain = reference(sample_store, REFERENCE_TOTALS, f)
    # as text: NaN and NaT (no waits, no rows) compare equal that way, and every figure must match exactly
    assert fast.astype(str).to_dict("records") == plain.astype(str).to_dict("records")
    assert all(str(fast[c].dtype) == "int64" for c in ("cases", "violations", "followed_up"))


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_trend_equals_the_plain_sql(sample_store, f):
    fast = queries.run(sample_store, "trend", f)
    plain = reference(sample_store, REFERENCE_TREND, f)
    assert fast.astype(str).to_dict("records") == plain.astype(str).to_dict("records")


@pytest.mark.parametrize("search", ["", "pemerintah", "zzz-none"])
def test_the_case_explorer_counts_every_match_past_the_limit(sample_store, search):
    rows = queries.run(sample_store, "cases", Filters(), {"search": search, "limit": 50, "personal": False})
    with sample_store.connect() as con:
        expected = con.execute(
            "SELECT count(*) FROM cases WHERE $q = '' OR contains(lower(case_id), $q) "
            "OR contains(lower(coalesce(agency, '')), $q)",
            {"q": search},
        ).fetchone()[0]
    assert len(rows) == min(50, expected)
    if expected:
        assert int(rows["total_rows"].iloc[0]) == expected
    assert search != "" or expected == 4000


def test_the_status_enum_is_in_funnel_order():
    """The stage macros in _scope.sql compare ENUM positions, so the order of the statuses is meaning."""
    with (config.REFERENCE_DIR / "vocabularies.csv").open(encoding="utf-8") as f:
        statuses = [r["code"] for r in csv.DictReader(f) if r["field"] == "status"]
    assert statuses == [
        "dilaporkan",
        "tidak-diregistrasi",
        "diproses",
        "bukan-pelanggaran",
        "pelanggaran",
        "rekomendasi",
        "ditindaklanjuti",
    ]
