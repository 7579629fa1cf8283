"""Boundary layers: the approximate GeoJSON files built by scripts/build_geo.py, or an official layer an
administrator supplies (for example from BIG) keyed by the same Kemendagri codes.

Nothing is read at import time; problems are reported in Bahasa Indonesia with English in parentheses.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import shape

from .config import GEO_DIR
from .errors import NetralitasError

FILES = {"province": "provinces.geojson", "regency": "regencies.geojson"}
CODE_LENGTH = {"province": 2, "regency": 4}
# Property names an official layer may carry its code under, most specific first (BIG uses KDPPUM/KDPKAB).
CODE_PROPERTIES = {
    "province": ("code", "kode", "kode_prov", "kode_provinsi", "kdppum", "id"),
    "regency": ("code", "kode", "kode_kab", "kode_kabupaten", "kode_kabkota", "kdpkab", "id"),
}
BOUNDS = (90.0, -15.0, 145.0, 10.0)  # anything outside is not WGS 84 longitude/latitude of Indonesia
MAX_LISTED = 10


class LayerError(NetralitasError, ValueError):
    """An official boundary layer that cannot be used."""


def _check_level(level: str) -> None:
    if level not in FILES:
        raise ValueError(f"level must be 'province' or 'regency', not {level!r}")


@lru_cache(maxsize=4)
def load_layer(level: str, path: Path | None = None) -> dict:
    """The GeoJSON FeatureCollection for 'province' or 'regency': the built layer unless a path is given.
    Cached: treat the returned dict as read-only."""
    _check_level(level)
    with (path or GEO_DIR / FILES[level]).open(encoding="utf-8") as f:
        return json.load(f)


def reference_codes(level: str) -> set[str]:
    """The Kemendagri codes of data/reference/{provinces,regencies}.csv."""
    _check_level(level)
    from .reference import provinces, regencies

    return set((provinces() if level == "province" else regencies())["code"])


def _normalise_code(value: object) -> str | None:
    """'32.01', 3201, 3201.0, ' 3201 ' -> '3201'; None for an empty value."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip().replace(".", "")
    return text or None


def feature_code(feature: dict, level: str) -> str | None:
    """The code of a feature, from the first code-like property present (case-insensitive)."""
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        return None
    lowered = {str(k).lower(): v for k, v in props.items()}
    for key in CODE_PROPERTIES[level]:
        code = _normalise_code(lowered.get(key))
        if code:
            return code
    return None


def _level_of(geojson: dict) -> str:
    """'regency' when most features carry a 4-digit code, else 'province'."""
    lengths = [
        len(feature_code(f, "regency") or "") for f in geojson.get("features") or [] if isinstance(f, dict)
    ]
    return "regency" if lengths and sum(n == 4 for n in lengths) * 2 > len(lengths) else "province"


def validate_layer(geojson: dict, level: str, known_codes: set[str] | None = None) -> list[str]:
    """Problems that keep a layer from being drawn, one line each; an empty list when it is usable.
    known_codes defaults to the codes of the reference tables."""
    _check_level(level)
    codes = reference_codes(level) if known_codes is None else set(known_codes)
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        return ["Bukan GeoJSON FeatureCollection (not a GeoJSON FeatureCollection)"]
    features = geojson.get("features")
    if not isinstance(features, list) or not features:
        return ["Lapisan tidak berisi fitur (the layer has no features)"]
    problems: list[str] = []
    seen: dict[str, int] = {}
    unknown: list[str] = []
    bounds: list[tuple[float, float, float, float]] = []
    for i, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"Elemen {i} bukan Feature (item {i} is not a Feature)")
            continue
        code = feature_code(feature, level)
        if code is None:
            problems.append(f"Fitur {i} tanpa properti kode (feature {i} has no code property)")
            label = f"fitur {i}"
        else:
            label = code
            seen[code] = seen.get(code, 0) + 1
            if code not in codes:
                unknown.append(code)
        if not feature.get("geometry"):
            problems.append(f"Fitur {label} tanpa geometri (feature {label} has no geometry)")
            continue
        try:
            geom = shape(feature["geometry"])
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.ShapelyError):
            problems.append(f"Geometri {label} tidak dapat dibaca (geometry of {label} cannot be read)")
            continue
        if geom.is_empty:
            problems.append(f"Geometri {label} kosong (geometry of {label} is empty)")
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(
                f"Geometri {label} bukan poligon: {geom.geom_type} (geometry of {label} is not a polygon)"
            )
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            problems.append(f"Geometri {label} tidak valid: {reason} (invalid geometry of {label})")
        else:
            bounds.append(geom.bounds)
    if unknown:
        problems.append(
            f"Kode tidak dikenal: {_listed(sorted(set(unknown)))} ({len(set(unknown))} unknown codes)"
        )
    doubled = sorted(c for c, n in seen.items() if n > 1)
    if doubled:
        problems.append(f"Kode ganda: {_listed(doubled)} ({len(doubled)} duplicate codes)")
    missing = sorted(codes - set(seen))
    if missing:
        problems.append(f"Kode tidak ada di lapisan: {_listed(missing)} ({len(missing)} codes missing)")
    if bounds:
        x0, y0 = min(b[0] for b in bounds), min(b[1] for b in bounds)
        x1, y1 = max(b[2] for b in bounds), max(b[3] for b in bounds)
        if x0 < BOUNDS[0] or y0 < BOUNDS[1] or x1 > BOUNDS[2] or y1 > BOUNDS[3]:
            problems.append(
                "Koordinat di luar Indonesia; gunakan bujur/lintang WGS 84 (EPSG:4326) "
                "(coordinates outside Indonesia; use WGS 84 longitude/latitude)"
            )
    return problems


def _listed(items: list[str]) -> str:
    return ", ".join(items[:MAX_LISTED]) + (" …" if len(items) > MAX_LISTED else "")


def load_official_layer(
    path: str | Path, level: str | None = None, known_codes: set[str] | None = None
) -> dict:
    """An official layer from a GeoJSON file, keyed by Kemendagri code under `code`, `kode`, `kode_prov` or
    `kode_kab` (BIG's KDPPUM/KDPKAB too); every feature gets a normalised `code` property. The level is
    inferred from the codes when not given. Raises LayerError (a ValueError) listing the problems."""
    try:
        with Path(path).open(encoding="utf-8-sig") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise LayerError.of("geo_unreadable", exc=exc) from exc
    if level is None:
        level = _level_of(data) if isinstance(data, dict) else "province"
    problems = validate_layer(data, level, known_codes)
    if problems:
        shown = "; ".join(problems[:MAX_LISTED]) + (
            f"; … (+{len(problems) - MAX_LISTED})" if len(problems) > MAX_LISTED else ""
        )
        raise LayerError.of("geo_invalid", path=path, shown=shown)
    for feature in data["features"]:
        feature["properties"] = {**(feature.get("properties") or {}), "code": feature_code(feature, level)}
    return data
