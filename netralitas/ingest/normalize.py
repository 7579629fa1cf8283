"""Value normalisers: each maps one distinct raw value to a canonical value (or says why it cannot).

They run once per distinct value, not once per row, so a 1,000,000-row file costs a few thousand calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import both
from ..reference import provinces_compatible, region_codes, vocabulary
from ..text import text_key

# Dates have their own module (whole-column day/month order); re-exported for the callers of this one.
from .dates import DateResult as DateResult
from .dates import parse_date as parse_date

_PILKADA = re.compile(
    r"pilkada|kepala daerah|gubernur|bupati|wali ?kota|pilgub|pilbup|pilwal|pemilihan serentak|"
    r"^pemilihan( tahun)? \d{4}$"
)
_PEMILU = re.compile(r"pemilu|pemilihan umum|pileg|pilpres|legislatif|presiden|\bdpr|\bdpd\b")
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")


def parse_election(raw: str, known: set[str]) -> str | None:
    """'Pilkada Serentak 2020' -> pilkada-2020; 'Pilpres 2024' -> pemilu-2024; None when not known."""
    key = text_key(raw)
    if not key:
        return None
    if key.replace(" ", "-") in known:
        return key.replace(" ", "-")
    year = _YEAR.search(key)
    if not year:
        return None
    if _PILKADA.search(key):
        kind = "pilkada"
    elif _PEMILU.search(key):
        kind = "pemilu"
    else:
        return None
    code = f"{kind}-{year[1]}"
    return code if code in known else None


_BOOL_TRUE = {"ya", "y", "yes", "true", "1", "diblokir", "blokir", "sudah diblokir", "terblokir", "benar"}
_BOOL_FALSE = {
    "tidak",
    "t",
    "no",
    "false",
    "0",
    "tidak diblokir",
    "belum diblokir",
    "dibuka",
    "belum",
    "bukan",
    "blokir dibuka",
    "tdk",
}


def parse_bool(raw: str) -> bool | None:
    key = text_key(raw)
    if key in _BOOL_TRUE:
        return True
    if key in _BOOL_FALSE:
        return False
    return None


_AGENCY_PREFIXES = (
    (re.compile(r"^(pemerintah\s+)?(kabupaten|kab\.?|pemkab)\s+", re.I), "Pemerintah Kabupaten "),
    (re.compile(r"^(pemerintah\s+)?(kota|pemkot)\s+", re.I), "Pemerintah Kota "),
    (re.compile(r"^(pemerintah\s+)?(provinsi|prov\.?|pemprov|propinsi)\s+", re.I), "Pemerintah Provinsi "),
)
_CENTRAL = re.compile(
    r"\b(kementerian|kemen\w*|badan|lembaga|sekretariat (jenderal|negara|kabinet)|bkn|kpu|"
    r"bawaslu|kejaksaan|mahkamah|komisi|ombudsman|bappenas|lan|arsip nasional|bpk|bpkp)\b",
    re.I,
)


def clean_agency(raw: str) -> tuple[str | None, str | None]:
    """(cleaned name, inferred agency type). 'KAB. PURBALINGGA' -> ('Pemerintah Kabupaten Purbalingga', 'kabupaten')."""
    text = " ".join(str(raw).split())
    if not text:
        return None, None
    if text.isupper() and len(text) > 4:
        text = " ".join(
            w if (len(w) <= 4 and w.isalpha() and w not in {"KAB.", "KOTA"}) else w.title()
            for w in text.split()
        )
    for pattern, prefix in _AGENCY_PREFIXES:
        m = pattern.match(text)
        if m and text[m.end() :].strip():
            rest = text[m.end() :].strip()
            kind = prefix.split()[1].lower()
            return prefix + rest, kind
    if _CENTRAL.search(text):
        return text, "pusat"
    if re.search(
        r"\bdinas\b|\bsekretariat daerah\b|\bkecamatan\b|\bkelurahan\b|\bbappeda\b|\brsud\b", text, re.I
    ):
        return text, None  # a local office: kabupaten, kota or provinsi cannot be told from the name alone
    return text, None


@dataclass(frozen=True)
class Location:
    province_code: str | None
    regency_code: str | None
    error_id: str | None = None
    error_en: str | None = None
    warning_id: str | None = None
    warning_en: str | None = None


def resolve_location(
    raw_province: str,
    raw_regency: str,
    extra_province: dict[str, str] | None = None,
    extra_regency: dict[str, str] | None = None,
) -> Location:
    """Province and regency codes for one (province, regency) pair as written in a file.

    The regency decides the current province; an ambiguous regency name ("Bandung") is settled by the
    province; a location that maps to nothing rejects the row, an unknown regency under a known
    province is a warning.
    """
    prov_text, reg_text = (raw_province or "").strip(), (raw_regency or "").strip()
    prov_key, reg_key = text_key(prov_text), text_key(reg_text)
    prov_codes: tuple[str, ...] = ()
    if prov_key:
        if extra_province and prov_key in extra_province:
            prov_codes = (extra_province[prov_key],) if extra_province[prov_key] else ()
        else:
            prov_codes = region_codes("province", prov_text)
    reg_codes: tuple[str, ...] = ()
    if reg_key:
        if extra_regency and reg_key in extra_regency:
            reg_codes = (extra_regency[reg_key],) if extra_regency[reg_key] else ()
        else:
            reg_codes = region_codes("regency", reg_text)
    province = prov_codes[0] if len(prov_codes) == 1 else None
    if len(reg_codes) > 1 and province:
        narrowed = tuple(c for c in reg_codes if provinces_compatible(province, c[:2], None))
        reg_codes = narrowed or reg_codes
    regency = reg_codes[0] if len(reg_codes) == 1 else None
    if regency:
        if province and not provinces_compatible(province, regency[:2], None):
            return Location(
                None, None, *both("imp_regency_not_in_province", regency=reg_text, province=prov_text)
            )
        if prov_key and not province:
            warning_id, warning_en = both("imp_province_from_regency", province=prov_text)
            return Location(regency[:2], regency, warning_id=warning_id, warning_en=warning_en)
        return Location(regency[:2], regency)
    if province:
        if reg_key:
            key = "imp_regency_ambiguous" if len(reg_codes) > 1 else "imp_regency_unknown"
            warning_id, warning_en = both(key, regency=reg_text)
            return Location(province, None, warning_id=warning_id, warning_en=warning_en)
        return Location(province, None)
    if not prov_key and not reg_key:
        return Location(None, None, *both("imp_location_empty"))
    shown = " / ".join(t for t in (prov_text, reg_text) if t)
    if len(reg_codes) > 1:
        return Location(None, None, *both("imp_regency_ambiguous_alone", location=shown))
    return Location(None, None, *both("imp_location_unknown", location=shown))


def match_value(field_name: str, raw: str, extra: dict[str, str] | None = None) -> str | None:
    return vocabulary().match(field_name, raw, extra)
