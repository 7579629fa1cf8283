"""Checks on the committed reference tables: provinces, regencies and the spellings that resolve to them."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest
from conftest import ROOT

from netralitas.text import text_key

REF = ROOT / "data" / "reference"
FACTS_NAMES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def rows(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def provinces() -> list[dict[str, str]]:
    return rows("provinces.csv")


@pytest.fixture(scope="module")
def regencies() -> list[dict[str, str]]:
    return rows("regencies.csv")


@pytest.fixture(scope="module")
def aliases() -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows("region_aliases.csv"):
        out[(r["level"], r["alias"])].add(r["code"])
    return out


def resolve(aliases, level: str, spelling: str) -> set[str]:
    return aliases.get((level, text_key(spelling)), set())


def test_files_are_utf8_lf_and_sorted():
    for name in ("provinces.csv", "regencies.csv", "region_aliases.csv"):
        data = (REF / name).read_bytes()
        data.decode("utf-8")
        assert b"\r" not in data and data.endswith(b"\n"), name
        body = [r for r in csv.reader(data.decode("utf-8").splitlines())][1:]
        assert body == sorted(body), name


def test_provinces(provinces):
    assert len(provinces) == 38
    assert {r["code"]: r["name"] for r in provinces} == FACTS_NAMES
    iso = [r["iso_code"] for r in provinces]
    assert len(set(iso)) == 38 and all(re.fullmatch(r"ID-[A-Z]{2}", c) for c in iso)
    assert {r["code"]: r["iso_code"] for r in provinces if r["code"] in ("93", "94", "95", "96")} == {
        "93": "ID-PS",
        "94": "ID-PT",
        "95": "ID-PE",
        "96": "ID-PD",
    }
    for r in provinces:
        assert r["name_official"] and r["capital"], r
        assert float(r["area_km2"]) > 500 and int(r["population"]) > 100_000, r
        for lat, lon in ((r["capital_lat"], r["capital_lon"]), (r["centroid_lat"], r["centroid_lon"])):
            assert -11.5 <= float(lat) <= 6.5 and 94 <= float(lon) <= 141.5, r
    capitals = {r["code"]: r["capital"] for r in provinces}
    assert capitals["94"] == "Nabire" and capitals["95"] == "Wamena" and capitals["31"] == "Jakarta"


def test_regencies(regencies, provinces):
    assert len(regencies) == 514
    codes = [r["code"] for r in regencies]
    assert len(set(codes)) == 514 and all(re.fullmatch(r"\d{4}", c) for c in codes)
    province_codes = {r["code"] for r in provinces}
    assert {r["province_code"] for r in regencies} == province_codes
    for r in regencies:
        assert r["code"][:2] == r["province_code"], r
        assert r["kind"] in ("kabupaten", "kota"), r
        prefix = "Kabupaten " if r["kind"] == "kabupaten" else "Kota "
        assert r["name"].startswith(prefix) and r["name"].endswith(" " + r["short_name"]), r
        assert "." not in r["name"] and r["capital"], r
        assert r["area_km2"] and float(r["area_km2"]) > 0 and int(r["population"]) > 0, r
        for lat, lon in ((r["capital_lat"], r["capital_lon"]), (r["centroid_lat"], r["centroid_lon"])):
            assert -11.5 <= float(lat) <= 6.5 and 94 <= float(lon) <= 141.5, r
    assert sum(r["kind"] == "kota" for r in regencies) == 98


def test_alias_keys_are_text_keys(aliases):
    for level, alias in aliases:
        assert level in ("province", "regency")
        assert alias and alias == text_key(alias), alias


def test_alias_codes_exist(aliases, provinces, regencies):
    known = {"province": {r["code"] for r in provinces}, "regency": {r["code"] for r in regencies}}
    for (level, alias), codes in aliases.items():
        assert codes <= known[level], (level, alias, codes)


def test_no_province_alias_means_two_provinces(aliases):
    assert [k for k, v in aliases.items() if k[0] == "province" and len(v) > 1] == []


def test_only_bare_regency_names_are_shared(aliases, regencies):
    """A kabupaten and a kota may share a bare name ("Bandung"); a prefixed spelling never is ambiguous."""
    shared = {k[1]: v for k, v in aliases.items() if k[0] == "regency" and len(v) > 1}
    kind = {r["code"]: r["kind"] for r in regencies}
    for alias, codes in shared.items():
        assert not re.match(r"(kab|kabupaten|kota|pemkab|pemkot|pemerintah)\b", alias), alias
        assert sorted(kind[c] for c in codes) == ["kabupaten", "kota"], (alias, codes)
    assert {"bandung", "kediri", "bogor", "malang"} <= set(shared)


def test_every_unit_resolves_by_its_own_names(aliases, provinces, regencies):
    for r in provinces:
        for spelling in (
            r["name"],
            r["name_official"],
            f"Provinsi {r['name']}",
            f"Prov. {r['name_official']}",
        ):
            assert resolve(aliases, "province", spelling) == {r["code"]}, spelling
    for r in regencies:
        assert resolve(aliases, "regency", r["name"]) == {r["code"]}, r["name"]
        assert r["code"] in resolve(aliases, "regency", r["short_name"]), r["short_name"]
        short = "Kab. " if r["kind"] == "kabupaten" else "Pemkot "
        assert resolve(aliases, "regency", short + r["short_name"]) == {r["code"]}, r["name"]


@pytest.mark.parametrize(
    "spelling, code",
    [
        ("Jateng", "33"),
        ("Prov. Jawa Tengah", "33"),
        ("PROVINSI JAWA TENGAH", "33"),
        ("DIY", "34"),
        ("D.I. Yogyakarta", "34"),
        ("Daerah Istimewa Yogyakarta", "34"),
        ("NTB", "52"),
        ("Kepri", "21"),
        ("Kep. Riau", "21"),
        ("Babel", "19"),
        ("Irian Jaya Barat", "92"),
        ("Irian Jaya", "91"),
        ("Nanggroe Aceh Darussalam", "11"),
        ("Aceh (NAD)", "11"),
        ("Sumatra Utara", "12"),
        ("Sumut", "12"),
        ("Pemprov DKI", "31"),
        ("DKI Jakarta", "31"),
        ("Daerah Khusus Ibukota Jakarta", "31"),
        ("Pemerintah Provinsi Sulawesi Tenggara", "74"),
        ("Papua Barat Daya", "96"),
        ("PBD", "96"),
        ("Papua Pegunungan", "95"),
    ],
)
def test_real_province_spellings(aliases, spelling, code):
    assert resolve(aliases, "province", spelling) == {code}


@pytest.mark.parametrize(
    "spelling, code",
    [
        ("Kab. Purbalingga", "3303"),
        ("Kabupaten Wakatobi", "7407"),
        ("KOTA MAKASSAR", "7371"),
        ("Pemkab Kediri", "3506"),
        ("Kota Kediri", "3571"),
        ("Kab. Musi Rawas Utara", "1613"),
        ("Kabupaten Sumbawa", "5204"),
        ("Kota Adm. Jakarta Selatan", "3174"),
        ("Kota Administrasi Jakarta Pusat", "3171"),
        ("Kab. Kep. Seribu", "3101"),
        ("Kab. Toba Samosir", "1212"),
        ("Kota Bau-Bau", "7472"),
        ("Kota Palangkaraya", "6271"),
        ("Kab. Kep. Siau Tagulandang Biaro", "7109"),
        ("Pemkot Solo", "3372"),
        ("Tangsel", "3674"),
        ("Kabupaten Pontianak", "6102"),
        ("Kota Pontianak", "6171"),
        ("Kab. Mamuju Utara", "7601"),
        ("Kabupaten Maluku Tenggara Barat", "8103"),
    ],
)
def test_real_regency_spellings(aliases, spelling, code):
    assert resolve(aliases, "regency", spelling) == {code}


def test_a_shared_regency_name_is_left_for_the_province_to_decide(aliases):
    assert resolve(aliases, "regency", "Kediri") == {"3506", "3571"}
    assert resolve(aliases, "regency", "Bandung") == {"3204", "3273"}
