"""The synthetic sample: deterministic, calibrated to FACTS.md, importable without a single warning."""

from __future__ import annotations

import pandas as pd
import pytest

from netralitas.sample import COLUMNS, generate_cases, write_sample


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_cases(20_000, seed=5)


def test_deterministic_and_shaped(frame):
    assert list(frame.columns) == COLUMNS
    pd.testing.assert_frame_equal(frame, generate_cases(20_000, seed=5))
    assert not frame.equals(generate_cases(20_000, seed=6))


def test_calibrated_shares(frame):
    position = frame["Jabatan"][frame["Jabatan"] != ""].value_counts(normalize=True)
    assert position["Jabatan Pimpinan Tinggi (JPT)"] == pytest.approx(0.36, abs=0.02)
    violation = frame["Jenis Pelanggaran"][frame["Jenis Pelanggaran"] != ""].value_counts(normalize=True)
    assert violation["Kampanye di media sosial"] == pytest.approx(0.242, abs=0.02)
    assert frame["Provinsi"].nunique() == 38
    assert set(frame["Jenis Pemilihan"]) == {"Pemilu 2019", "Pilkada 2020", "Pemilu 2024", "Pilkada 2024"}
    status = frame["Status Penanganan"].value_counts()
    recommended = status["Rekomendasi sanksi"] + status["Ditindaklanjuti PPK"]
    assert 0.45 < status["Ditindaklanjuti PPK"] / recommended < 0.8


def test_people_are_fictitious_with_consistent_nips(frame):
    assert (
        frame["Nama Terlapor"]
        .str.split()
        .str[-1]
        .isin(["Rekaan", "Contoh", "Sampel", "Fiktif", "Samaran"])
        .all()
    )
    nip = frame["NIP"][frame["NIP"] != ""]
    assert nip.str.fullmatch(r"\d{18}").all()
    birth = pd.to_datetime(nip.str[:8], format="%Y%m%d")
    appointed = nip.str[8:12].astype(int)
    assert (appointed >= birth.dt.year + 20).all() and nip.str[14].isin(["1", "2"]).all()
    keys = frame[frame["NIP"] != ""][["Sumber", "No. Register", "NIP"]]
    assert not keys.duplicated().any()


def test_a_case_shares_its_place_and_dates(frame):
    per_case = frame.groupby("No. Register").agg(p=("Provinsi", "nunique"), d=("Tanggal Laporan", "nunique"))
    assert (per_case["p"] == 1).all() and (per_case["d"] == 1).all()


def test_messy_file_is_like_a_real_export(tmp_path):
    path = write_sample(500, tmp_path / "m.csv", seed=3, messy=True)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252")
    assert text.startswith("REKAPITULASI") and ";" in text.splitlines()[3]
    assert any(m in text for m in ("Nopember", " Agt ", " Des ", " Mei "))
    assert any(a in text for a in ("Jateng", "Jatim", "PROV. JAWA TENGAH"))


def test_xlsx_sample(tmp_path):
    path = write_sample(200, tmp_path / "s.xlsx", seed=3)
    assert pd.read_excel(path).shape == (200, len(COLUMNS))
    with pytest.raises(ValueError):
        write_sample(200_001, tmp_path / "big.xlsx")
