"""Boundary layers: the built approximate GeoJSON files, or an official one an administrator configured,
validated (known codes, valid non-empty geometry) with messages in Bahasa Indonesia and English."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shapely.geometry import shape
from shapely.validation import explain_validity

from .config import GEO_DIR
from .errors import NetralitasError
from .reference import provinces, regencies

FILES = {"province": "provinces.geojson", "regency": "regencies.geojson"}
CODE_PROPERTIES = ("code", "kode", "kode_prov", "kode_kab", "kdpkab", "kdppum", "id")


@lru_cache(maxsize=4)
def load_layer(level: str, path: Path | None = None) -> dict:
    """The GeoJSON FeatureCollection for 'province' or 'regency' (built layer unless a path is given)."""
    with (path or GEO_DIR / FILES[level]).open(encoding="utf-8") as f:
        return json.load(f)


def known_codes(level: str) -> set[str]:
    return set((provinces() if level == "province" else regencies())["code"])


def _code_of(feature: dict) -> str | None:
    props = feature.get("properties") or {}
    for key in CODE_PROPERTIES:
        if props.get(key) not in (None, ""):
            return str(props[key]).replace(".", "").strip()
    return None


def validate_layer(geojson: dict, level: str, codes: set[str] | None = None) -> list[str]:
    """Problems with a layer, one line each ('' list when it is usable)."""
    codes = known_codes(level) if codes is None else codes
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        return ["Bukan GeoJSON FeatureCollection (not a GeoJSON FeatureCollection)"]
    problems, seen = [], set()
    for i, feature in enumerate(geojson.get("features", [])):
        code = _code_of(feature)
        if code is None:
            problems.append(f"Fitur {i + 1} tanpa properti kode (feature {i + 1} has no code property)")
            continue
        if code not in codes:
            problems.append(f"Kode tidak dikenal: {code} (unknown code)")
        seen.add(code)
        try:
            geom = shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, KeyError):
            problems.append(f"Geometri {code} tidak dapat dibaca (geometry of {code} cannot be read)")
            continue
        if geom.is_empty:
            problems.append(f"Geometri {code} kosong (geometry of {code} is empty)")
        elif not geom.is_valid:
            problems.append(f"Geometri {code} tidak valid: {explain_validity(geom)} (invalid geometry)")
    missing = sorted(codes - seen)
    if missing:
        problems.append(
            f"Kode tidak ada di lapisan: {', '.join(missing[:10])}{' …' if len(missing) > 10 else ''} "
            f"({len(missing)} codes missing)"
        )
    return problems


def load_official_layer(path: str | Path, level: str = "province") -> dict:
    """An administrator's official layer keyed by Kemendagri code; raises NetralitasError when unusable."""
    try:
        with Path(path).open(encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise NetralitasError(
            f"Lapisan batas wilayah tidak dapat dibaca: {exc}", f"The boundary layer cannot be read: {exc}"
        ) from exc
    problems = validate_layer(data, level)
    if problems:
        raise NetralitasError(
            "Lapisan batas wilayah tidak valid: " + "; ".join(problems[:5]),
            "The boundary layer is not valid: " + "; ".join(problems[:5]),
        )
    for feature in data["features"]:
        feature["properties"] = {**feature.get("properties", {}), "code": _code_of(feature)}
    return data
