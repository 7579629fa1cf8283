"""Quality checks on the committed boundary layers and the reference tables they are keyed by."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
import shapely
from conftest import ROOT
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from netralitas.geo import load_layer, validate_layer
from netralitas.reference import region_codes

GEO = ROOT / "data" / "geo"
REF = ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def provinces_ref() -> pd.DataFrame:
    return pd.read_csv(REF / "provinces.csv", dtype={"code": str})


@pytest.fixture(scope="module")
def layers() -> dict:
    return {level: load_layer(level) for level in ("province", "regency")}


def test_sizes():
    assert (GEO / "provinces.geojson").stat().st_size <= 200 * 1024
    assert (GEO / "regencies.geojson").stat().st_size <= 1024 * 1024


def test_exactly_the_reference_codes_and_valid_geometry(layers):
    for level in ("province", "regency"):
        assert validate_layer(layers[level], level) == []
        codes = [f["properties"]["code"] for f in layers[level]["features"]]
        assert len(codes) == len(set(codes)) == (38 if level == "province" else 514)
    assert {"93", "94", "95", "96"} <= {f["properties"]["code"] for f in layers["province"]["features"]}
    for f in layers["regency"]["features"]:
        assert f["properties"]["province_code"] == f["properties"]["code"][:2]


def km(a: Point, b: Point) -> float:
    lat = math.radians((a.y + b.y) / 2)
    return math.hypot((a.x - b.x) * 111.32 * math.cos(lat), (a.y - b.y) * 110.57)


def test_every_province_holds_its_capital_or_is_within_5_km(layers, provinces_ref):
    geoms = {f["properties"]["code"]: shape(f["geometry"]) for f in layers["province"]["features"]}
    far = []
    for r in provinces_ref.itertuples():
        capital = Point(r.capital_lon, r.capital_lat)
        g = geoms[r.code]
        if not g.contains(capital):
            nearest = nearest_points(g, capital)[0]
            if km(nearest, capital) > 5:
                far.append((r.code, round(km(nearest, capital), 1)))
    assert far == []


def test_neighbours_do_not_overlap(layers):
    geoms = [shape(f["geometry"]) for f in layers["province"]["features"]]
    tree = shapely.STRtree(geoms)
    worst = 0.0
    for i, g in enumerate(geoms):
        for j in tree.query(g):
            if j > i:
                inter = g.intersection(geoms[j]).area
                worst = max(worst, inter / min(g.area, geoms[j].area))
    assert worst < 0.005


def test_ring_orientation_is_rfc7946(layers):
    for f in layers["province"]["features"]:
        g = shape(f["geometry"])
        for p in getattr(g, "geoms", [g]):
            assert p.exterior.is_ccw


def test_a_broken_official_layer_is_refused(tmp_path):
    from netralitas.errors import NetralitasError
    from netralitas.geo import load_official_layer

    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    layer = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"kode": "99"}, "geometry": bowtie},
            {"type": "Feature", "properties": {}, "geometry": bowtie},
            {"type": "Feature", "properties": {"code": "11"}, "geometry": bowtie},
        ],
    }
    problems = validate_layer(layer, "province")
    text = " ".join(problems)
    assert "99" in text and "tanpa properti kode" in text and "tidak valid" in text and "missing" in text
    path = tmp_path / "resmi.geojson"
    path.write_text(json.dumps(layer))
    with pytest.raises(NetralitasError):
        load_official_layer(path)


@pytest.mark.parametrize(
    "spelling, level, code",
    [
        ("Jateng", "province", "33"),
        ("Prov. Jawa Tengah", "province", "33"),
        ("DIY", "province", "34"),
        ("NTB", "province", "52"),
        ("Kepri", "province", "21"),
        ("Irian Jaya Barat", "province", "92"),
        ("Nanggroe Aceh Darussalam", "province", "11"),
        ("Sumatra Utara", "province", "12"),
        ("Kab. Purbalingga", "regency", "3303"),
        ("Kabupaten Wakatobi", "regency", "7407"),
        ("KOTA MAKASSAR", "regency", "7371"),
        ("Pemkab Kediri", "regency", "3506"),
        ("Kota Kediri", "regency", "3571"),
    ],
)
def test_real_world_spellings(spelling, level, code):
    assert region_codes(level, spelling) == (code,)


def test_reference_tables():
    provs = pd.read_csv(REF / "provinces.csv", dtype={"code": str})
    regs = pd.read_csv(REF / "regencies.csv", dtype={"code": str, "province_code": str})
    assert len(provs) == 38 and len(regs) == 514 and provs["code"].is_unique and regs["code"].is_unique
    assert set(regs["province_code"]) == set(provs["code"])
    aliases = pd.read_csv(REF / "region_aliases.csv", dtype=str)
    province_aliases = aliases[aliases["level"] == "province"]
    assert not province_aliases.duplicated("alias").any()
