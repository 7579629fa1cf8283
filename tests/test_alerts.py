"""Early warning (issue #17) on synthetic seasons whose answer is known: a province that triples is flagged,
steady ones are not, a small regency going 0 -> 2 is not; no counterpart and too little time say so; the
command line prints the same flags the package computes."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd
import pytest
from conftest import cli_here

from netralitas import alerts
from netralitas.ingest import ImportOptions
from netralitas.ingest.load import import_bytes

STEADY = ["11", "12", "13", "14", "15", "16", "17", "18", "32", "35"]  # 20 cases in each season
TRIPLES = "33"  # Jawa Tengah: 15 -> 45
SMALL = "7401"  # Kabupaten Buton (Sulawesi Tenggara): 0 -> 2
AS_OF = date(2024, 10, 20)  # Pilkada 2024 campaign, day 26
CUTOFF = date(2020, 10, 21)  # Pilkada 2020 campaign, day 26


def _first_regency(province: str) -> str:
    from netralitas.reference import regencies

    return str(regencies()[regencies()["province_code"] == province]["code"].iloc[0])


def _rows(
    election: str, province: str, n: int, start: date, tag: str, regency: str | None = None
) -> list[str]:
    regency = regency or _first_regency(province)
    return [
        f"{tag}/{province}/{i};{province};{regency};{(start + timedelta(days=i % 20)).isoformat()};{election}"
        for i in range(n)
    ]


def season_file(current: dict[str, int], previous: dict[str, int], extra: list[str] | None = None) -> bytes:
    lines = ["No. Register;Provinsi;Kab/Kota;Tgl Laporan;Jenis Pemilihan"]
    for prov, n in previous.items():
        lines += _rows("pilkada-2020", prov, n, date(2020, 9, 28), "P20")
    for prov, n in current.items():
        lines += _rows("pilkada-2024", prov, n, date(2024, 9, 27), "P24")
    lines += extra or []
    return ("\n".join(lines) + "\n").encode()


def load(store, data: bytes) -> None:
    report = import_bytes(store, data, ImportOptions(source="bawaslu", file_name="seasons.csv"))
    assert report.rows_rejected == 0, report.errors[:3]


@pytest.fixture
def seasons(store):
    previous = {p: 20 for p in STEADY} | {TRIPLES: 15}
    current = {p: 20 for p in STEADY} | {TRIPLES: 45}
    # after the aligned cut-off of Pilkada 2020: must not count (a later surge in Jawa Timur)
    late = _rows("pilkada-2020", "35", 40, date(2020, 11, 10), "LATE")
    small = _rows("pilkada-2024", "74", 2, date(2024, 10, 1), "SM", regency=SMALL)
    load(store, season_file(current, previous, late + small))
    return store


def test_binomial_tail_is_exact():
    for n in (1, 5, 17, 40):
        for p in (0.1, 0.37, 0.5, 0.9):
            for k in range(0, n + 2):
                exact = sum(
                    Fraction(math.comb(n, i)) * Fraction(p) ** i * (1 - Fraction(p)) ** (n - i)
                    for i in range(k, n + 1)
                )
                assert alerts.binomial_tail(k, n, p) == pytest.approx(float(exact), rel=1e-9, abs=1e-300)


def test_binomial_tail_of_large_counts_leaves_out_only_what_rounds_away():
    """At a million cases a region's tail has thousands of terms; the negligible ones are left out."""

    def every_term(k: int, n: int, p: float) -> float:
        terms = [
            math.lgamma(n + 1)
            - math.lgamma(i + 1)
            - math.lgamma(n - i + 1)
            + i * math.log(p)
            + (n - i) * math.log1p(-p)
            for i in range(k, n + 1)
        ]
        top = max(terms)
        return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in terms))

    for n in (500, 5000, 20000):
        for p in (0.05, 0.3, 0.5):
            for k in {1, max(1, int(n * p) - 40), int(n * p), int(n * p) + 60, n - 3}:
                assert alerts.binomial_tail(k, n, p) == pytest.approx(
                    every_term(k, n, p), rel=1e-9, abs=1e-300
                )


def test_bh_qvalues_match_the_step_up_rule():
    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
    q = alerts.bh_qvalues(p)
    assert q[0] == pytest.approx(0.01) and q[1] == pytest.approx(0.04)
    assert all(a <= b + 1e-12 for a, b in zip(q, q[1:], strict=False))  # monotone in p
    assert alerts.bh_qvalues([0.01], m=552)[0] == pytest.approx(1.0)  # 552 tests, not one


def test_alignment_same_phase_same_day(store):
    from netralitas.queries import run

    a = alerts.align(run(store, "calendar"), run(store, "elections"), "pilkada-2024", AS_OF)
    assert (a.previous, a.phase, a.day, a.previous_cutoff) == ("pilkada-2020", "kampanye", 26, CUTOFF)
    # Pemilu 2024's registration phase ran 218 days, Pemilu 2019's 81: day 161 caps at the earlier one's end
    a = alerts.align(run(store, "calendar"), run(store, "elections"), "pemilu-2024", date(2023, 10, 1))
    assert (a.previous, a.phase, a.day) == ("pemilu-2019", "pendaftaran", 161)
    assert (a.previous_cutoff, a.previous_day) == (date(2018, 9, 22), 81)
    a = alerts.align(run(store, "calendar"), run(store, "elections"), "pemilu-2019", date(2019, 4, 10))
    assert a.previous is None  # no Pemilu before 2019 in the calendar


def test_triple_is_flagged_steady_and_small_are_not(seasons):
    report = alerts.early_warning(seasons, "pilkada-2024", AS_OF)
    assert report.status == "ok"
    assert report.alignment.previous_cutoff == CUTOFF
    assert report.current_total == 10 * 20 + 45 + 2 and report.previous_total == 10 * 20 + 15
    assert report.flagged_keys("province") == [TRIPLES]
    regions = report.regions.set_index(["level", "key"])
    jateng = regions.loc[("province", TRIPLES)]
    assert (jateng["observed"], jateng["previous"]) == (45, 15)
    # expected = 15 x (rest now / rest before) = 15 x 202 / 200
    assert jateng["expected"] == pytest.approx(15 * 202 / 200)
    assert jateng["ratio"] == pytest.approx(45 / (15 * 202 / 200))
    assert jateng["q_value"] <= alerts.Q_MAX
    for p in STEADY:
        assert not regions.loc[("province", p), "flagged"]
    small = regions.loc[("regency", SMALL)]
    assert (small["observed"], small["previous"], bool(small["flagged"])) == (2, 0, False)
    # the regency holding Jawa Tengah's cases rises the same way and is flagged too
    assert _first_regency(TRIPLES) in report.flagged_keys("regency")


def test_every_region_is_tested_once(seasons):
    report = alerts.early_warning(seasons, "pilkada-2024", AS_OF)
    counts = report.regions["level"].value_counts()
    assert counts["province"] == 38 and counts["regency"] == 514
    assert report.regions["observed"][report.regions["level"] == "province"].sum() == report.current_total


def test_no_previous_election_says_so(store):
    load(store, season_file({}, {}, _rows("pemilu-2019", "33", 40, date(2018, 10, 1), "PM")))
    report = alerts.early_warning(store, "pemilu-2019")
    assert report.status == "no_previous" and report.regions.empty
    text = alerts.comparison_text(report, {"pemilu-2019": "Pemilu 2019"}, "en")
    assert "no previous election of the same kind" in text


def test_previous_without_cases_says_so(store):
    load(store, season_file({p: 20 for p in STEADY}, {}))
    report = alerts.early_warning(store, "pilkada-2024", AS_OF)
    assert report.status == "no_previous" and report.flagged("province").empty
    text = alerts.comparison_text(
        report, {"pilkada-2024": "Pilkada 2024", "pilkada-2020": "Pilkada 2020"}, "en"
    )
    assert "Pilkada 2020 is in the calendar, but none of its cases are loaded" in text


def test_too_little_time_says_so(store):
    early = [r for p in STEADY for r in _rows("pilkada-2024", p, 5, date(2024, 1, 1), "E24")]
    load(store, season_file({}, {p: 20 for p in STEADY}, early))
    # a week into the Pilkada 2024 calendar (it begins 1 Jan 2024), 50 cases: too early to judge
    report = alerts.early_warning(store, "pilkada-2024", date(2024, 1, 8))
    assert report.status == "too_early" and report.regions.empty and report.current_total == 50
    text = alerts.comparison_text(report, {}, "en")
    assert "Too early" in text and "14 days" in text
    # before the calendar's first day: nothing to align with
    assert alerts.early_warning(store, "pilkada-2024", date(2023, 12, 1)).status in ("too_early", "no_data")


def test_flag_sentence_says_what_it_compares(seasons):
    report = alerts.early_warning(seasons, "pilkada-2024", AS_OF)
    row = report.flagged("province").iloc[0]
    text = alerts.flag_sentence(row, "Pilkada 2020", "id")
    assert text.startswith("Jawa Tengah: 45 kasus, 15 pada titik yang sama di Pilkada 2020")
    assert "15,2" in text and "3,0×" in text
    line = alerts.comparison_text(
        report, {"pilkada-2024": "Pilkada 2024", "pilkada-2020": "Pilkada 2020"}, "id"
    )
    assert "Pilkada 2020 sampai 21 Okt 2020" in line and "hari ke-26" in line


def test_default_as_of_is_the_latest_case(seasons):
    report = alerts.early_warning(seasons, "pilkada-2024")
    assert report.alignment.as_of == date(2024, 10, 16)  # the last synthetic case date


def test_cli_json_lists_the_flags(seasons):
    db = str(seasons.path)
    result = cli_here(
        "alerts", "--db", db, "--election", "pilkada-2024", "--as-of", AS_OF.isoformat(), "--json"
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["status"] == "ok" and out["previous"] == "pilkada-2020"
    provinces = [a for a in out["alerts"] if a["level"] == "province"]
    assert [a["key"] for a in provinces] == [TRIPLES]
    a = provinces[0]
    assert set(a) >= {"level", "key", "label", "observed", "expected", "ratio", "p_value", "q_value"}
    assert (a["label"], a["observed"]) == ("Jawa Tengah", 45)
    expected = alerts.as_json(alerts.early_warning(seasons, "pilkada-2024", AS_OF))
    assert out["alerts"] == expected["alerts"]
    only = json.loads(
        cli_here(
            "alerts",
            "--db",
            db,
            "--election",
            "pilkada-2024",
            "--as-of",
            "2024-10-20",
            "--level",
            "regency",
            "--json",
        ).stdout
    )
    assert only["alerts"] and {a["level"] for a in only["alerts"]} == {"regency"}


def test_cli_refuses_an_unknown_election(seasons):
    result = cli_here("alerts", "--db", str(seasons.path), "--election", "pilkada-1999")
    assert result.returncode == 2 and "pilkada-1999" in result.stderr


def test_as_json_of_no_previous_has_no_alerts(store):
    load(store, season_file({}, {}, _rows("pemilu-2019", "33", 40, date(2018, 10, 1), "PM")))
    out = alerts.as_json(alerts.early_warning(store, "pemilu-2019"))
    assert out["status"] == "no_previous" and out["alerts"] == []
    assert isinstance(pd.Series(out["rule"]).to_dict(), dict)


def _counts(by_regency: dict[str, int]) -> pd.DataFrame:
    rows = [
        {"province_code": r[:2], "regency_code": r, "cases": n, "latest_case_date": AS_OF}
        for r, n in by_regency.items()
    ]
    return pd.DataFrame(rows)


def test_a_region_new_this_season_is_flagged_without_a_ratio():
    regencies = [_first_regency(p) for p in STEADY]
    before = {r: 20 for r in regencies}
    now = {r: 20 for r in regencies} | {"9103": 14}  # Kabupaten Jayapura: none before, 14 now
    a = alerts.Alignment("pilkada-2024", AS_OF, "pilkada-2020", CUTOFF, "kampanye", 26, 26, date(2024, 1, 1))
    report = alerts.compare(a, _counts(now), _counts(before))
    flagged = report.flagged()
    assert set(flagged["key"]) == {"91", "9103"}
    row = flagged[flagged["level"] == "province"].iloc[0]
    assert row["previous"] == 0 and row["expected"] == 0 and pd.isna(row["ratio"])
    assert alerts.as_json(report)["alerts"][0]["ratio"] is None
    assert "none at all" in alerts.flag_sentence(row, "Pilkada 2020", "en")


def test_steady_regions_with_noise_are_not_flagged():
    import random

    rng = random.Random(17)
    regencies = [
        _first_regency(p) for p in ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32"]
    ]
    before = {r: rng.randint(15, 40) for r in regencies}
    now = {r: max(0, round(n * 1.3 + rng.randint(-5, 5))) for r, n in before.items()}  # national +30%, noise
    a = alerts.Alignment("pilkada-2024", AS_OF, "pilkada-2020", CUTOFF, "kampanye", 26, 26, date(2024, 1, 1))
    report = alerts.compare(a, _counts(now), _counts(before))
    assert report.status == "ok" and report.flagged().empty


def test_outline_layer_holds_the_flagged_regions_only():
    from netralitas.present import alertcharts, maps

    fig = maps.province_choropleth(pd.DataFrame({"key": ["33"], "cases": [5]}), "cases", "Kasus")
    drawn = alertcharts.outline_flagged(fig, ["33", "71"], "province")
    layer = [d for d in drawn.data if d.name == "alerts"]
    assert len(layer) == 1 and list(layer[0].locations) == ["33", "71"]
    assert layer[0].geojson == fig.data[0].geojson and layer[0].marker.line.width >= 2
    assert alertcharts.outline_flagged(fig, [], "province") is fig


def test_cli_text_says_what_it_compares(seasons):
    result = cli_here(
        "alerts", "--db", str(seasons.path), "--election", "pilkada-2024", "--as-of", "2024-10-20"
    )
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert "Pilkada 2024 sampai 20 Okt 2024" in first and "Pilkada 2020 sampai 21 Okt 2020" in first
    assert any("Jawa Tengah: 45 kasus" in line for line in rest)
    bad = cli_here("alerts", "--db", str(seasons.path), "--election", "pilkada-2024", "--as-of", "20/10/2024")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_per_asn_rate_is_shown_where_a_headcount_exists():
    regencies = [_first_regency(p) for p in STEADY]
    counts = {r: 20 for r in regencies}
    a = alerts.Alignment("pilkada-2024", AS_OF, "pilkada-2020", CUTOFF, "kampanye", 26, 26, date(2024, 1, 1))
    headcount = pd.DataFrame({"key": ["11"], "asn_count": [40_000]})
    frame = alerts.compare(a, _counts(counts), _counts(counts), headcount).regions.set_index(["level", "key"])
    assert frame.loc[("province", "11"), "per_100k_asn"] == pytest.approx(20 / 40_000 * 1e5)
    assert pd.isna(frame.loc[("province", "12"), "per_100k_asn"])  # no headcount: unknown, not zero
    # the same denominator in both seasons: the test does not change with it
    without = alerts.compare(a, _counts(counts), _counts(counts)).regions.set_index(["level", "key"])
    assert frame["p_value"].equals(without["p_value"])


def test_a_flag_never_claims_none_before_when_there_were_some():
    row = {"level": "province", "key": "33", "observed": 30, "previous": 12, "expected": 0.0, "ratio": None}
    text = alerts.flag_sentence(row, "Pilkada 2020", "en")
    assert "12 at the same point" in text and "none at all" not in text and "–×" in text
    assert "none before" not in alerts.flag_short(row, "en")
