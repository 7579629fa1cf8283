"""Figures that read at a glance on a phone and a projector (#19), checked on the figures themselves: colour
bars under the map with ticks that differ, one value drawn without a bar, legends measured from the
figure's edge, no text under 12 px; and place counts of today's units, pre-split units named apart."""

from __future__ import annotations

import pandas as pd
import pytest

from netralitas import style
from netralitas.present import charts, coverage, layout, maps
from netralitas.present.briefing import narrative
from netralitas.reference import historical_units, provinces, regencies, regency_short_label

TOPS = [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    9,
    10,
    11,
    13,
    19,
    20,
    21,
    49,
    51,
    99,
    101,
    130,
    275,
    471,
    999,
    1001,
    1931,
    45678,
]


@pytest.mark.parametrize("top", TOPS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_count_ticks_are_whole_distinct_round_and_within_the_range(top, lang):
    values, labels = maps.colour_ticks(float(top), percent=False, lang=lang)
    assert values[0] == 0 and values[-1] <= top and 2 <= len(values) <= 7
    assert len(set(labels)) == len(labels)
    assert all(float(v).is_integer() for v in values)
    step = values[1] - values[0]
    assert str(int(step)).rstrip("0") in ("1", "2", "5")
    assert labels == [style.fmt_int(v, lang) for v in values]


@pytest.mark.parametrize("top", [0.004, 0.01, 0.05, 0.1, 0.33, 0.5, 0.634, 0.99, 1.0])
def test_share_ticks_are_distinct_percents(top):
    values, labels = maps.colour_ticks(top, percent=True, lang="id")
    assert len(set(labels)) == len(labels) >= 2 and all(lbl.endswith("%") for lbl in labels)
    assert values[0] == 0 and values[-1] <= top + 1e-12


@pytest.mark.parametrize("top", [0.05, 0.3, 1.7, 12.3, 88.8, 250.5])
def test_rate_ticks_are_distinct(top):
    _, labels = maps.colour_ticks(top, percent=False, lang="id")
    assert len(set(labels)) == len(labels) >= 2


def _data_trace(fig):
    return [t for t in fig.data if t.type == "choropleth"][-1]


@pytest.mark.parametrize("presenter", [False, True])
def test_a_map_of_several_values_has_a_horizontal_bar_under_it(presenter):
    values = pd.DataFrame({"key": ["31", "32", "74"], "cases": [1, 2, 471]})
    fig = maps.province_choropleth(values, "cases", "Kasus", presenter=presenter)
    bar = _data_trace(fig).colorbar
    assert _data_trace(fig).showscale is not False
    assert bar.orientation == "h" and bar.y == 0 and bar.yanchor == "top"  # under the plot area
    assert len(set(bar.ticktext)) == len(bar.ticktext) == len(bar.tickvals)
    assert fig.layout.margin.b == maps.band_height(presenter)
    note = fig.layout.annotations[-1]
    assert "Batas wilayah" in note.text and note.text.count("<br>") == 2  # three short lines
    assert note.font.size >= (18 if presenter else 12)


@pytest.mark.parametrize(("keys", "cases"), [(["74"], [471]), (["31", "32"], [5, 5])])
def test_one_value_is_a_highlighted_region_with_its_figure_not_a_bar(keys, cases):
    values = pd.DataFrame({"key": keys, "cases": cases})
    fig = maps.province_choropleth(values, "cases", "Kasus", presenter=True)
    trace = _data_trace(fig)
    assert trace.showscale is False
    assert {c[1] for c in trace.colorscale} == {style.PRIMARY}
    labels = [t for t in fig.data if t.type == "scattergeo"]
    assert labels and len(labels[0].text) == len(keys)
    assert all(text.endswith(f": {cases[0]}") for text in labels[0].text)
    assert any(f"Kasus: {cases[0]}" in a.text for a in fig.layout.annotations)


def test_regency_map_marks_its_leading_regencies_by_rank_and_keeps_cities_apart():
    codes = [c for c in regencies()["code"] if c.startswith("74")]
    values = pd.DataFrame({"key": codes, "cases": list(range(1, len(codes) + 1))})
    fig = maps.regency_choropleth(values, "74", "cases", "Kasus", presenter=True)
    marks = next(t for t in fig.data if t.type == "scattergeo")
    top = values.nlargest(maps.LABELLED, "cases")
    assert list(marks.text) == [str(i) for i in range(1, maps.LABELLED + 1)]
    assert list(marks.hovertext) == [
        f"{regency_short_label(k)}: {c}" for k, c in zip(top["key"], top["cases"], strict=True)
    ]
    assert regency_short_label("7471") == "Kota Kendari" and regency_short_label("7407") == "Wakatobi"


def test_province_map_without_labels_carries_no_label_trace():
    values = pd.DataFrame({"key": ["31", "32"], "cases": [5, 7]})
    fig = maps.province_choropleth(values, "cases", "Kasus")
    assert [t.type for t in fig.data] == ["choropleth", "choropleth"]


def _font_sizes(fig) -> list[float]:
    layout = fig.layout
    sizes = [layout.font.size, layout.legend.font.size, layout.uniformtext.minsize]
    sizes += [a.font.size for a in layout.annotations if a.font.size]
    for name in ("xaxis", "yaxis"):
        axis = getattr(layout, name, None)
        if axis is not None and axis.tickfont.size:
            sizes.append(axis.tickfont.size)
    for trace in fig.data:
        bar = getattr(trace, "colorbar", None)
        if bar is not None and bar.tickfont.size:
            sizes.append(bar.tickfont.size)
    return [s for s in sizes if s is not None]


def _figures():
    calendar = pd.DataFrame(
        {
            "election": ["pilkada-2020"],
            "phase": ["kampanye"],
            "start_date": ["2020-09-26"],
            "end_date": ["2020-12-05"],
            "name_id": ["Pilkada 2020"],
            "name_en": ["Pilkada 2020"],
        }
    )
    monthly = pd.DataFrame({"month": ["2020-09-01", "2020-10-01", "2020-11-01"], "cases": [3, 9, 4]})
    groups = pd.DataFrame({"key": ["a", "b"], "label": ["A", "B"], "cases": [3, 1]})
    league = pd.DataFrame({"key": ["X", "Y"], "recommendations": [5, 2], "followed_up": [3, 2]})
    phases = pd.DataFrame(
        {"election": ["e1", "e2"], "phase": ["kampanye", "kampanye"], "cases": [4, 6], "days": [70, 60]}
    )
    return [
        charts.trend(monthly, calendar, (), "t"),
        charts.ranked_bars(groups, "cases", "t"),
        charts.funnel(
            {"cases": 9, "processed": 5, "violations": 3, "recommendations": 2, "followed_up": 1}, "t"
        ),
        charts.follow_up_bars(league, "t"),
        charts.phase_bars(phases, {"e1": "E1", "e2": "E2"}, "cases", "t"),
        maps.province_choropleth(pd.DataFrame({"key": ["31", "74"], "cases": [2, 9]}), "cases", "Kasus"),
    ]


def test_no_chart_writes_text_under_12_px_and_legends_sit_at_the_bottom_edge():
    for fig in _figures():
        assert min(_font_sizes(fig)) >= style.MIN_TEXT_PX, fig.layout.title.text
        legend = fig.layout.legend
        # measured from the figure's edge: plotly reserves its height and lays the axis out above it
        assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"


def test_phone_css_finds_the_elements_by_the_keys_the_pages_give_them():
    assert f"@media (max-width: {layout.PHONE_MAX_PX}px)" in layout.CSS
    for key in (layout.KPI_KEY, layout.PROVINCE_MAP_KEY, layout.REGENCY_MAP_KEY):
        assert f".st-key-{key}" in layout.CSS
    # widgets.clickable_map keys its charts "map_<dimension>"
    assert layout.PROVINCE_MAP_KEY == "map_province" and layout.REGENCY_MAP_KEY == "map_regency"
    assert f"/ {maps.ASPECT} + {10 + maps.band_height(False)}px" in layout.CSS


def _breakdowns(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["dim", "key", "cases"])


def test_coverage_counts_todays_units_and_names_pre_split_and_unknown_apart():
    today = list(provinces()["code"])
    regs = list(regencies()["code"])[:3]
    frame = _breakdowns(
        [("province", c, 2) for c in today]
        + [("province", "91-pra2022", 1), ("province", "92-pra2022", 2), ("province", "", 4)]
        + [("regency", r, 1) for r in regs]
        + [("regency", "", 3), ("agency", "Pemkab A", 2), ("agency", "Pemkab B", 1), ("agency", "", 5)]
        + [("province", "11", 0)]  # a zero row is not a province with cases
    )
    cov = coverage.coverage(frame)
    assert cov.provinces == len(today) == 38
    assert cov.regencies == 3 and cov.agencies == 2
    assert cov.historical == {"91-pra2022": 1, "92-pra2022": 2} and cov.unknown_province == 4
    text = coverage.caption(cov, "id")
    assert text.startswith("Kasus di 38 provinsi, 3 kabupaten/kota dan 2 instansi.")
    assert (
        "3 kasus pada wilayah sebelum pemekaran (Papua (sebelum 2022): 1, Papua Barat (sebelum 2022): 2)"
        in text
    )
    assert "4 kasus dengan provinsi tidak diketahui." in text
    assert "1 case on" not in coverage.caption(cov, "en") and "3 cases on units" in coverage.caption(
        cov, "en"
    )


def test_coverage_of_nothing_is_zero():
    cov = coverage.coverage(_breakdowns([]))
    assert (cov.provinces, cov.regencies, cov.agencies, cov.historical_cases) == (0, 0, 0, 0)


TOTALS = {"cases": 699, "violations": 400, "recommendations": 300, "followed_up": 150, "follow_up_rate": 0.5}


def _groups(pairs):
    from netralitas.reference import province_label

    return [{"key": k, "label": province_label(k), "cases": c} for k, c in pairs]


@pytest.mark.parametrize("unit", sorted(historical_units()))
def test_the_narrative_counts_todays_provinces_and_names_each_pre_split_unit_apart(unit):
    pairs = [("74", 471), (unit, 900), ("52", 83), ("", 7)]  # the old unit has most, but is no province
    text = narrative(TOTALS, _groups(pairs), None, "", "id")[1]
    assert text == (
        "Sulawesi Tenggara mencatat 471 kasus, terbanyak dari 2 provinsi (dan 900 kasus pada wilayah sebelum "
        "pemekaran); disusul Nusa Tenggara Barat (83)."
    )
    one = narrative(TOTALS, _groups([("74", 471), (unit, 1)]), None, "", "en")[1]
    assert one == "Sulawesi Tenggara recorded 471 cases (and 1 case on a unit from before a province split)."


def test_the_narrative_without_old_units_reads_as_before():
    text = narrative(TOTALS, _groups([("74", 90), ("52", 83)]), None, "", "id")[1]
    assert (
        text
        == "Sulawesi Tenggara mencatat 90 kasus, terbanyak dari 2 provinsi; disusul Nusa Tenggara Barat (83)."
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_maps_ranked_table_orders_numbers_and_formats_as_the_map_does(lang):
    from netralitas.mapmetrics import ranked_table

    groups = pd.DataFrame(
        {
            "key": ["31", "32", "33", "34"],
            "label": ["DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta"],
            "cases": [1200, 1200, 3, 40],
            "follow_up_rate": [0.5, None, 0.255, 1.0],
        }
    )
    by_cases = ranked_table(groups, "cases", "Kasus", lang)
    assert list(by_cases["#"]) == [1, 2, 3, 4]
    # ties keep the groups' own order (by cases, then key), so the numbering never shuffles between views
    assert list(by_cases.iloc[:, 1]) == ["DKI Jakarta", "Jawa Barat", "DI Yogyakarta", "Jawa Tengah"]
    assert list(by_cases["Kasus"]) == [style.fmt_num(v, lang, 0) for v in (1200, 1200, 40, 3)]
    rates = ranked_table(groups, "follow_up_rate", "Rate", lang)
    # a region without a rate is left out rather than ranked last as if it were zero
    assert list(rates.iloc[:, 1]) == ["DI Yogyakarta", "DKI Jakarta", "Jawa Tengah"]
    assert list(rates["Rate"]) == [style.fmt_pct(v, lang) for v in (1.0, 0.5, 0.255)]


def test_the_maps_ranked_table_of_nothing_is_empty():
    from netralitas.mapmetrics import ranked_table

    assert ranked_table(pd.DataFrame(), "cases", "Kasus", "id").empty
    no_values = pd.DataFrame({"key": ["31"], "label": ["DKI Jakarta"], "cases": [2], "per_million": [None]})
    assert ranked_table(no_values, "per_million", "Per juta", "id").empty
