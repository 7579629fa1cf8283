"""Synthetic case data for demos, tests and the benchmark, shaped like a real Bawaslu/KASN export.

The figures are calibrated to the published ones in FACTS.md (positions, violation types, the provinces and
agencies that reported most in 2020, the follow-up funnel); places, agencies, phases and vocabularies come
from the reference tables in data/reference/. People are obviously fictitious ("Budi Rekaan", "Siti
Contoh") and NIPs only look valid: birth date, appointment month, sex and serial, consistent with each
other and with the incident date.

Everything is numpy-vectorised and deterministic for a seed (same seed, same DataFrame, same file bytes):
a million rows take a couple of seconds. ``messy=True`` writes the file analysts really receive: title
rows, semicolons, cp1252, CRLF, dates and names written in several ways, free-text statuses.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..config import REFERENCE_DIR  # noqa: E402

COLUMNS = [
    "No. Register",
    "Sumber",
    "Jenis Pemilihan",
    "Tahapan",
    "Tanggal Kejadian",
    "Tanggal Laporan",
    "Tanggal Rekomendasi",
    "Tanggal Tindak Lanjut",
    "Provinsi",
    "Kabupaten/Kota",
    "Instansi",
    "Jenis Instansi",
    "Jabatan",
    "Nama Terlapor",
    "NIP",
    "Jenis Pelanggaran",
    "Asal Temuan",
    "Status Penanganan",
    "Rekomendasi Sanksi",
    "Blokir Data Kepegawaian",
]
DATE_COLUMNS = ("Tanggal Kejadian", "Tanggal Laporan", "Tanggal Rekomendasi", "Tanggal Tindak Lanjut")
XLSX_MAX_ROWS = 200_000
TITLE_ROWS = ("REKAPITULASI PENANGANAN PELANGGARAN NETRALITAS ASN", "Sumber: data contoh / sample data")
FICTITIOUS_SURNAMES = ("Fiktif", "Contoh", "Sampel", "Rekaan", "Samaran")


@dataclass(frozen=True)
class ElectionProfile:
    share: float  # of all cases
    follow_up: float  # share of recommendations the PPK followed up (FACTS.md: 35%-80% in 2020)
    sources: tuple[float, float, float]  # Bawaslu, KASN, BKN (KASN was dissolved in 2024)
    province_scale: float  # how strongly the provinces that reported most in 2020 show in this election
    agency_scale: float  # and the agencies that reported most


ELECTIONS = {
    "pilkada-2020": ElectionProfile(0.36, 0.75, (0.45, 0.45, 0.10), 1.0, 1.0),
    "pilkada-2024": ElectionProfile(0.28, 0.52, (0.70, 0.00, 0.30), 0.6, 0.7),
    "pemilu-2024": ElectionProfile(0.22, 0.64, (0.55, 0.30, 0.15), 0.35, 0.7),
    "pemilu-2019": ElectionProfile(0.14, 0.58, (0.60, 0.35, 0.05), 0.6, 0.7),
}
SOURCES = ("Bawaslu", "KASN", "BKN")
PHASES = ("pra-tahapan", "pendaftaran", "kampanye", "masa-tenang", "pemungutan", "rekapitulasi", "pasca")
PHASE_WEIGHTS = (0.10, 0.28, 0.45, 0.05, 0.04, 0.05, 0.03)
POSITION_SHARES = {  # KASN, 26 Jun 2020 (the first five); pengawas and lainnya share the rest
    "jpt": 0.36,
    "fungsional": 0.17,
    "administrator": 0.13,
    "pelaksana": 0.12,
    "pengawas": 0.10,
    "kepala-wilayah": 0.07,
    "lainnya": 0.05,
}
VIOLATION_SHARES = {  # KASN, Nov 2020 (the first five); the other types share the rest
    "media-sosial": 0.242,
    "keberpihakan": 0.148,
    "pendekatan-parpol": 0.142,
    "deklarasi": 0.109,
    "kampanye": 0.075,
    "keputusan": 0.09,
    "alat-peraga": 0.04,
    "foto-simbol": 0.06,
    "pencalonan": 0.035,
    "politik-uang": 0.02,
    "fasilitas-negara": 0.025,
    "lainnya": 0.014,
}
# How much more (or less) likely a violation type is in a phase: parties are approached before the
# registration, social media fills the campaign, decisions and money come around the vote.
PHASE_AFFINITY = {
    "pra-tahapan": {
        "pendekatan-parpol": 3,
        "pencalonan": 2,
        "deklarasi": 1.5,
        "kampanye": 0.3,
        "politik-uang": 0.3,
    },
    "pendaftaran": {
        "pendekatan-parpol": 2.5,
        "deklarasi": 3,
        "pencalonan": 3,
        "kampanye": 0.5,
        "alat-peraga": 0.5,
    },
    "kampanye": {
        "media-sosial": 1.5,
        "kampanye": 2,
        "alat-peraga": 2,
        "foto-simbol": 1.5,
        "deklarasi": 0.4,
        "pendekatan-parpol": 0.4,
        "pencalonan": 0.2,
    },
    "masa-tenang": {
        "politik-uang": 4,
        "keputusan": 2,
        "fasilitas-negara": 2,
        "pencalonan": 0.1,
        "deklarasi": 0.1,
    },
    "pemungutan": {"keputusan": 3, "politik-uang": 3, "keberpihakan": 2, "pencalonan": 0.1, "deklarasi": 0.1},
    "rekapitulasi": {"keputusan": 3, "keberpihakan": 2, "lainnya": 2, "pencalonan": 0.1, "deklarasi": 0.1},
    "pasca": {"keputusan": 2, "lainnya": 3, "pencalonan": 0.1, "deklarasi": 0.1, "alat-peraga": 0.2},
}
# KASN, 30 Sep 2020: ASN reported per province and per agency, of 694 in all. Sumatera Selatan is raised
# so that Kab. Musi Rawas Utara's 19 fit inside it.
PROVINCE_HOTSPOTS_2020 = {
    "74": 90 / 694,
    "52": 83 / 694,
    "33": 74 / 694,
    "73": 49 / 694,
    "35": 42 / 694,
    "16": 0.04,
}
TOP_PROVINCES_2020 = ("74", "52", "33", "73", "35")
AGENCY_HOTSPOTS_2020 = {
    "3303": 56 / 694,
    "7407": 34 / 694,
    "3506": 21 / 694,
    "1613": 19 / 694,
    "5204": 18 / 694,
}
# Bawaslu, 6 Feb 2024: highest ASN-neutrality vulnerability in Pemilu 2024.
PROVINCE_VULNERABLE_2024 = {"82": 0.05, "71": 0.05, "91": 0.05, "31": 0.05, "34": 0.05}
PILKADA_2020_REGIONS = 261  # 270 elections in 2020, 9 of them for a governor
NO_PILKADA_2020 = ("11", "31")  # Aceh and DKI Jakarta held no regional election in 2020
AGENCY_KIND_SHARES = {"local": 0.80, "provinsi": 0.12, "pusat": 0.08}
JAKARTA_CENTRAL = 0.5  # in Jakarta, half the reported ASN work for a central agency
CENTRAL_AGENCIES = {
    "Kementerian Agama": 0.15,
    "Kementerian Pendidikan dan Kebudayaan": 0.12,
    "Kementerian Dalam Negeri": 0.09,
    "Kementerian Kesehatan": 0.07,
    "Kementerian Pertanian": 0.06,
    "Kementerian Desa dan Pembangunan Daerah Tertinggal": 0.06,
    "Kementerian Sosial": 0.05,
    "Kementerian Keuangan": 0.05,
    "Kementerian Agraria dan Tata Ruang/BPN": 0.05,
    "Kementerian Perhubungan": 0.04,
    "Badan Kepegawaian Negara": 0.04,
    "Badan Pusat Statistik": 0.05,
    "Badan Pengawasan Keuangan dan Pembangunan": 0.03,
    "Badan Narkotika Nasional": 0.03,
    "Badan Meteorologi Klimatologi dan Geofisika": 0.02,
    "Lembaga Administrasi Negara": 0.02,
}
STATUS_STAGES = {"dilaporkan": 0.03, "tidak-diregistrasi": 0.10, "diproses": 0.05}  # case level
VIOLATION_RATE = 0.70  # of all reported persons
RECOMMENDATION_RATE = 0.90  # of violations
SANCTION_SHARES = {"ringan": 0.20, "sedang": 0.55, "berat": 0.10, "moral": 0.15}
BLOCKED_RATE = 0.05  # of recommendations not followed up
TEMUAN_RATE = 0.30
MULTI_PERSON = (0.90, 0.07, 0.03)  # cases naming 1, 2, 3 persons
BLANK_RATES = {  # optional cells left empty, as in real files
    "Tahapan": 0.03,
    "Tanggal Kejadian": 0.04,
    "Kabupaten/Kota": 0.03,
    "Jenis Instansi": 0.03,
    "Jabatan": 0.04,
    "NIP": 0.03,
    "Jenis Pelanggaran": 0.02,
    "Asal Temuan": 0.02,
    "Rekomendasi Sanksi": 0.03,
}
GIVEN_NAMES = {
    1: (
        "Budi", "Agus", "Ahmad", "Andi", "Rudi", "Hendra", "Yusuf", "Eko", "Bambang", "Dedi", "Joko", "Made",
        "Ketut", "Yohanes", "Wayan", "Hasan", "Irfan", "Arif", "Slamet", "Ma'ruf", "Muhammad", "Rahmat",
        "Fransiskus", "Sutrisno",
    ),
    2: (
        "Siti", "Dewi", "Sri", "Nur", "Rina", "Wati", "Ratna", "Fitri", "Lestari", "Ani", "Maria", "Yuliana",
        "Kartika", "Indah", "Rahmawati", "Nurul", "Endang", "Wulan", "Nur'aini", "Putu", "Theresia", "Ayu",
        "Hartini", "Susanti",
    ),
}  # fmt: skip

# ---- messy spellings ---------------------------------------------------------------------------------
MONTHS_FULL = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "Nopember", "Desember",
)  # fmt: skip
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des")
MESSY_DATE_STYLES = {
    "dmy_slash": 0.30,
    "dmy_dash_yy": 0.15,
    "month_full": 0.20,
    "month_short": 0.25,
    "iso": 0.10,
}
PROVINCE_ABBREVIATIONS = {
    "Jawa Tengah": ("Jateng",),
    "Jawa Timur": ("Jatim",),
    "Jawa Barat": ("Jabar",),
    "DI Yogyakarta": ("DIY", "Daerah Istimewa Yogyakarta"),
    "DKI Jakarta": ("Jakarta",),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Sulawesi Tenggara": ("Sultra",),
    "Sulawesi Selatan": ("Sulsel",),
    "Sulawesi Utara": ("Sulut",),
    "Sulawesi Tengah": ("Sulteng",),
    "Sumatera Utara": ("Sumut", "Sumatra Utara"),
    "Sumatera Barat": ("Sumbar",),
    "Sumatera Selatan": ("Sumsel",),
    "Kepulauan Riau": ("Kepri",),
    "Kepulauan Bangka Belitung": ("Babel",),
    "Kalimantan Timur": ("Kaltim",),
    "Kalimantan Barat": ("Kalbar",),
    "Kalimantan Selatan": ("Kalsel",),
    "Kalimantan Tengah": ("Kalteng",),
    "Maluku Utara": ("Malut",),
    "Aceh": ("Nanggroe Aceh Darussalam",),
    "Papua Barat": ("Irian Jaya Barat",),
}
MESSY_STATUS_PHRASES = {  # canonical status code -> free text as files write it
    "ditindaklanjuti": ("Sudah ditindaklanjuti PPK", "Sudah TL"),
    "rekomendasi": ("Belum TL", "Belum ditindaklanjuti PPK"),
    "diproses": ("Dalam proses klarifikasi",),
    "bukan-pelanggaran": ("Tidak terbukti",),
    "tidak-diregistrasi": ("Tidak diregistrasi",),
    "pelanggaran": ("Terbukti melanggar",),
}
MESSY_POSITION_WORDS = {  # canonical position code -> job titles as files write them
    "kepala-wilayah": ("Camat", "Lurah"),
    "jpt": ("JPT Pratama", "Kepala Dinas", "Sekretaris Daerah"),
    "administrator": ("Kepala Bidang", "Kepala Bagian"),
    "pengawas": ("Kepala Seksi", "Kasubbag Umum"),
    "fungsional": ("Guru", "Penyuluh Pertanian", "Bidan"),
    "pelaksana": ("Staf", "Pelaksana"),
}
MESSY_SHARE = 0.6  # of the cells that have another spelling, how many use it


# ---- reference data ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Reference:
    calendar: pd.DataFrame
    labels: dict[str, dict[str, str]]  # field -> code -> label_id
    provinces: pd.DataFrame
    regencies: pd.DataFrame


@lru_cache(maxsize=1)
def _reference() -> _Reference:
    """The reference tables, read once (on first use, never at import)."""

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)

    vocab = read("vocabularies.csv")
    labels: dict[str, dict[str, str]] = {}
    for field, code, label in vocab[["field", "code", "label_id"]].itertuples(index=False):
        labels.setdefault(field, {})[code] = label
    provinces = read("provinces.csv").sort_values("code", ignore_index=True)
    regencies = read("regencies.csv").sort_values("code", ignore_index=True)
    for frame in (provinces, regencies):
        frame["population"] = pd.to_numeric(frame["population"], errors="coerce")
        frame["population"] = frame["population"].fillna(frame["population"].median())
    return _Reference(read("calendar.csv"), labels, provinces, regencies)


# ---- small vectorised helpers --------------------------------------------------------------------------
def _draw(rng: np.random.Generator, weights, n: int) -> np.ndarray:
    """n indices into `weights` (a sequence or a dict's values), drawn with those weights."""
    p = np.asarray(list(weights.values()) if isinstance(weights, dict) else weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int16)


def _uniform_int(
    rng: np.random.Generator, low: np.ndarray | int, high: np.ndarray | int, n: int
) -> np.ndarray:
    """Integers uniform in [low, high] (inclusive, element-wise)."""
    low, high = np.asarray(low), np.asarray(high)
    return low + np.floor(rng.random(n) * (high - low + 1)).astype(np.int64)


def _take(labels, idx: np.ndarray) -> pa.Array:
    """labels[idx] as an Arrow string array (a dictionary decode, done in C++)."""
    return pc.take(pa.array(list(labels), pa.string()), pa.array(np.asarray(idx, dtype=np.int32)))


def _fit_matrix(base: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Iterative proportional fitting: scale `base` until its row and column sums are `rows` and `cols`."""
    m = base.astype(float).copy()
    for _ in range(200):
        m *= (rows / m.sum(axis=1))[:, None]
        m *= cols / m.sum(axis=0)
    return m


# ---- the simulation ----------------------------------------------------------------------------------
@dataclass
class _Cases:
    """One synthetic data set as codes and integers (days since 1970-01-01); rendered to text later."""

    election: np.ndarray  # index into elections
    elections: list[str]
    election_labels: list[str]
    register: np.ndarray  # case number within its election
    source: np.ndarray
    phase: np.ndarray
    incident: np.ndarray
    report: np.ndarray
    recommendation: np.ndarray  # -1 when none
    follow_up: np.ndarray  # -1 when none
    regency: np.ndarray  # index into the regency table
    agency: np.ndarray  # index into agency_names
    agency_names: list[str]
    agency_type: np.ndarray  # index into AGENCY_TYPES
    position: np.ndarray
    name: np.ndarray  # index into names
    nip: np.ndarray  # int64, 18 digits
    violation: np.ndarray
    origin: np.ndarray
    status: np.ndarray
    sanction: np.ndarray  # -1 when none
    blocked: np.ndarray  # 0 "", 1 "Tidak", 2 "Ya"
    blank: dict[str, np.ndarray]  # column -> rows left empty

    def rows(self, start: int, stop: int) -> _Cases:
        """The rows start:stop (views, no copies)."""
        parts = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                value = value[start:stop]
            elif isinstance(value, dict):
                value = {k: v[start:stop] for k, v in value.items()}
            parts[f.name] = value
        return _Cases(**parts)


AGENCY_TYPES = ("pusat", "provinsi", "kabupaten", "kota")
STATUSES = (
    "dilaporkan",
    "tidak-diregistrasi",
    "diproses",
    "bukan-pelanggaran",
    "pelanggaran",
    "rekomendasi",
    "ditindaklanjuti",
)
SANCTIONS = tuple(SANCTION_SHARES)
POSITIONS = tuple(POSITION_SHARES)
VIOLATIONS = tuple(VIOLATION_SHARES)
ORIGINS = ("temuan", "laporan")


def _pilkada_2020_regions(regencies: pd.DataFrame) -> np.ndarray:
    """A fixed subset of about 261 regencies that held a regional election in 2020 (the five agencies that
    reported most among them), at least one in every province but Aceh and DKI Jakarta."""
    fixed = np.random.default_rng(20201209).random(len(regencies))
    prov = regencies["province_code"].to_numpy()
    eligible = ~np.isin(prov, NO_PILKADA_2020)
    fixed[~eligible] = np.inf
    fixed[np.isin(regencies["code"].to_numpy(), list(AGENCY_HOTSPOTS_2020))] = -1.0
    held = np.zeros(len(regencies), dtype=bool)
    held[np.argsort(fixed, kind="stable")[:PILKADA_2020_REGIONS]] = True
    for p in np.unique(prov[eligible]):  # every other province had at least one
        in_p = np.flatnonzero(prov == p)
        if not held[in_p].any():
            held[in_p[np.argmin(fixed[in_p])]] = True
    return held


def _regency_weights(election: str, ref: _Reference) -> np.ndarray:
    """Probability of each regency being the place of a case of `election`."""
    regs, provs = ref.regencies, ref.provinces
    profile = ELECTIONS[election]
    reg_prov = regs["province_code"].to_numpy()
    held = _pilkada_2020_regions(regs) if election == "pilkada-2020" else np.ones(len(regs), dtype=bool)
    prov_codes = provs["code"].to_numpy()
    prov_held = np.array([held[reg_prov == p].any() for p in prov_codes])

    # provinces: the 2020 hotspots (scaled), the 2024 vulnerability list, the rest by sqrt(population),
    # capped below the hotspots so that these stay on top
    fixed = {p: s * profile.province_scale for p, s in PROVINCE_HOTSPOTS_2020.items()}
    cap = 0.75 * min(fixed[p] for p in TOP_PROVINCES_2020)
    if election == "pemilu-2024":
        fixed.update(PROVINCE_VULNERABLE_2024)
    is_fixed = np.isin(prov_codes, list(fixed))
    share = np.where(prov_held & ~is_fixed, np.sqrt(provs["population"].to_numpy(dtype=float)), 0.0)
    rest = 1.0 - sum(fixed.values())
    share *= rest / share.sum()
    cap = max(cap, 1.25 * rest / (share > 0).sum())  # never below what the free provinces must carry
    while (share > cap * (1 + 1e-9)).any():  # water-filling: cap, give the excess to the others, repeat
        capped = share >= cap
        share[capped] = cap
        share[~capped] *= (rest - cap * capped.sum()) / share[~capped].sum()
    share[is_fixed] = [fixed[p] for p in prov_codes[is_fixed]]
    share /= share.sum()

    # regencies within their province: by sqrt(population), the agencies that reported most raised
    base = np.where(held, np.sqrt(regs["population"].to_numpy(dtype=float)), 0.0)
    weights = np.zeros(len(regs))
    hot = {c: s * profile.agency_scale for c, s in AGENCY_HOTSPOTS_2020.items()}
    reg_codes = regs["code"].to_numpy()
    for i, p in enumerate(prov_codes):
        in_p = reg_prov == p
        if share[i] == 0 or not base[in_p].any():
            continue
        within = base * in_p / base[in_p].sum()
        targets = {c: min(s / share[i], 0.8) for c, s in hot.items() if c[:2] == p}
        if targets:
            is_hot = np.isin(reg_codes, list(targets))
            within[in_p & ~is_hot] *= (1 - sum(targets.values())) / within[in_p & ~is_hot].sum()
            within[is_hot] = [targets[c] for c in reg_codes[is_hot]]
        weights += within * share[i]
    return weights / weights.sum()


def _violation_given_phase() -> np.ndarray:
    """P(violation type | phase), 7 x 12, fitted so that the overall shares are VIOLATION_SHARES."""
    base = np.ones((len(PHASES), len(VIOLATIONS)))
    for i, phase in enumerate(PHASES):
        for v, factor in PHASE_AFFINITY.get(phase, {}).items():
            base[i, VIOLATIONS.index(v)] = factor
    rows = np.array(PHASE_WEIGHTS) / sum(PHASE_WEIGHTS)
    cols = np.array(list(VIOLATION_SHARES.values()))
    joint = _fit_matrix(base * rows[:, None] * cols[None, :], rows, cols / cols.sum())
    return joint / joint.sum(axis=1, keepdims=True)


def _simulate(rows: int, seed: int) -> _Cases:
    """All the random draws, as compact integer arrays (about 60 bytes a row)."""
    ref = _reference()
    rng = np.random.default_rng(seed)
    elections = list(ELECTIONS)
    cal = ref.calendar
    election_labels = [cal.loc[cal["election"] == e, "name_id"].iloc[0] for e in elections]

    # cases: about 10% name 2 or 3 persons; the last case is cut to fill exactly `rows`
    sizes = _draw(rng, MULTI_PERSON, max(rows, 1)) + 1
    ends = np.cumsum(sizes)
    n_cases = int(np.searchsorted(ends, rows) + 1) if rows else 0
    sizes = sizes[:n_cases]
    if n_cases:
        sizes[-1] -= ends[n_cases - 1] - rows
    del ends

    # case level: election, source, phase and dates, place, violation type, origin, first stage
    election = _draw(rng, [ELECTIONS[e].share for e in elections], n_cases)
    # plain np.ndarray: reordered below by report date, which numpy's stubs type more loosely
    source: np.ndarray = np.empty(n_cases, dtype=np.int16)
    phase: np.ndarray = np.empty(n_cases, dtype=np.int16)
    incident: np.ndarray = np.empty(n_cases, dtype=np.int32)
    regency: np.ndarray = np.empty(n_cases, dtype=np.int16)
    for k, e in enumerate(elections):
        idx = np.flatnonzero(election == k)
        source[idx] = _draw(rng, ELECTIONS[e].sources, len(idx))
        windows = cal[cal["election"] == e].set_index("phase").reindex(list(PHASES))
        present = (windows["start_date"].fillna("") != "").to_numpy()  # a calendar may lack a phase
        start, end = (
            pd.to_datetime(windows[c].where(present, "1970-01-01"))
            .to_numpy()
            .astype("datetime64[D]")
            .astype(np.int64)
            for c in ("start_date", "end_date")
        )
        phase[idx] = _draw(rng, np.array(PHASE_WEIGHTS) * present, len(idx))
        incident[idx] = _uniform_int(rng, start[phase[idx]], end[phase[idx]], len(idx))
        regency[idx] = _draw(rng, _regency_weights(e, ref), len(idx))
    report = incident + _uniform_int(rng, 0, 14, n_cases).astype(np.int32)
    u = rng.random(n_cases)
    violation: np.ndarray = np.empty(n_cases, dtype=np.int16)
    for i, cumulative in enumerate(_violation_given_phase().cumsum(axis=1)):
        at = phase == i
        violation[at] = np.searchsorted(cumulative, u[at], side="right").clip(0, len(VIOLATIONS) - 1)
    origin: np.ndarray = (rng.random(n_cases) >= TEMUAN_RATE).astype(np.int16)
    stage = _draw(rng, [*STATUS_STAGES.values(), 1 - sum(STATUS_STAGES.values())], n_cases)
    recommendation_lag: np.ndarray = _uniform_int(rng, 10, 60, n_cases).astype(np.int32)

    # cases in the order of their report date; registers numbered in that order within each election
    order = np.lexsort((rng.random(n_cases), report))
    sizes, election, source, phase, incident, regency = (
        a[order] for a in (sizes, election, source, phase, incident, regency)
    )
    report, violation, origin, stage, recommendation_lag = (
        a[order] for a in (report, violation, origin, stage, recommendation_lag)
    )
    register = np.empty(n_cases, dtype=np.int32)
    for k in range(len(elections)):
        idx = np.flatnonzero(election == k)
        register[idx] = np.arange(1, len(idx) + 1)

    # person level: every row of a case shares the case's fields
    case = np.repeat(np.arange(n_cases, dtype=np.int32), sizes)
    multi = np.repeat(sizes > 1, sizes)
    election_r, stage_r, report_r = election[case], stage[case], report[case]

    # the funnel: dilaporkan >= diproses >= pelanggaran >= rekomendasi >= ditindaklanjuti
    decided = stage_r == len(STATUS_STAGES)
    violated = decided & (rng.random(rows) < VIOLATION_RATE / (1 - sum(STATUS_STAGES.values())))
    recommended = violated & (rng.random(rows) < RECOMMENDATION_RATE)
    follow_rate = np.array([ELECTIONS[e].follow_up for e in elections])[election_r]
    followed = recommended & (rng.random(rows) < follow_rate)
    del follow_rate
    status = np.select(
        [followed, recommended, violated, decided],
        [STATUSES.index(s) for s in ("ditindaklanjuti", "rekomendasi", "pelanggaran", "bukan-pelanggaran")],
        default=stage_r,
    ).astype(np.int16)
    recommendation = np.where(recommended, report_r + recommendation_lag[case], -1).astype(np.int32)
    follow_up = np.where(followed, recommendation + _uniform_int(rng, 7, 120, rows), -1).astype(np.int32)
    sanction = np.where(recommended, _draw(rng, SANCTION_SHARES, rows), -1).astype(np.int16)
    blocked = np.where(recommended, 1 + (~followed & (rng.random(rows) < BLOCKED_RATE)), 0).astype(np.int16)
    del decided, violated, followed, stage_r

    # position and agency: camat and lurah work for the regency (in Jakarta, for the province)
    regs, provs = ref.regencies, ref.provinces
    regency_r = regency[case]
    position = _draw(rng, POSITION_SHARES, rows)
    kind = _draw(rng, AGENCY_KIND_SHARES, rows)
    in_jakarta = (regs["province_code"].to_numpy() == "31")[regency_r]
    kind[in_jakarta] = np.where(rng.random(int(in_jakarta.sum())) < JAKARTA_CENTRAL, 2, 0)  # ministries' seat
    kind[position == POSITIONS.index("kepala-wilayah")] = 0
    central = _draw(rng, CENTRAL_AGENCIES, rows)
    n_reg, n_prov = len(regs), len(provs)
    prov_of_reg = np.searchsorted(provs["code"].to_numpy(), regs["province_code"].to_numpy())
    jakarta = regs["province_code"].to_numpy() == "31"  # DKI's cities are not autonomous
    local_agency = np.where(jakarta, n_reg + prov_of_reg, np.arange(n_reg))
    local_type = np.where(jakarta, 1, np.where(regs["kind"].to_numpy() == "kota", 3, 2))
    agency = np.select(
        [kind == 0, kind == 1],
        [local_agency[regency_r], n_reg + prov_of_reg[regency_r]],
        n_reg + n_prov + central,
    ).astype(np.int16)
    agency_type = np.select([kind == 0, kind == 1], [local_type[regency_r], 1], 0).astype(np.int16)
    del kind, central, in_jakarta
    agency_names = [
        f"Pemerintah {'Kota' if k == 'kota' else 'Kabupaten'} {s}"
        for k, s in zip(regs["kind"], regs["short_name"], strict=True)
    ]
    agency_names += [f"Pemerintah Provinsi {n}" for n in provs["name"]] + list(CENTRAL_AGENCIES)

    # people: fictitious names matching the sex digit of a NIP consistent with the incident date
    incident_r = incident[case]
    sex = 1 + (rng.random(rows) < 0.42).astype(np.int64)
    n_given, n_last = len(GIVEN_NAMES[1]), len(FICTITIOUS_SURNAMES)
    given = rng.integers(0, n_given, rows)
    middle = np.where(rng.random(rows) < 0.3, (given + rng.integers(1, n_given, rows)) % n_given, n_given)
    name = (((sex - 1) * (n_given + 1) + middle) * n_given + given) * n_last + rng.integers(0, n_last, rows)
    name = name.astype(np.int16)
    del given, middle
    # age 23-58 at the incident: 8,418 days are at least 23 years, 21,520 days less than 59
    birth = incident_r - _uniform_int(rng, 8418, 21520, rows)
    b_y, b_m, b_d = _ymd(birth)
    i_y, i_m, _ = _ymd(incident_r)
    first = b_y * 12 + (b_m - 1) + 20 * 12 + 1  # the month after the 20th birthday
    last = i_y * 12 + (i_m - 1) - 1  # appointed before the month of the incident
    appointed = first + np.floor(rng.random(rows) ** 1.7 * (last - first + 1)).astype(np.int64)
    nip = (b_y * 10_000 + b_m * 100 + b_d) * 10**10 + (appointed // 12 * 100 + appointed % 12 + 1) * 10**4
    del birth, b_y, b_m, b_d, i_y, i_m, first, last, appointed
    nip = _distinct_within_case(nip + sex * 1000, rng.integers(1, 1000, rows), case)

    blank = {c: rng.random(rows) < r for c, r in BLANK_RATES.items()}
    blank["NIP"] &= ~multi  # the persons of one case stay distinct
    blank["Rekomendasi Sanksi"] &= recommended
    return _Cases(
        election=election_r,
        elections=elections,
        election_labels=election_labels,
        register=register[case],
        source=source[case],
        phase=phase[case],
        incident=incident_r,
        report=report_r,
        recommendation=recommendation,
        follow_up=follow_up,
        regency=regency_r,
        agency=agency,
        agency_names=agency_names,
        agency_type=agency_type,
        position=position,
        name=name,
        nip=nip,
        violation=violation[case],
        origin=origin[case],
        status=status,
        sanction=sanction,
        blocked=blocked,
        blank=blank,
    )


def _names() -> list[str]:
    """Every name the simulation can give, in the order of its name index."""
    out = []
    for sex in (1, 2):
        given = GIVEN_NAMES[sex]
        for middle in (*given, ""):
            for first in given:
                for last in FICTITIOUS_SURNAMES:
                    out.append(" ".join(w for w in (first, middle, last) if w))
    return out


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day of days since 1970-01-01."""
    d = days.astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    return (
        months.astype(np.int64) // 12 + 1970,
        months.astype(np.int64) % 12 + 1,
        (d - months.astype("datetime64[D]")).astype(np.int64) + 1,
    )


def _distinct_within_case(base: np.ndarray, serial: np.ndarray, case: np.ndarray) -> np.ndarray:
    """base + serial, the serial moved on where two persons of one case would share a NIP."""
    serial = serial.copy()
    while True:
        nip = base + serial
        order = np.lexsort((nip, case))
        same = (case[order][1:] == case[order][:-1]) & (nip[order][1:] == nip[order][:-1])
        if not same.any():
            return nip
        bump = order[1:][same]
        serial[bump] = serial[bump] % 999 + 1


# ---- rendering -----------------------------------------------------------------------------------------
class _Renderer:
    """Turns the simulated codes into text columns, either clean or spelled as messy files spell them."""

    def __init__(self, cases: _Cases, messy: bool, rng: np.random.Generator) -> None:
        self.c = cases
        self.n = len(cases.status)
        self.messy = messy
        self.rng = rng

    def categorical(
        self,
        values: list[str],
        idx: np.ndarray,
        blank: np.ndarray | None = None,
        variants: list[tuple[str, ...]] | None = None,
        share: float = MESSY_SHARE,
    ) -> pa.Array:
        """values[idx]; "" where `blank` or idx < 0; in a messy file, a share of cells in another spelling."""
        variants = variants if (self.messy and variants) else [()] * len(values)
        flat = [x for v, alts in zip(values, variants, strict=True) for x in (v, *alts)] + [""]
        counts = np.array([len(a) for a in variants], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(counts + 1)[:-1]])
        safe = np.maximum(idx, 0)
        out = offsets[safe]
        if self.messy and counts.any():
            k = counts[safe]
            use = (self.rng.random(self.n) < share) & (k > 0)
            out = out + np.where(use, 1 + np.floor(self.rng.random(self.n) * k).astype(np.int64), 0)
        empty = idx < 0 if blank is None else (idx < 0) | blank
        return _take(flat, np.where(empty, len(flat) - 1, out))

    def dates(self, days: np.ndarray, valid: np.ndarray) -> pa.Array:
        """yyyy-mm-dd, or in a messy file a mix of 29/11/2023, 29-11-23, 29 Nopember 2023, 29 Nov 2023."""
        if not valid.any():
            return _take([""], np.zeros(self.n, dtype=np.int64))
        lo, hi = int(days[valid].min()), int(days[valid].max())
        span = np.arange(lo, hi + 1)
        y, m, d = _ymd(span)
        forms = [list(np.datetime_as_string(span.astype("datetime64[D]"), unit="D"))]
        style = np.zeros(self.n, dtype=np.int64)
        if self.messy:
            forms = [
                [f"{a:02d}/{b:02d}/{c}" for a, b, c in zip(d, m, y, strict=True)],
                [f"{a:02d}-{b:02d}-{c % 100:02d}" for a, b, c in zip(d, m, y, strict=True)],
                [f"{a} {MONTHS_FULL[b - 1]} {c}" for a, b, c in zip(d, m, y, strict=True)],
                [f"{a} {MONTHS_SHORT[b - 1]} {c}" for a, b, c in zip(d, m, y, strict=True)],
                forms[0],
            ]
            style = _draw(self.rng, MESSY_DATE_STYLES, self.n)
        flat = [x for f in forms for x in f] + [""]
        idx = style * len(span) + np.clip(days - lo, 0, len(span) - 1)
        return _take(flat, np.where(valid, idx, len(flat) - 1))

    def nip(self) -> pa.Array:
        text = pc.cast(pa.array(self.c.nip), pa.string())
        if self.messy:  # "19800101 200501 1 001", as personnel documents print it
            parts = [pc.utf8_slice_codeunits(text, a, b) for a, b in ((0, 8), (8, 14), (14, 15), (15, 18))]
            spaced = pc.binary_join_element_wise(*parts, " ")
            text = pc.if_else(pa.array(self.rng.random(self.n) < 0.3), spaced, text)
        return pc.if_else(pa.array(self.c.blank["NIP"]), pa.scalar("", pa.string()), text)

    def register(self) -> pa.Array:
        prefix = _take([f"SAMPEL/{e}/" for e in self.c.elections], self.c.election)
        number = pc.utf8_lpad(pc.cast(pa.array(self.c.register), pa.string()), 6, "0")
        return pc.binary_join_element_wise(prefix, number, "")

    def table(self) -> pa.Table:
        c, ref, blank = self.c, _reference(), self.c.blank
        labels = ref.labels
        regs, provs = ref.regencies, ref.provinces
        prov_of_reg = np.searchsorted(provs["code"].to_numpy(), regs["province_code"].to_numpy())
        unique_short = ~regs["short_name"].duplicated(keep=False).to_numpy()
        names = _names()
        columns = {
            "No. Register": self.register(),
            "Sumber": _take(SOURCES, c.source),
            "Jenis Pemilihan": _take(c.election_labels, c.election),
            "Tahapan": self.categorical([labels["phase"][p] for p in PHASES], c.phase, blank["Tahapan"]),
            "Tanggal Kejadian": self.dates(c.incident, ~blank["Tanggal Kejadian"]),
            "Tanggal Laporan": self.dates(c.report, np.ones(self.n, dtype=bool)),
            "Tanggal Rekomendasi": self.dates(c.recommendation, c.recommendation >= 0),
            "Tanggal Tindak Lanjut": self.dates(c.follow_up, c.follow_up >= 0),
            "Provinsi": self.categorical(
                list(provs["name"]),
                prov_of_reg[c.regency],
                variants=[
                    (n.upper(), f"Prov. {n}", f"Provinsi {n}", *PROVINCE_ABBREVIATIONS.get(n, ()))
                    for n in provs["name"]
                ],
            ),
            "Kabupaten/Kota": self.categorical(
                list(regs["name"]),
                c.regency,
                blank["Kabupaten/Kota"],
                variants=[
                    (n.upper(), *((f"Kab. {s}",) if k == "kabupaten" else ()), *((s,) if u else ()))
                    for n, s, k, u in zip(
                        regs["name"], regs["short_name"], regs["kind"], unique_short, strict=True
                    )
                ],
                share=0.4,
            ),
            "Instansi": self.categorical(
                c.agency_names,
                c.agency,
                variants=[_agency_variants(a) for a in c.agency_names],
                share=0.4,
            ),
            "Jenis Instansi": self.categorical(
                [labels["agency_type"][t] for t in AGENCY_TYPES], c.agency_type, blank["Jenis Instansi"]
            ),
            "Jabatan": self.categorical(
                [labels["position"][p] for p in POSITIONS],
                c.position,
                blank["Jabatan"],
                variants=[MESSY_POSITION_WORDS.get(p, ()) for p in POSITIONS],
            ),
            "Nama Terlapor": self.categorical(
                [n.replace("'", "\u2019") for n in names] if self.messy else names,
                c.name,
                variants=[(n.upper().replace("'", "\u2019"),) for n in names],
                share=0.3,
            ),
            "NIP": self.nip(),
            "Jenis Pelanggaran": self.categorical(
                [labels["violation_type"][v] for v in VIOLATIONS], c.violation, blank["Jenis Pelanggaran"]
            ),
            "Asal Temuan": self.categorical(
                [labels["origin"][o] for o in ORIGINS], c.origin, blank["Asal Temuan"]
            ),
            "Status Penanganan": self.categorical(
                [labels["status"][s] for s in STATUSES],
                c.status,
                variants=[MESSY_STATUS_PHRASES.get(s, ()) for s in STATUSES],
            ),
            "Rekomendasi Sanksi": self.categorical(
                [labels["sanction"][s] for s in SANCTIONS], c.sanction, blank["Rekomendasi Sanksi"]
            ),
            "Blokir Data Kepegawaian": _take(("", "Tidak", "Ya"), c.blocked),
        }
        return pa.table(columns)


def _agency_variants(name: str) -> tuple[str, ...]:
    for long, short in (("Pemerintah Kabupaten ", "Pemkab "), ("Pemerintah Kota ", "Pemkot ")):
        if name.startswith(long):
            rest = name.removeprefix(long)
            return (short + rest, ("Kab. " if short == "Pemkab " else "Kota ") + rest)
    if name.startswith("Pemerintah Provinsi "):
        return ("Pemprov " + name.removeprefix("Pemerintah Provinsi "),)
    return ()


_CHUNK = 100_000  # rows rendered at a time: memory stays bounded however many rows are written


def _tables(rows: int, seed: int, messy: bool) -> Iterator[pa.Table]:
    """The rows as text, in chunks of _CHUNK rows (always the same chunks, so always the same text)."""
    if rows < 0:
        raise ValueError("rows must be >= 0")
    cases = _simulate(rows, seed)
    for i, start in enumerate(range(0, max(rows, 1), _CHUNK)):
        rng = np.random.default_rng([seed, 1, i])  # drawn from only when messy: clean text stays the same
        yield _Renderer(cases.rows(start, start + _CHUNK), messy, rng).table()


def _table(rows: int, seed: int, messy: bool) -> pa.Table:
    return pa.concat_tables(list(_tables(rows, seed, messy)))


def generate_cases(rows: int, seed: int = 2024) -> pd.DataFrame:
    """`rows` synthetic case rows (one per reported person) with the Indonesian headers in COLUMNS and
    text values as a Bawaslu/KASN export has them; "" where a value does not apply or was left empty."""
    return _table(rows, seed, messy=False).to_pandas()


def generate_messy_cases(rows: int, seed: int = 2024) -> pd.DataFrame:
    """The same rows as generate_cases(rows, seed), spelled as real files spell them (mixed date formats,
    province abbreviations, free-text statuses and job titles, spaced NIPs)."""
    return _table(rows, seed, messy=True).to_pandas()


# ---- writing ------------------------------------------------------------------------------------------
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _csv_chunk(table: pa.Table, header: bool, delimiter: str, eol: str) -> bytes:
    """CSV text of `table`, unquoted unless a value needs quotes."""
    for quoting in ("none", "needed"):
        buf = io.BytesIO()
        options = pacsv.WriteOptions(
            include_header=header, delimiter=delimiter, eol=eol, quoting_style=quoting, quoting_header=quoting
        )
        try:
            pacsv.write_csv(table, buf, options)
            return buf.getvalue()
        except pa.ArrowInvalid:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _write_csv(tables: Iterator[pa.Table], out: Path, messy: bool) -> None:
    delimiter, eol, encoding = (";", "\r\n", "cp1252") if messy else (",", "\n", "utf-8")
    with open(out, "wb") as f:
        if messy:  # title rows, padded to the width of the table as Excel saves them
            pad = delimiter * (len(COLUMNS) - 1)
            f.write("".join(t + pad + eol for t in (*TITLE_ROWS, "")).encode(encoding))
        for i, table in enumerate(tables):
            chunk = _csv_chunk(table, i == 0, delimiter, eol)
            f.write(chunk if encoding == "utf-8" else chunk.decode("utf-8").encode(encoding))


def _write_xlsx(table: pa.Table, out: Path, messy: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    if messy:
        for title in TITLE_ROWS:
            ws.append([title])
        ws.append([])
    ws.append(COLUMNS)
    columns = [table.column(c).to_pylist() for c in COLUMNS]
    for row in zip(*columns, strict=True):
        ws.append([v or None for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(_reproducible_zip(buf.getvalue()))


def _reproducible_zip(data: bytes) -> bytes:
    """The same workbook with fixed timestamps, so the same seed gives the same bytes."""
    stamp = "2024-01-01T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), body)
            dst.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_sample(rows: int, out: Path, seed: int = 2024, messy: bool = False) -> Path:
    """Write `rows` synthetic rows to `out`: CSV (UTF-8, comma) or XLSX when `out` ends in .xlsx (at most
    200,000 rows). messy=True writes what analysts receive: two title rows and a blank row above the
    header, semicolons, cp1252, CRLF, mixed spellings. Returns the path."""
    out = Path(out)
    xlsx = out.suffix.lower() == ".xlsx"
    if xlsx and rows > XLSX_MAX_ROWS:
        raise ValueError(f"XLSX sample files hold at most {XLSX_MAX_ROWS:,} rows; write a CSV for more")
    if xlsx:
        _write_xlsx(_table(rows, seed, messy), out, messy)
    else:
        _write_csv(_tables(rows, seed, messy), out, messy)
    return out
