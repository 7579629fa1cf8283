"""Identical rows are cases: a recap without case numbers or names lists two ASN reported on the same day,
in the same place, for the same violation, as two identical rows. Both count; re-imports stay exact."""

from __future__ import annotations

import json
import random

from conftest import cli_here, write

from netralitas.ingest import ImportOptions, import_file
from netralitas.store import Store

HEADER = "Provinsi,Kabupaten/Kota,Tanggal Laporan,Jenis Pelanggaran,Instansi\n"
PLACES = ["Bali", "Jawa Barat", "Aceh", "Papua"]
VIOLATIONS = ["Kampanye di media sosial", "Menghadiri deklarasi calon", "Foto dengan simbol partai"]


def recap(seed: int = 7, rows: int = 100) -> list[str]:
    """A recap of 100 rows drawn from few values, so that many rows repeat exactly."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(PLACES)},,2024-01-{rng.randint(10, 12)},{rng.choice(VIOLATIONS)},Dinas Pendidikan"
        for _ in range(rows)
    ]


def cases_in(store: Store) -> int:
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]


def imp(store: Store, path, **kw):
    return import_file(store, path, ImportOptions(**{"source": "bawaslu", **kw}))


def test_every_identical_row_is_a_case_and_reimport_adds_nothing(store, tmp_path):
    lines = recap()
    assert len(set(lines)) < len(lines) - 10  # the file really repeats rows
    path = write(tmp_path / "recap.csv", HEADER + "\n".join(lines) + "\n")
    first = imp(store, path)
    assert (first.rows_read, first.rows_loaded, first.rows_rejected) == (100, 100, 0)
    assert cases_in(store) == 100
    again = imp(store, path)
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, 100)
    assert cases_in(store) == 100 and again.fewer_repeats == []


def test_one_more_identical_row_adds_exactly_one(store, tmp_path):
    lines = recap()
    imp(store, write(tmp_path / "a.csv", HEADER + "\n".join(lines) + "\n"))
    repeated = max(set(lines), key=lines.count)
    more = imp(store, write(tmp_path / "b.csv", HEADER + "\n".join([*lines, repeated]) + "\n"))
    assert (more.rows_loaded, more.rows_unchanged) == (1, 100)
    assert cases_in(store) == 101
    # the new row may sit anywhere in the file: identical rows are numbered in file order, all alike
    shuffled = [*lines]
    shuffled.insert(3, repeated)
    same = imp(store, write(tmp_path / "c.csv", HEADER + "\n".join(shuffled) + "\n"))
    assert (same.rows_loaded, same.rows_updated) == (0, 0) and cases_in(store) == 101


def test_one_fewer_identical_row_is_reported_not_applied(store, tmp_path):
    lines = recap()
    imp(store, write(tmp_path / "a.csv", HEADER + "\n".join(lines) + "\n"))
    repeated = max(set(lines), key=lines.count)
    times = lines.count(repeated)
    fewer = [*lines]
    fewer.remove(repeated)
    path = write(tmp_path / "fewer.csv", HEADER + "\n".join(fewer) + "\n")
    report = imp(store, path)
    assert cases_in(store) == 100  # nothing deleted
    assert (report.rows_loaded, report.rows_unchanged) == (0, 99)
    assert len(report.fewer_repeats) == 1
    group = report.fewer_repeats[0]
    assert (group["in_file"], group["stored"], group["not_in_file"]) == (times - 1, times, 1)
    expected_rows = [i + 2 for i, line in enumerate(fewer) if line == repeated]
    assert group["rows"] == expected_rows[:20]
    assert any(w.row == expected_rows[0] and "tetap tersimpan" in w.reason_id for w in report.warnings)


def test_cli_json_reports_fewer_repeats(tmp_path, db_path):
    lines = recap(seed=3, rows=30)
    a = write(tmp_path / "a.csv", HEADER + "\n".join(lines) + "\n")
    repeated = max(set(lines), key=lines.count)
    fewer = [*lines]
    fewer.remove(repeated)
    b = write(tmp_path / "b.csv", HEADER + "\n".join(fewer) + "\n")
    cli_here("import", str(a), "--db", str(db_path), "--json")
    out = cli_here("import", str(b), "--db", str(db_path), "--json")
    payload = json.loads(out.stdout)
    assert payload["rows_loaded"] == 0 and payload["fewer_repeats"][0]["not_in_file"] == 1
    assert "stay stored" not in payload["fewer_repeats"][0]["reason"]  # Indonesian by default


def test_repeated_case_number_and_person_is_still_a_duplicate(store, tmp_path):
    text = (
        "Nomor,Provinsi,Tanggal Laporan,Nama\n"
        "R1,Bali,2024-01-10,Ani\nR1,Bali,2024-01-10,Ani\nR1,Bali,2024-01-10,Budi\n"
    )
    report = imp(store, write(tmp_path / "dup.csv", text))
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    assert report.errors[0].row == 3 and "duplikat" in report.errors[0].reason_id


def test_first_of_a_group_keeps_the_key_it_had_before_numbering(store, tmp_path):
    """Stores filled before identical rows were numbered hold the first of each group under the plain
    key: re-importing the same file there must update, not add."""
    path = write(tmp_path / "one.csv", HEADER + "Bali,,2024-01-10,Kampanye,Dinas\n")
    imp(store, path)
    with store.connect() as con:
        (case_id,) = con.execute("SELECT case_id FROM cases").fetchone()
    assert case_id.startswith("auto-") and len(case_id) == len("auto-") + 16
    two = imp(store, write(tmp_path / "two.csv", HEADER + "Bali,,2024-01-10,Kampanye,Dinas\n" * 2))
    assert (two.rows_loaded, two.rows_unchanged) == (1, 1)
