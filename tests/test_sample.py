"""The synthetic sample: deterministic, shaped like a real export, calibrated to FACTS.md, consistent."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netralitas.devtools import sample
from netralitas.devtools.sample import generate_cases, generate_messy_cases, write_sample

REF = Path(__file__).resolve().parents[1] / "data" / "reference"
HEADERS = [
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
ELECTIONS = {"Pemilu 2019", "Pilkada 2020", "Pemilu 2024", "Pilkada 2024"}
FIELDS = {
    "Tahapan": "phase",
    "Jenis Instansi": "agency_type",
    "Jabatan": "position",
    "Jenis Pelanggaran": "violation_type",
    "Asal Temuan": "origin",
    "Status Penanganan": "status",
    "Rekomendasi Sanksi": "sanction",
}
RECOMMENDED = {"Rekomendasi sanksi", "Ditindaklanjuti PPK"}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def vocab() -> dict[str, dict[str, str]]:
    """field -> label_id -> code"""
    out: dict[str, dict[str, str]] = {}
    for field, code, label in _read("vocabularies.csv")[["field", "code", "label_id"]].itertuples(
        index=False
    ):
        out.setdefault(field, {})[label] = code
    return out


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_cases(20_000, seed=11)


def _days(col: pd.Series) -> pd.Series:
    return pd.to_datetime(col.replace("", None), format="%Y-%m-%d")


# ---- shape and determinism --------------------------------------------------------------------------------
def test_headers_and_string_columns(frame):
    assert list(frame.columns) == HEADERS == sample.COLUMNS
    assert len(frame) == 20_000
    assert all(pd.api.types.is_string_dtype(frame[c]) for c in frame.columns)
    assert not frame.isna().any().any()  # "" where empty, never NaN
    empty = generate_cases(0)
    assert list(empty.columns) == HEADERS and len(empty) == 0


def test_deterministic_frames_and_file_bytes(frame, tmp_path):
    pd.testing.assert_frame_equal(frame, generate_cases(20_000, seed=11))
    assert not frame.equals(generate_cases(20_000, seed=12))
    for name, messy in (("a.csv", False), ("b.csv", True), ("c.xlsx", False)):
        one = write_sample(300, tmp_path / f"1{name}", seed=4, messy=messy).read_bytes()
        two = write_sample(300, tmp_path / f"2{name}", seed=4, messy=messy).read_bytes()
        assert one == two, name


def test_values_come_from_the_reference_tables(frame, vocab):
    assert set(frame["Sumber"]) == {"Bawaslu", "KASN", "BKN"}
    assert set(frame["Jenis Pemilihan"]) == ELECTIONS
    for column, field in FIELDS.items():
        assert set(frame[column]) - {""} <= set(vocab[field]), column
    assert set(frame["Blokir Data Kepegawaian"]) == {"Ya", "Tidak", ""}
    provinces, regencies = _read("provinces.csv"), _read("regencies.csv")
    assert set(frame["Provinsi"]) <= set(provinces["name"])
    assert set(frame["Kabupaten/Kota"]) - {""} <= set(regencies["name"])
    # the regency lies in the row's province
    province_of = dict(zip(regencies["name"], regencies["province_code"], strict=True))
    code_of = dict(zip(provinces["name"], provinces["code"], strict=True))
    placed = frame[frame["Kabupaten/Kota"] != ""]
    assert (placed["Kabupaten/Kota"].map(province_of) == placed["Provinsi"].map(code_of)).all()
    assert (
        frame["No. Register"]
        .str.fullmatch(r"SAMPEL/(pemilu-2019|pilkada-2020|pemilu-2024|pilkada-2024)/\d{6}")
        .all()
    )


def test_some_optional_cells_are_blank(frame):
    blank = (frame == "").mean()
    assert blank["Provinsi"] == 0 and blank["Tanggal Laporan"] == 0 and blank["No. Register"] == 0
    for column in ("Tahapan", "Tanggal Kejadian", "Kabupaten/Kota", "Jabatan", "NIP", "Jenis Pelanggaran"):
        assert 0.005 < blank[column] < 0.06, column


# ---- calibration (FACTS.md) ------------------------------------------------------------------------------------
def _shares(col: pd.Series) -> pd.Series:
    return col[col != ""].value_counts(normalize=True)


def test_positions_and_violation_types_as_published(frame):
    position = _shares(frame["Jabatan"])
    for label, share in {
        "Jabatan Pimpinan Tinggi (JPT)": 0.36,
        "Fungsional": 0.17,
        "Administrator": 0.13,
        "Pelaksana": 0.12,
        "Kepala wilayah (camat/lurah)": 0.07,
        "Pengawas": 0.10,
        "Lainnya": 0.05,
    }.items():
        assert position[label] == pytest.approx(share, abs=0.015), label
    violation = _shares(frame["Jenis Pelanggaran"])
    for label, share in {
        "Kampanye di media sosial": 0.242,
        "Kegiatan yang menunjukkan keberpihakan": 0.148,
        "Pendekatan ke partai politik": 0.142,
        "Menghadiri deklarasi calon": 0.109,
        "Keputusan menguntungkan/merugikan calon": 0.09,
    }.items():
        assert violation[label] == pytest.approx(share, abs=0.015), label
    assert len(violation) == 12
    assert _shares(frame["Asal Temuan"])["Temuan"] == pytest.approx(0.30, abs=0.02)


def test_violation_types_follow_the_phase(frame):
    by_phase = pd.crosstab(frame["Tahapan"], frame["Jenis Pelanggaran"], normalize="index")
    parties, social = "Pendekatan ke partai politik", "Kampanye di media sosial"
    assert by_phase.loc["Pendaftaran & pencalonan", parties] > 1.5 * by_phase.loc["Kampanye", parties]
    assert by_phase.loc["Kampanye", social] > by_phase.loc["Pra-tahapan", social]


def test_elections_and_sources(frame):
    share = frame["Jenis Pemilihan"].value_counts(normalize=True)
    assert list(share.index) == ["Pilkada 2020", "Pilkada 2024", "Pemilu 2024", "Pemilu 2019"]
    assert share["Pemilu 2019"] > 0.08
    # KASN was dissolved in 2024: Pilkada 2024 cases go to BKN
    assert "KASN" not in set(frame.loc[frame["Jenis Pemilihan"] == "Pilkada 2024", "Sumber"])


def test_all_provinces_and_the_2020_hotspots():
    small = generate_cases(5_000, seed=1)
    assert small["Provinsi"].nunique() == 38
    frame = generate_cases(20_000, seed=2)
    top = frame["Provinsi"].value_counts().index[:5].tolist()
    assert top == [
        "Sulawesi Tenggara",
        "Nusa Tenggara Barat",
        "Jawa Tengah",
        "Sulawesi Selatan",
        "Jawa Timur",
    ]
    vulnerable = ["Maluku Utara", "Sulawesi Utara", "Papua", "DKI Jakarta", "DI Yogyakarta"]
    in_2024 = frame["Jenis Pemilihan"] == "Pemilu 2024"
    share_2024 = frame.loc[in_2024, "Provinsi"].isin(vulnerable).mean()
    assert share_2024 > 0.2 and share_2024 > 2 * frame.loc[~in_2024, "Provinsi"].isin(vulnerable).mean()
    local = frame["Instansi"][frame["Instansi"].str.match(r"Pemerintah (Kabupaten|Kota) ")]
    top_local = local.value_counts().index[:5].tolist()
    assert top_local[0] == "Pemerintah Kabupaten Purbalingga"
    assert set(top_local) == {
        f"Pemerintah Kabupaten {n}"
        for n in ("Purbalingga", "Wakatobi", "Kediri", "Musi Rawas Utara", "Sumbawa")
    }


def test_pilkada_2020_only_where_regions_held_one(frame):
    pilkada = frame[frame["Jenis Pemilihan"] == "Pilkada 2020"]
    assert 150 < pilkada["Kabupaten/Kota"].nunique() <= 270
    assert not pilkada["Provinsi"].isin(["Aceh", "DKI Jakarta"]).any()


def test_agency_type_matches_the_agency(frame):
    typed = frame[frame["Jenis Instansi"] != ""]
    expected = np.select(
        [
            typed["Instansi"].str.startswith("Pemerintah Kabupaten "),
            typed["Instansi"].str.startswith("Pemerintah Kota "),
            typed["Instansi"].str.startswith("Pemerintah Provinsi "),
        ],
        ["Pemerintah kabupaten", "Pemerintah kota", "Pemerintah provinsi"],
        "Instansi pusat",
    )
    assert (typed["Jenis Instansi"] == expected).all()
    assert (
        typed.loc[expected == "Instansi pusat", "Instansi"].str.match(r"(Kementerian|Badan|Lembaga) ").all()
    )
    # a regency or city government is the one of the row's place, a provincial one that of its province
    local = frame[
        frame["Instansi"].str.match(r"Pemerintah (Kabupaten|Kota) ") & (frame["Kabupaten/Kota"] != "")
    ]
    assert (local["Instansi"].str.replace("Pemerintah ", "", n=1) == local["Kabupaten/Kota"]).all()
    prov = frame[frame["Instansi"].str.startswith("Pemerintah Provinsi ")]
    assert (prov["Instansi"] == "Pemerintah Provinsi " + prov["Provinsi"]).all()
    heads = frame[frame["Jabatan"] == "Kepala wilayah (camat/lurah)"]
    assert not heads["Instansi"].str.match(r"(Kementerian|Badan|Lembaga) ").any()


# ---- dates, phases and the funnel --------------------------------------------------------------------
def test_dates_lie_in_the_calendar_and_match_the_phase(frame, vocab):
    cal = _read("calendar.csv")
    cal["start"], cal["end"] = pd.to_datetime(cal["start_date"]), pd.to_datetime(cal["end_date"])
    dated = frame[frame["Tanggal Kejadian"] != ""].assign(
        election=lambda f: f["Jenis Pemilihan"].map(dict(zip(cal["name_id"], cal["election"], strict=False))),
        incident=lambda f: _days(f["Tanggal Kejadian"]),
    )
    joined = dated.reset_index().merge(cal, on="election")
    inside = joined[(joined["incident"] >= joined["start"]) & (joined["incident"] <= joined["end"])]
    assert inside["index"].is_unique and len(inside) == len(dated)  # exactly one phase window each
    phased = inside[inside["Tahapan"] != ""]
    assert (phased["Tahapan"].map(vocab["phase"]) == phased["phase"]).all()
    phase = _shares(frame["Tahapan"])
    assert (
        phase["Kampanye"]
        > phase["Pendaftaran & pencalonan"]
        > max(phase.drop(["Kampanye", "Pendaftaran & pencalonan"]))
    )
    lag = (_days(dated["Tanggal Laporan"]) - dated["incident"]).dt.days
    assert lag.between(0, 14).all()


def test_funnel_and_its_dates(frame):
    status = frame["Status Penanganan"]
    counts = status.value_counts()
    cumulative = [
        len(frame),
        len(frame) - counts["Dilaporkan"] - counts["Tidak diregistrasi"],
        counts["Pelanggaran"] + counts["Rekomendasi sanksi"] + counts["Ditindaklanjuti PPK"],
        counts["Rekomendasi sanksi"] + counts["Ditindaklanjuti PPK"],
        counts["Ditindaklanjuti PPK"],
    ]
    assert cumulative == sorted(cumulative, reverse=True)
    assert cumulative[2] / cumulative[0] == pytest.approx(0.70, abs=0.03)
    assert cumulative[3] / cumulative[2] == pytest.approx(0.90, abs=0.03)
    rates = {
        e: (g["Status Penanganan"] == "Ditindaklanjuti PPK").sum()
        / g["Status Penanganan"].isin(RECOMMENDED).sum()
        for e, g in frame.groupby("Jenis Pemilihan")
    }
    assert all(0.45 <= r <= 0.85 for r in rates.values()) and max(rates.values()) - min(rates.values()) > 0.1

    recommended, followed = status.isin(RECOMMENDED), status == "Ditindaklanjuti PPK"
    assert ((frame["Tanggal Rekomendasi"] != "") == recommended).all()
    assert ((frame["Tanggal Tindak Lanjut"] != "") == followed).all()
    report, rec, done = (
        _days(frame[c]) for c in ("Tanggal Laporan", "Tanggal Rekomendasi", "Tanggal Tindak Lanjut")
    )
    assert (rec - report)[recommended].dt.days.between(10, 60).all()
    assert (done - rec)[followed].dt.days.between(7, 120).all()

    sanction = frame.loc[recommended, "Rekomendasi Sanksi"]
    assert (frame.loc[~recommended, "Rekomendasi Sanksi"] == "").all()
    assert _shares(sanction).idxmax() == "Sedang" and _shares(sanction)["Sedang"] > 0.5
    blocked = frame["Blokir Data Kepegawaian"]
    assert ((blocked != "") == recommended).all() and (blocked[followed] == "Tidak").all()
    waiting = status == "Rekomendasi sanksi"
    assert (blocked[waiting] == "Ya").mean() == pytest.approx(0.05, abs=0.02)


# ---- people -----------------------------------------------------------------------------------------------
def test_people_are_fictitious_and_nips_consistent(frame):
    assert frame["Nama Terlapor"].str.split().str[-1].isin(sample.FICTITIOUS_SURNAMES).all()
    people = frame[(frame["NIP"] != "") & (frame["Tanggal Kejadian"] != "")]
    nip = people["NIP"]
    assert nip.str.fullmatch(r"(19|20)\d{16}").all()
    birth = pd.to_datetime(nip.str[:8], format="%Y%m%d")  # raises on an impossible date
    incident = _days(people["Tanggal Kejadian"])
    age = (
        incident.dt.year
        - birth.dt.year
        - ((incident.dt.month * 100 + incident.dt.day) < (birth.dt.month * 100 + birth.dt.day))
    )
    assert age.between(23, 58).all()
    appointed = nip.str[8:12].astype(int) * 12 + nip.str[12:14].astype(int) - 1
    assert nip.str[12:14].astype(int).between(1, 12).all()
    assert (appointed > (birth.dt.year + 20) * 12 + birth.dt.month - 1).all()  # after the 20th birthday
    assert (appointed < incident.dt.year * 12 + incident.dt.month - 1).all()  # before the incident
    sex = nip.str[14]
    assert sex.isin(["1", "2"]).all() and nip.str[15:].ne("000").all()
    first = people["Nama Terlapor"].str.split().str[0]
    assert (
        first[sex == "1"].isin(sample.GIVEN_NAMES[1]).all()
        and first[sex == "2"].isin(sample.GIVEN_NAMES[2]).all()
    )


def test_cases_with_several_persons_and_unique_keys(frame):
    assert not frame.duplicated(["Sumber", "No. Register", "NIP"]).any()
    size = frame.groupby("No. Register").size()
    assert size.max() == 3 and (size > 1).mean() == pytest.approx(0.10, abs=0.03)
    shared = ["Sumber", "Jenis Pemilihan", "Provinsi", "Tanggal Laporan", "Jenis Pelanggaran"]
    per_case = frame[shared].replace("", None).groupby(frame["No. Register"]).nunique()  # blanks aside
    assert (per_case <= 1).all().all()
    several = frame[frame["No. Register"].map(size) > 1]
    assert (several["NIP"] != "").all() and not several.duplicated(["No. Register", "NIP"]).any()


# ---- files -----------------------------------------------------------------------------------------------
MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|Nopember|Desember"
SHORT = "Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agt|Sep|Okt|Nov|Des"
MESSY_DATE_FORMS = {
    r"\d{2}/\d{2}/\d{4}": "%d/%m/%Y",
    r"\d{2}-\d{2}-\d{2}": "%d-%m-%y",
    rf"\d{{1,2}} ({MONTHS}) \d{{4}}": None,
    rf"\d{{1,2}} ({SHORT}) \d{{4}}": None,
}


def _parse_messy_date(text: str) -> str:
    if not text or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    for pattern, fmt in MESSY_DATE_FORMS.items():
        if re.fullmatch(pattern, text):
            if fmt:
                return pd.to_datetime(text, format=fmt).strftime("%Y-%m-%d")
            day, month, year = text.split()
            number = (MONTHS.split("|") if month in MONTHS.split("|") else SHORT.split("|")).index(month) + 1
            return f"{year}-{number:02d}-{int(day):02d}"
    raise AssertionError(f"unexpected date form {text!r}")


def test_clean_csv_is_utf8_with_commas(tmp_path):
    path = write_sample(1000, tmp_path / "s.csv", seed=8)
    raw = path.read_bytes()
    assert raw.startswith(b"No. Register,Sumber,") and b"\r\n" not in raw
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, generate_cases(1000, seed=8), check_dtype=False)


def test_messy_csv_is_what_analysts_receive(tmp_path):
    path = write_sample(2000, tmp_path / "m.csv", seed=8, messy=True)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # cp1252 bytes (a curly apostrophe is 0x92), not UTF-8
    lines = raw.decode("cp1252").split("\r\n")
    assert lines[0].startswith("REKAPITULASI PENANGANAN PELANGGARAN NETRALITAS ASN;")
    assert lines[1].startswith("Sumber: data contoh / sample data;")
    assert set(lines[2]) == {";"} and lines[3] == ";".join(HEADERS)
    assert all(line.count(";") == len(HEADERS) - 1 for line in lines if line)

    messy = pd.read_csv(path, sep=";", skiprows=3, encoding="cp1252", dtype=str, keep_default_na=False)
    clean = generate_cases(2000, seed=8)
    pd.testing.assert_frame_equal(messy, generate_messy_cases(2000, seed=8), check_dtype=False)
    # the same records, spelled otherwise
    same = ["No. Register", "Sumber", "Jenis Pemilihan", "Jenis Pelanggaran", "Rekomendasi Sanksi"]
    pd.testing.assert_frame_equal(messy[same], clean[same], check_dtype=False)
    dates = pd.concat([messy[c] for c in sample.DATE_COLUMNS])
    for pattern in MESSY_DATE_FORMS:
        assert dates.str.fullmatch(pattern).any(), pattern
    assert dates.str.contains("Nopember").any() and dates.str.contains(r" (?:Agt|Des) ").any()
    for column in sample.DATE_COLUMNS:
        assert (messy[column].map(_parse_messy_date) == clean[column]).all(), column
    assert (messy["NIP"].str.replace(" ", "") == clean["NIP"]).all()
    assert messy["NIP"].str.fullmatch(r"\d{8} \d{6} [12] \d{3}").any()

    province = messy["Provinsi"]
    assert province.isin(["Jateng", "Jatim", "NTB", "Sultra", "Sulsel"]).any()
    assert (
        province.str.startswith("Prov. ").any() and (province.str.isupper() & (province.str.len() > 5)).any()
    )
    assert (province == clean["Provinsi"]).mean() < 0.7
    status = set(messy["Status Penanganan"])
    assert {
        "Sudah TL",
        "Belum TL",
        "Tidak terbukti",
        "Dalam proses klarifikasi",
        "Terbukti melanggar",
    } <= status
    assert {"Camat", "Guru", "Staf"} <= set(messy["Jabatan"])
    # every free-text status stands for the clean status of its row
    phrase_of = {p: c for c, phrases in sample.MESSY_STATUS_PHRASES.items() for p in phrases}
    code_of = {v: k for k, v in sample._reference().labels["status"].items()}
    free = messy["Status Penanganan"].isin(phrase_of)
    assert (
        messy.loc[free, "Status Penanganan"].map(phrase_of)
        == clean.loc[free, "Status Penanganan"].map(code_of)
    ).all()


def test_xlsx(tmp_path):
    path = write_sample(200, tmp_path / "s.xlsx", seed=3)
    back = pd.read_excel(path, dtype=str, keep_default_na=False)
    assert list(back.columns) == HEADERS and len(back) == 200
    assert back["NIP"].str.fullmatch(r"\d{18}|").all()  # text, not a number Excel would round
    pd.testing.assert_frame_equal(back, generate_cases(200, seed=3), check_dtype=False)
    messy = write_sample(50, tmp_path / "m.xlsx", seed=3, messy=True)
    raw = pd.read_excel(messy, header=None, dtype=str)
    assert raw.iloc[0, 0] == sample.TITLE_ROWS[0] and raw.iloc[1, 0] == sample.TITLE_ROWS[1]
    assert raw.iloc[3].tolist() == HEADERS and len(raw) == 54
    with pytest.raises(ValueError):
        write_sample(200_001, tmp_path / "big.xlsx")
