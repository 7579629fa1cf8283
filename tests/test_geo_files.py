"""Quality checks on the committed boundary layers (data/geo/) and on netralitas.geo's validation."""

from __future__ import annotations

import csv
import json
import math

import pytest
import shapely
from conftest import ROOT
from shapely.geometry import shape

from netralitas.geo import LayerError, load_layer, load_official_layer, validate_layer

GEO = ROOT / "data" / "geo"
REF = ROOT / "data" / "reference"
LEVELS = ("province", "regency")
FILES = {"province": "provinces.geojson", "regency": "regencies.geojson"}
LIMITS = {"province": 200 * 1024, "regency": 1024 * 1024}
KM2_PER_DEG2 = 111.32 * 110.57  # at the equator; scaled by cos(latitude) below


def reference(level: str) -> list[dict[str, str]]:
    name = "provinces.csv" if level == "province" else "regencies.csv"
    with (REF / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def layers() -> dict[str, dict]:
    return {level: json.loads((GEO / FILES[level]).read_text(encoding="utf-8")) for level in LEVELS}


@pytest.fixture(scope="module")
def shapes(layers) -> dict[str, dict[str, shapely.Geometry]]:
    return {
        level: {f["properties"]["code"]: shape(f["geometry"]) for f in layers[level]["features"]}
        for level in LEVELS
    }


def km(a: shapely.Point, b: shapely.Point) -> float:
    lat = math.radians((a.y + b.y) / 2)
    return math.hypot((a.x - b.x) * 111.32 * math.cos(lat), (a.y - b.y) * 110.57)


def km2(geom: shapely.Geometry) -> float:
    return geom.area * KM2_PER_DEG2 * math.cos(math.radians(geom.centroid.y))


@pytest.mark.parametrize("level", LEVELS)
def test_size_and_compact_json(level):
    path = GEO / FILES[level]
    assert path.stat().st_size <= LIMITS[level]
    head = path.read_text(encoding="utf-8")[:200]
    assert head.startswith('{"type":"FeatureCollection","features":[{"type":"Feature"') and ", " not in head


@pytest.mark.parametrize("level", LEVELS)
def test_exactly_the_reference_codes(layers, level):
    codes = [f["properties"]["code"] for f in layers[level]["features"]]
    expected = [r["code"] for r in reference(level)]
    assert len(codes) == len(set(codes)) == (38 if level == "province" else 514)
    assert sorted(codes) == sorted(expected)
    names = {r["code"]: r["name"] for r in reference(level)}
    assert all(f["properties"]["name"] == names[f["properties"]["code"]] for f in layers[level]["features"])


@pytest.mark.parametrize("level", LEVELS)
def test_every_geometry_is_valid_polygonal_and_non_empty(shapes, level):
    bad = [
        code
        for code, g in shapes[level].items()
        if g.is_empty or not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon") or g.area <= 0
    ]
    assert bad == []


@pytest.mark.parametrize("level", LEVELS)
def test_rings_follow_rfc7946(shapes, level):
    wrong = []
    for code, g in shapes[level].items():
        for p in getattr(g, "geoms", [g]):
            if not p.exterior.is_ccw or any(r.is_ccw for r in p.interiors):
                wrong.append(code)
    assert wrong == []


def test_regencies_name_their_province(layers):
    for f in layers["regency"]["features"]:
        assert f["properties"]["province_code"] == f["properties"]["code"][:2]


def test_the_four_new_papua_provinces_are_drawn(shapes):
    for code in ("93", "94", "95", "96"):
        assert km2(shapes["province"][code]) > 10_000, code


def test_every_province_holds_its_capital_or_is_within_5_km(shapes):
    far = []
    for r in reference("province"):
        capital = shapely.Point(float(r["capital_lon"]), float(r["capital_lat"]))
        g = shapes["province"][r["code"]]
        if not g.contains(capital):
            nearest = shapely.get_point(shapely.shortest_line(g, capital), 0)
            if km(nearest, capital) > 5:
                far.append((r["code"], round(km(nearest, capital), 1)))
    assert far == []


def test_most_regencies_hold_their_capital(shapes):
    outside = []
    for r in reference("regency"):
        capital = shapely.Point(float(r["capital_lon"]), float(r["capital_lat"]))
        g = shapes["regency"][r["code"]]
        if (
            not g.contains(capital)
            and km(shapely.get_point(shapely.shortest_line(g, capital), 0), capital) > 10
        ):
            outside.append(r["code"])
    assert outside == []


def test_reference_centroids_lie_in_their_unit(shapes):
    for level in LEVELS:
        for r in reference(level):
            point = shapely.Point(float(r["centroid_lon"]), float(r["centroid_lat"]))
            assert shapes[level][r["code"]].distance(point) < 0.01, (level, r["code"])


@pytest.mark.parametrize("level", LEVELS)
def test_neighbours_do_not_overlap(shapes, level):
    codes = list(shapes[level])
    geoms = [shapes[level][c] for c in codes]
    tree = shapely.STRtree(geoms)
    overlaps = []
    for i, g in enumerate(geoms):
        for j in tree.query(g, predicate="intersects"):
            if j > i:
                inter = km2(g.intersection(geoms[j]))
                if inter > 1 and inter > 0.005 * min(km2(g), km2(geoms[j])):
                    overlaps.append((codes[i], codes[j], round(inter, 1)))
    assert overlaps == []


def test_regencies_and_provinces_agree(shapes):
    """Simplified separately, and provinces drop more small islands, so the layers agree only roughly."""
    worst = {}
    for code, province in shapes["province"].items():
        union = shapely.union_all([g for c, g in shapes["regency"].items() if c[:2] == code])
        common = km2(union.intersection(province))
        worst[code] = (round(common / km2(province), 3), round(common / km2(union), 3))
    assert all(a > 0.94 and b > 0.85 for a, b in worst.values()), worst


def test_load_layer_reads_the_committed_files():
    assert len(load_layer("province")["features"]) == 38
    assert len(load_layer("regency")["features"]) == 514
    assert load_layer("province") is load_layer("province")  # cached
    with pytest.raises(ValueError):
        load_layer("district")


def test_the_built_layers_pass_validation(layers):
    assert validate_layer(layers["province"], "province", {r["code"] for r in reference("province")}) == []
    assert validate_layer(layers["regency"], "regency") == []


BOWTIE = {"type": "Polygon", "coordinates": [[[100, 0], [101, 1], [101, 0], [100, 1], [100, 0]]]}
SQUARE = {"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]}


def feature(props: dict, geometry: dict | None = SQUARE) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_validate_layer_reports_each_problem():
    known = {"11", "12", "13"}
    layer = {
        "type": "FeatureCollection",
        "features": [
            feature({"kode": "99"}),  # unknown code
            feature({"nama": "tanpa kode"}),  # no code property
            feature({"code": "11"}, BOWTIE),  # invalid geometry
            feature({"code": "12"}, {"type": "Polygon", "coordinates": []}),  # empty
            # 13 is missing
        ],
    }
    text = "\n".join(validate_layer(layer, "province", known))
    assert "Kode tidak dikenal: 99" in text and "unknown" in text
    assert "tanpa properti kode" in text and "no code property" in text
    assert "Geometri 11 tidak valid" in text and "Self-intersection" in text
    assert "Geometri 12 kosong" in text
    assert "Kode tidak ada di lapisan: 13" in text and "missing" in text
    assert validate_layer({"type": "Feature"}, "province", known) == [
        "Bukan GeoJSON FeatureCollection (not a GeoJSON FeatureCollection)"
    ]
    dup = {"type": "FeatureCollection", "features": [feature({"code": c}) for c in ("11", "11", "12", "13")]}
    assert any("Kode ganda: 11" in p for p in validate_layer(dup, "province", known))
    projected = {
        "type": "FeatureCollection",
        "features": [
            feature(
                {"code": "11"}, {"type": "Polygon", "coordinates": [[[0, 0], [9e5, 0], [9e5, 9e5], [0, 0]]]}
            )
        ],
    }
    assert any("WGS 84" in p for p in validate_layer(projected, "province", {"11"}))
    odd = {
        "type": "FeatureCollection",
        "features": [
            feature({"code": "11"}, None),
            feature({"code": "12"}, {"type": "Point", "coordinates": [100, 0]}),
            feature({"code": "13"}, {"type": "Hexagon"}),
        ],
    }
    text = "\n".join(validate_layer(odd, "province", known))
    assert "tanpa geometri" in text and "bukan poligon" in text and "tidak dapat dibaca" in text


def test_an_official_layer_is_mapped_or_refused(tmp_path):
    good = {
        "type": "FeatureCollection",
        "features": [
            feature({"KODE_PROV": 11, "nama": "Aceh"}),
            feature({"kode_prov": "12"}),
            feature({"kode": 13.0}),
        ],
    }
    path = tmp_path / "resmi.geojson"
    path.write_text(json.dumps(good), encoding="utf-8")
    layer = load_official_layer(path, "province", {"11", "12", "13"})
    assert [f["properties"]["code"] for f in layer["features"]] == ["11", "12", "13"]
    assert layer["features"][0]["properties"]["nama"] == "Aceh"

    regencies = {
        "type": "FeatureCollection",
        "features": [feature({"kode_prov": "32", "kode_kab": "32.01"}), feature({"kode_kab": 3273})],
    }
    path.write_text(json.dumps(regencies), encoding="utf-8")
    layer = load_official_layer(path, known_codes={"3201", "3273"})  # level inferred from the codes
    assert [f["properties"]["code"] for f in layer["features"]] == ["3201", "3273"]

    broken = {"type": "FeatureCollection", "features": [feature({"kode": "99"}, BOWTIE)]}
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_official_layer(path, "province")
    assert isinstance(caught.value, LayerError) and "99" in str(caught.value)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError):
        load_official_layer(path, "province")


def test_the_map_fetches_its_boundaries_once_by_url_and_the_briefing_carries_them():
    """A figure names the served layer file instead of carrying it twice (base and data traces); the file
    is the layer, named by its content; the offline briefing's figure carries the layer itself."""
    import pandas as pd

    from netralitas import config
    from netralitas.present import maps

    values = pd.DataFrame({"key": ["31", "32"], "cases": [5, 7]})
    fig = maps.province_choropleth(values, "cases", "Kasus")
    urls = {trace.geojson for trace in fig.data}
    assert len(urls) == 1 and isinstance(next(iter(urls)), str)
    url = next(iter(urls))
    assert url.startswith("/app/static/geo/province-")
    served = config.ROOT / "static" / "geo" / url.rsplit("/", 1)[1]
    assert json.loads(served.read_text(encoding="utf-8")) == json.loads(json.dumps(maps.layer("province")))
    assert len(fig.to_json()) < 20_000
    offline = maps.province_choropleth(values, "cases", "Kasus", inline=True)
    assert offline.data[0].geojson["features"]
