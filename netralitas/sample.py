"""Synthetic sample data, calibrated to the published figures in FACTS.md, shaped like a real export.

Names are obviously fictitious (surnames "Rekaan", "Contoh", "Sampel", …); NIPs are valid-looking
(birth date, appointment month, sex, serial) and consistent with the incident date. Everything is
numpy-vectorised and deterministic for a seed: a million rows take seconds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .reference import provinces, regencies, vocabulary

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
ELECTIONS = {  # share of rows, and the follow-up rate of that season (FACTS.md: 35%–80% in 2020)
    "pilkada-2020": (0.36, "Pilkada 2020", 0.56),
    "pilkada-2024": (0.28, "Pilkada 2024", 0.68),
    "pemilu-2024": (0.22, "Pemilu 2024", 0.62),
    "pemilu-2019": (0.14, "Pemilu 2019", 0.50),
}
PHASE_WEIGHT = {
    "pra-tahapan": 0.10,
    "pendaftaran": 0.28,
    "kampanye": 0.45,
    "masa-tenang": 0.05,
    "pemungutan": 0.04,
    "rekapitulasi": 0.05,
    "pasca": 0.03,
}
POSITIONS = {
    "jpt": 0.36,
    "fungsional": 0.17,
    "administrator": 0.13,
    "pelaksana": 0.12,
    "kepala-wilayah": 0.07,
    "pengawas": 0.10,
    "lainnya": 0.05,
}
VIOLATIONS = {
    "media-sosial": 0.242,
    "keberpihakan": 0.148,
    "pendekatan-parpol": 0.142,
    "deklarasi": 0.109,
    "keputusan": 0.09,
    "kampanye": 0.07,
    "foto-simbol": 0.06,
    "alat-peraga": 0.04,
    "pencalonan": 0.035,
    "fasilitas-negara": 0.03,
    "politik-uang": 0.02,
    "lainnya": 0.014,
}
# Provinces that reported most in 2020 (KASN, 30 Sep 2020) and Bawaslu's 2024 vulnerability list.
HOTSPOTS_2020 = {"74": 9.0, "52": 8.3, "33": 7.4, "73": 4.9, "35": 4.2}
HOTSPOTS_2024 = {"82": 3.0, "71": 3.0, "91": 3.0, "31": 3.0, "34": 3.0}
AGENCY_HOTSPOTS = {"3303": 6.0, "7407": 4.0, "3506": 3.0, "1613": 2.5, "5204": 2.5}
CENTRAL = [
    "Kementerian Dalam Negeri",
    "Kementerian Agama",
    "Kementerian Pendidikan Dasar dan Menengah",
    "Kementerian Kesehatan",
    "Kementerian Pertanian",
    "Badan Kepegawaian Negara",
    "Badan Pusat Statistik",
    "Kementerian Desa dan Pembangunan Daerah Tertinggal",
    "Badan Pertanahan Nasional",
    "Kementerian Sosial",
]
GIVEN = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Ahmad",
    "Sri",
    "Andi",
    "Nur",
    "Rudi",
    "Rina",
    "Hendra",
    "Wati",
    "Yusuf",
    "Ratna",
    "Eko",
    "Fitri",
    "Bambang",
    "Lestari",
    "Dedi",
    "Ani",
    "Joko",
    "Made",
    "Ketut",
    "Yohanes",
    "Maria",
]
SURNAMES = ["Rekaan", "Contoh", "Sampel", "Fiktif", "Samaran"]
BLANK_SHARE = 0.03


def _choice(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys = np.array(list(weights))
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _lookup(values: np.ndarray, mapping: dict) -> np.ndarray:
    """mapping[v] for every v, computed once per distinct value (vectorised)."""
    inverse, uniq = pd.factorize(values)
    return np.array([mapping[u] for u in uniq], dtype=object)[inverse]


def _calendar() -> pd.DataFrame:
    from .config import REFERENCE_DIR

    return pd.read_csv(REFERENCE_DIR / "calendar.csv", parse_dates=["start_date", "end_date"])


def _iso(days: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """datetime64[D] to 'yyyy-mm-dd' strings, '' where not valid."""
    text = np.datetime_as_string(days, unit="D")
    return np.where(valid, text, "")


def generate_cases(rows: int, seed: int = 2024) -> pd.DataFrame:
    """`rows` case rows with Indonesian headers and labels, as a Bawaslu/KASN export would have them."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary()
    label = {f: {c: vocab.label(f, c) for c in vocab.codes(f)} for f in vocab.labels}
    cal = _calendar()
    regs = regencies()
    provs = provinces().set_index("code")

    # cases and persons: ~10% of cases name 2-3 persons, who share the case number
    persons = rng.choice([1, 2, 3], size=rows, p=[0.9, 0.07, 0.03])
    case_of_row = np.repeat(np.arange(rows), persons)[:rows]
    first_of_case = np.r_[True, case_of_row[1:] != case_of_row[:-1]]
    # every row of a case takes its place and dates from the case's first row
    first_row = np.maximum.accumulate(np.where(first_of_case, np.arange(rows), 0))

    election = _choice(rng, {k: v[0] for k, v in ELECTIONS.items()}, rows)[case_of_row]
    # location: regency drawn by population with the published hotspots raised, per election
    pop = regs["population"].fillna(regs["population"].median()).to_numpy(dtype=float) ** 0.5
    reg_codes, reg_prov = regs["code"].to_numpy(), regs["province_code"].to_numpy()
    regency = np.empty(rows, dtype=object)
    for e in ELECTIONS:
        idx = np.flatnonzero(election == e)
        if not len(idx):
            continue
        w = pop.copy()
        hot = HOTSPOTS_2020 if e.startswith("pilkada-2020") or e == "pemilu-2019" else HOTSPOTS_2024
        for code, factor in hot.items():
            w[reg_prov == code] *= factor
        for code, factor in AGENCY_HOTSPOTS.items():
            w[reg_codes == code] *= factor if e == "pilkada-2020" else 1.0
        if e.startswith("pilkada"):
            # only regions holding an election that year: a fixed, seeded subset of about 270 regencies
            held = np.random.default_rng(int(e[-4:])).random(len(w)) < 0.53
            held[np.isin(reg_codes, list(AGENCY_HOTSPOTS))] = True
            w = w * held
        regency[idx] = reg_codes[rng.choice(len(w), size=len(idx), p=w / w.sum())]
    regency = regency[first_row]
    prov = regency.astype("U4").astype("U2")

    # dates: an incident inside the election's calendar, weighted by phase
    incident = np.empty(rows, dtype="datetime64[D]")
    phase = np.empty(rows, dtype=object)
    for e in ELECTIONS:
        idx = np.flatnonzero(election == e)
        if not len(idx):
            continue
        rows_e = cal[cal["election"] == e]
        ph = _choice(rng, {p: PHASE_WEIGHT[p] for p in rows_e["phase"]}, len(idx))
        starts = dict(
            zip(rows_e["phase"], rows_e["start_date"].to_numpy().astype("datetime64[D]"), strict=True)
        )
        ends = dict(zip(rows_e["phase"], rows_e["end_date"].to_numpy().astype("datetime64[D]"), strict=True))
        s = _lookup(ph, starts).astype("datetime64[D]")
        span = _lookup(ph, {p: int((ends[p] - starts[p]).astype(int)) + 1 for p in starts}).astype(int)
        incident[idx] = s + (rng.random(len(idx)) * span).astype(int)
        phase[idx] = ph
    incident, phase = incident[first_row], phase[first_row]
    report = incident + rng.integers(0, 15, rows)[first_row]

    # the funnel: reported >= processed >= violation >= recommendation >= followed up
    follow = _lookup(election, {e: v[2] for e, v in ELECTIONS.items()}).astype(float)
    u = rng.random(rows)
    status = np.select(
        [u < 0.06, u < 0.12, u < 0.20, u < 0.30],
        ["dilaporkan", "tidak-diregistrasi", "diproses", "bukan-pelanggaran"],
        default="violation",
    )
    v = rng.random(rows)
    violated = status == "violation"
    status = np.where(violated & (v < 0.08), "pelanggaran", status)
    recommended = violated & (v >= 0.08)
    done = recommended & (rng.random(rows) < follow)
    status = np.where(done, "ditindaklanjuti", np.where(recommended, "rekomendasi", status))
    recommendation = report + rng.integers(10, 61, rows)
    follow_up = recommendation + rng.integers(7, 121, rows)
    sanction = np.where(
        recommended, _choice(rng, {"sedang": 0.55, "ringan": 0.2, "berat": 0.1, "moral": 0.15}, rows), ""
    )
    blocked = np.where(
        recommended & ~done,
        np.where(rng.random(rows) < 0.05, "Ya", "Tidak"),
        np.where(recommended, "Tidak", ""),
    )

    # agencies: the regency government mostly, else the province or a central agency
    kind = _choice(rng, {"local": 0.78, "provinsi": 0.12, "pusat": 0.10}, rows)
    reg_name = dict(zip(regs["code"], regs["short_name"], strict=True))
    reg_kind = dict(zip(regs["code"], regs["kind"], strict=True))
    reg_full = dict(zip(regs["code"], regs["name"], strict=True))
    central = np.array(CENTRAL)[rng.integers(0, len(CENTRAL), rows)]
    local_name = _lookup(
        regency,
        {
            r: f"Pemerintah {'Kabupaten' if reg_kind[r] == 'kabupaten' else 'Kota'} {reg_name[r]}"
            for r in reg_name
        },
    )
    prov_name = provs["name"].to_dict()
    agency = np.where(
        kind == "local",
        local_name,
        np.where(
            kind == "provinsi",
            _lookup(prov, {p: f"Pemerintah Provinsi {n}" for p, n in prov_name.items()}),
            central,
        ),
    )
    agency_type = np.where(kind == "local", _lookup(regency, reg_kind), kind)

    # persons: fictitious names, NIPs consistent with age and appointment
    years = incident.astype("datetime64[Y]").astype(int) + 1970
    birth_year = years - rng.integers(23, 59, rows)
    birth = (birth_year - 1970).astype("datetime64[Y]") + rng.integers(0, 365, rows).astype("timedelta64[D]")
    appoint_year = np.minimum(birth_year + 20 + rng.integers(1, 15, rows), years)
    sex = rng.integers(1, 3, rows)
    serial = rng.integers(1, 1000, rows)
    nip = np.char.add(
        np.char.add(
            np.char.replace(np.datetime_as_string(birth, unit="D"), "-", ""),
            np.char.add(appoint_year.astype(str), np.char.zfill(rng.integers(1, 13, rows).astype(str), 2)),
        ),
        np.char.add(sex.astype(str), np.char.zfill(serial.astype(str), 3)),
    )
    names = np.char.add(
        np.char.add(np.array(GIVEN)[rng.integers(0, len(GIVEN), rows)], " "),
        np.array(SURNAMES)[rng.integers(0, len(SURNAMES), rows)],
    )
    # the persons of one case differ: make the NIP serial unique within the case
    source = _choice(rng, {"Bawaslu": 0.55, "KASN": 0.35, "BKN": 0.10}, rows)[case_of_row]
    register = np.char.add(
        np.char.add("SAMPEL/", election.astype(str)),
        np.char.add("/", np.char.zfill(case_of_row.astype(str), 7)),
    )
    within = np.arange(rows) - first_row
    nip = np.char.add(nip.astype("U15"), np.char.zfill(((serial + within * 7) % 1000).astype(str), 3))

    def maybe_blank(values: np.ndarray) -> np.ndarray:
        return np.where(rng.random(rows) < BLANK_SHARE, "", values)

    frame = pd.DataFrame(
        {
            "No. Register": register,
            "Sumber": source,
            "Jenis Pemilihan": _lookup(election, {e: v[1] for e, v in ELECTIONS.items()}),
            "Tahapan": maybe_blank(_lookup(phase, label["phase"])),
            "Tanggal Kejadian": maybe_blank(_iso(incident, np.ones(rows, bool))),
            "Tanggal Laporan": _iso(report, np.ones(rows, bool)),
            "Tanggal Rekomendasi": _iso(recommendation, recommended),
            "Tanggal Tindak Lanjut": _iso(follow_up, done),
            "Provinsi": _lookup(prov, prov_name),
            "Kabupaten/Kota": maybe_blank(_lookup(regency, reg_full)),
            "Instansi": agency,
            "Jenis Instansi": _lookup(agency_type, label["agency_type"]),
            "Jabatan": maybe_blank(_lookup(_choice(rng, POSITIONS, rows), label["position"])),
            "Nama Terlapor": names,
            "NIP": maybe_blank(nip),
            "Jenis Pelanggaran": maybe_blank(
                _lookup(_choice(rng, VIOLATIONS, rows), label["violation_type"])
            ),
            "Asal Temuan": _lookup(_choice(rng, {"temuan": 0.3, "laporan": 0.7}, rows), label["origin"]),
            "Status Penanganan": _lookup(status, label["status"]),
            "Rekomendasi Sanksi": _lookup(sanction, {**label["sanction"], "": ""}),
            "Blokir Data Kepegawaian": blocked,
        }
    )
    return frame[COLUMNS]


MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "Nopember",
    "Desember",
]
MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]
PROVINCE_SPELLINGS = {
    "Jawa Tengah": ["Jateng", "PROV. JAWA TENGAH"],
    "Jawa Timur": ["Jatim", "Prov. Jawa Timur"],
    "Jawa Barat": ["Jabar", "JAWA BARAT"],
    "DI Yogyakarta": ["DIY", "D.I. Yogyakarta"],
    "Nusa Tenggara Barat": ["NTB"],
    "Nusa Tenggara Timur": ["NTT"],
    "Sulawesi Tenggara": ["Sultra"],
    "Sulawesi Selatan": ["Sulsel", "SULAWESI SELATAN"],
    "Sumatera Utara": ["Sumut", "Sumatra Utara"],
    "Kepulauan Riau": ["Kepri"],
    "Kepulauan Bangka Belitung": ["Babel"],
    "Kalimantan Timur": ["Kaltim"],
}
STATUS_PHRASES = {
    "Ditindaklanjuti PPK": ["Sudah ditindaklanjuti PPK", "Sudah TL"],
    "Rekomendasi sanksi": ["Belum TL", "Belum ditindaklanjuti PPK"],
    "Diproses": ["Dalam proses klarifikasi"],
    "Bukan pelanggaran": ["Tidak terbukti"],
    "Tidak diregistrasi": ["Tidak diregistrasi"],
    "Pelanggaran": ["Terbukti melanggar"],
}
POSITION_WORDS = {
    "Kepala wilayah (camat/lurah)": ["Camat", "Lurah"],
    "Jabatan Pimpinan Tinggi (JPT)": ["JPT Pratama", "Kepala Dinas"],
    "Fungsional": ["Guru", "Fungsional"],
    "Pelaksana": ["Staf", "Pelaksana"],
}


def _messy_dates(values: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """The same dates written five ways, as merged spreadsheets have them."""
    d = pd.to_datetime(values, errors="coerce")
    style = rng.integers(0, 5, len(values))
    day, month, year = (
        d.dt.day.astype("Int64").astype(str),
        d.dt.month.fillna(1).astype(int),
        d.dt.year.astype("Int64").astype(str),
    )
    forms = [
        d.dt.strftime("%d/%m/%Y"),
        d.dt.strftime("%d-%m-%y"),
        day + " " + pd.Series(np.array(MONTHS_ID)[month - 1], index=values.index) + " " + year,
        day + " " + pd.Series(np.array(MONTHS_SHORT)[month - 1], index=values.index) + " " + year,
        d.dt.strftime("%Y-%m-%d"),
    ]
    out = np.select([style == i for i in range(5)], [f.to_numpy(dtype=object) for f in forms])
    return np.where(d.isna(), "", out)


def _respell(
    values: pd.Series, spellings: dict[str, list[str]], rng: np.random.Generator, share: float
) -> np.ndarray:
    out = values.to_numpy(dtype=object).copy()
    pick = rng.random(len(out)) < share
    for canonical, variants in spellings.items():
        hit = pick & (out == canonical)
        out[hit] = np.array(variants, dtype=object)[rng.integers(0, len(variants), int(hit.sum()))]
    return out


def messy_frame(frame: pd.DataFrame, seed: int = 2024) -> pd.DataFrame:
    """The frame as analysts receive it: mixed date formats, province abbreviations, free-text statuses."""
    rng = np.random.default_rng(seed + 1)
    out = frame.copy()
    for col in ("Tanggal Kejadian", "Tanggal Laporan", "Tanggal Rekomendasi", "Tanggal Tindak Lanjut"):
        out[col] = _messy_dates(out[col], rng)
    out["Provinsi"] = _respell(out["Provinsi"], PROVINCE_SPELLINGS, rng, 0.5)
    out["Status Penanganan"] = _respell(out["Status Penanganan"], STATUS_PHRASES, rng, 0.6)
    out["Jabatan"] = _respell(out["Jabatan"], POSITION_WORDS, rng, 0.6)
    return out


def write_sample(rows: int, out: Path, seed: int = 2024, messy: bool = False) -> Path:
    """Write sample rows as CSV (UTF-8), or XLSX when `out` ends in .xlsx (at most 200,000 rows). A messy
    file has title rows, semicolons, cp1252 and the spellings of real exports."""
    out = Path(out)
    want_messy = messy
    frame = generate_cases(rows, seed)
    if want_messy:
        frame = messy_frame(frame, seed)
    if out.suffix.lower() == ".xlsx":
        if rows > 200_000:
            raise ValueError("XLSX sample files are limited to 200,000 rows")
        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="Data", startrow=3 if want_messy else 0)
            if want_messy:
                writer.sheets["Data"]["A1"] = "REKAPITULASI PENANGANAN PELANGGARAN NETRALITAS ASN"
                writer.sheets["Data"]["A2"] = "Sumber: data contoh / sample data"
        return out
    if want_messy:
        body = frame.to_csv(sep=";", index=False, lineterminator="\n")
        title = (
            "REKAPITULASI PENANGANAN PELANGGARAN NETRALITAS ASN;;\nSumber: data contoh / sample data;;\n;;\n"
        )
        out.write_bytes((title + body).encode("cp1252", errors="replace"))
        return out
    pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), out)
    return out
