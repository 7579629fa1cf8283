"""The filter model: URL round trips, hostile parameters ignored (never run), the one-line description."""

from __future__ import annotations

from datetime import date

import pytest

from netralitas.filters import Filters, describe, parse_query_params

ELECTIONS = {"pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"}


def test_round_trip_through_the_url():
    f = Filters(
        election=("pilkada-2024",),
        province=("33", "74"),
        status=("rekomendasi",),
        date_from=date(2024, 9, 1),
        date_to=date(2024, 12, 31),
        agency=("Pemerintah Kabupaten Purbalingga",),
    )
    parsed = parse_query_params(f.to_query_params(), ELECTIONS)
    assert parsed.filters == f and parsed.ignored == []


@pytest.mark.parametrize(
    "params",
    [
        {"province": "33' OR 1=1 --"},
        {"province": "33;DROP TABLE cases"},
        {"status": "rekomendasi'"},
        {"election": 'pilkada-2024"); SELECT 1; --'},
        {"province": "3" * 5000},
        {"from": "2024-02-30"},
        {"to": "besok"},
        {"violation_type": "\udcff"},
        {"regency": "9999"},
        {"source": "kasn,evil"},
    ],
)
def test_hostile_parameters_are_ignored_and_reported(params):
    parsed = parse_query_params(params, ELECTIONS)
    assert parsed.filters == Filters()
    assert [k for k, _ in parsed.ignored] == list(params)


def test_unknown_parameters_are_left_alone_and_known_ones_kept():
    parsed = parse_query_params({"province": "33", "utm": "x", "status": "nope"}, ELECTIONS)
    assert parsed.filters == Filters(province=("33",))
    assert parsed.ignored == [("status", "nope")]


def test_toggle_sets_then_clears():
    f = Filters().toggle("province", "33")
    assert f.province == ("33",)
    assert f.toggle("province", "33").province == ()
    assert f.toggle("province", "74").province == ("74",)


def test_describe():
    f = Filters(election=("pilkada-2024",), province=("33",), status=("rekomendasi",))
    text = describe(f, "id", {"pilkada-2024": "Pilkada 2024"})
    assert text == "Pilkada 2024 · Jawa Tengah · Rekomendasi sanksi"
    assert describe(Filters(), "en") == "All data"


def test_params_bind_lists_and_dates():
    p = Filters(province=("33",), date_from=date(2024, 1, 1)).params()
    assert p["province"] == ["33"] and p["election"] == [] and p["date_from"] == date(2024, 1, 1)
