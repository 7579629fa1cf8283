"""A spelling-independent key for province and regency names, applied alike to every reference alias and
to every value a file holds, so that official spellings map without listing each one.

What it folds, in order:
- initials written with dots or spaces are one word: "D.K.I." / "D. K. I." -> "dki", "N.T.B." -> "ntb";
- the abbreviation "Kep." is "Kepulauan" ("Kab. Kep. Seribu", "Prov. Kep. Riau");
- the government prefix in front of a name ("Pemerintah Provinsi", "Pemda", "Prov.", "Propinsi",
  "Pemkab", "Kabupaten Administrasi", "Kab. Adm.", "Kota Adm.", "Kotamadya") becomes a kind marker:
  "kabupaten", "kota" or nothing (provinces need no marker, and a regency's kind tells "Kab. Bandung"
  from "Kota Bandung");
- spacing: the rest is compared without spaces ("Labuhan Batu" = "Labuhanbatu", "Kep.Riau" = "Kep Riau").
"""

from __future__ import annotations

import re

from .text import text_key

_GOVERNMENT = r"(?:(?:pemerintah|pemda)(?: daerah)? )?"
_PROVINCE_WORD = r"(?:provinsi|propinsi|prov|prop|pemprov|pemprop)"
_KABUPATEN_WORD = r"(?:kabupaten|kab|pemkab)"
_KOTA_WORD = r"(?:kotamadya|kotamadia|kota|pemkot|pemkota|kodya)"
_ADMINISTRATIVE = r"(?: (?:administrasi|administratif|adm))?"
_PREFIXES = (
    (re.compile(rf"^{_GOVERNMENT}{_PROVINCE_WORD}{_ADMINISTRATIVE} "), ""),
    (re.compile(rf"^{_GOVERNMENT}{_KABUPATEN_WORD}{_ADMINISTRATIVE} "), "kabupaten"),
    (re.compile(rf"^{_GOVERNMENT}{_KOTA_WORD}{_ADMINISTRATIVE} "), "kota"),
    (re.compile(r"^(?:pemerintah|pemda)(?: daerah)? "), ""),
)


def _joined_initials(words: list[str]) -> list[str]:
    """Runs of two or more one-letter words are one word: ['d', 'k', 'i', 'jakarta'] -> ['dki', 'jakarta']."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if w:
            out.append(w)
    return out


def place_key(raw: object) -> str:
    """'Prov. D.K.I. Jakarta' -> 'dkijakarta'; 'KAB. KEP. SERIBU' -> 'kabupaten:kepulauanseribu';
    'Kota Adm. Jakarta Selatan' -> 'kota:jakartaselatan'; 'Bandung' -> 'bandung'."""
    words = _joined_initials(text_key(raw).split())
    text = " ".join("kepulauan" if w == "kep" else w for w in words)
    kind = ""
    for pattern, marker in _PREFIXES:
        m = pattern.match(text + " ")
        if m and text[m.end() :].strip():
            text, kind = text[m.end() :], marker
            break
    rest = text.replace(" ", "")
    return f"{kind}:{rest}" if kind else rest


def place_keys(raw: object) -> tuple[str, ...]:
    """The folded key, then the same without the kind marker read as a prefix: "Kota Baru" is both
    'kota:baru' and the regency 'kotabaru' (Kabupaten Kotabaru)."""
    key = place_key(raw)
    whole = "".join(_joined_initials(text_key(raw).split()))
    return (key,) if whole == key else (key, whole)
