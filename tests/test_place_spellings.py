"""Official spellings of every province and regency resolve: dots, spacing, capitals, prefixes, "Kep.",
"Kota Adm.", the 2024 name of Jakarta. Variants are generated from the reference names, not listed."""

from __future__ import annotations

import re

import pytest

from netralitas.placekey import place_key
from netralitas.reference import _folded_region_aliases, provinces, regencies, region_codes

PROVINCE_PREFIXES = (
    "",
    "Provinsi ",
    "Prov. ",
    "PROV.",
    "Propinsi ",
    "Prop. ",
    "Pemerintah Provinsi ",
    "Pemprov ",
)
ABBREVIATIONS = {"31": "DKI", "34": "DIY", "52": "NTB", "53": "NTT"}


def dotted(word: str) -> list[str]:
    """'DKI' -> ['D.K.I.', 'D. K. I.', 'D.K.I']."""
    letters = list(word)
    return [".".join(letters) + ".", ". ".join(letters) + ".", ".".join(letters)]


def cased(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title()]


def spaced(text: str) -> list[str]:
    """Double spaces, and no space after a dot."""
    return [text, re.sub(" ", "  ", text), re.sub(r"\. ", ".", text)]


def province_spellings(code: str, name: str, official: str) -> set[str]:
    names = {name, official}
    for n in list(names):
        if n.startswith("Kepulauan "):
            names.add("Kep. " + n[len("Kepulauan ") :])
        words = n.split()
        # Multi-word initials in the name itself: "DKI Jakarta" -> "D.K.I. Jakarta", "DI Yogyakarta" -> "D. I. Yogyakarta"
        if words[0].isupper() and len(words[0]) > 1:
            for d in dotted(words[0]):
                names.add(" ".join([d, *words[1:]]))
    if code in ABBREVIATIONS:
        names.update(dotted(ABBREVIATIONS[code]))
    out = set()
    for n in names:
        for prefix in PROVINCE_PREFIXES:
            for c in cased(prefix + n):
                out.update(spaced(c))
    return out


def regency_spellings(kind: str, short: str, code: str) -> set[str]:
    shorts = {short}
    if short.startswith("Kepulauan "):
        shorts.add("Kep. " + short[len("Kepulauan ") :])
    if kind == "kabupaten":
        prefixes = ["Kabupaten ", "Kab. ", "KAB.", "Kab ", "Pemerintah Kabupaten ", "Pemkab "]
        if code.startswith("31"):
            prefixes += ["Kabupaten Administrasi ", "Kab. Adm. ", "Kabupaten Adm. "]
    else:
        prefixes = ["Kota ", "Pemerintah Kota ", "Pemkot "]
        if code.startswith("31"):
            prefixes += ["Kota Adm. ", "Kota Administrasi ", "KOTA ADM."]
    out = set()
    for s in shorts:
        for prefix in prefixes:
            for c in cased(prefix + s):
                out.update(spaced(c))
    return out


def test_every_province_in_every_generated_spelling():
    wrong: list[tuple[str, str, tuple]] = []
    frame = provinces()
    for code, name, official in zip(frame["code"], frame["name"], frame["name_official"], strict=True):
        spellings = province_spellings(code, name, official)
        assert len(spellings) > 40
        wrong.extend(
            (code, s, region_codes("province", s))
            for s in spellings
            if region_codes("province", s) != (code,)
        )
    assert len(frame) == 38
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    "spelling",
    [
        "D.K.I. Jakarta",
        "D. K. I. Jakarta",
        "Provinsi D.K.I. Jakarta",
        "Pemerintah Provinsi DKI Jakarta",
        "Daerah Khusus Jakarta",
        "Provinsi Daerah Khusus Jakarta",
        "DKJ",
        "D.K.J.",
        "Daerah Khusus Ibukota Jakarta",
    ],
)
def test_jakarta_in_its_old_and_new_names(spelling):
    assert region_codes("province", spelling) == ("31",)


def test_every_regency_in_every_generated_spelling():
    wrong: list[tuple[str, str, tuple]] = []
    frame = regencies()
    for code, kind, short in zip(frame["code"], frame["kind"], frame["short_name"], strict=True):
        for s in regency_spellings(kind, short, code):
            got = region_codes("regency", s)
            if got != (code,):
                wrong.append((code, s, got))
    assert len(frame) == 514
    assert not wrong, wrong[:20]


def test_unprefixed_regency_names_include_their_code():
    """Without 'Kab.'/'Kota' a name may be shared (Bandung, Kediri): the importer then asks for the
    province, so the code must be among those offered, whatever the capitals and dots."""
    frame = regencies()
    for code, short in zip(frame["code"], frame["short_name"], strict=True):
        for s in cased(short):
            assert code in region_codes("regency", s), (code, s)


def test_kepulauan_regencies_with_kep_abbreviation():
    assert region_codes("regency", "Kab. Kep. Seribu") == ("3101",)
    assert region_codes("regency", "Kabupaten Kepulauan Aru") == ("8107",)
    assert region_codes("regency", "KAB. KEP. MENTAWAI") == ("1309",)
    assert region_codes("regency", "Kab.Kep.Sangihe") == ("7103",)


def test_folding_keeps_kabupaten_and_kota_apart_and_provinces_unique():
    folded = _folded_region_aliases()
    assert not {k: v for k, v in folded.items() if k[0] == "province" and len(v) > 1}
    assert not {k: v for k, v in folded.items() if k[0] == "regency" and ":" in k[1] and len(v) > 1}
    assert region_codes("regency", "Kab. Bandung") == ("3204",)
    assert region_codes("regency", "Kota Bandung") == ("3273",)
    assert set(region_codes("regency", "Bandung")) == {"3204", "3273"}


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Prov. D.K.I. Jakarta", "dkijakarta"),
        ("KAB. KEP. SERIBU", "kabupaten:kepulauanseribu"),
        ("Kota Adm. Jakarta Selatan", "kota:jakartaselatan"),
        ("Pemerintah Daerah Kabupaten Labuhan Batu", "kabupaten:labuhanbatu"),
        ("Daerah Istimewa Yogyakarta", "daerahistimewayogyakarta"),
    ],
)
def test_place_key(raw, key):
    assert place_key(raw) == key


def test_unknown_places_stay_unknown():
    for s in ("Atlantis", "Prov. Atlantis", "Kab. Gotham", "D.X.Q."):
        assert region_codes("province", s) == () and region_codes("regency", s) == ()
