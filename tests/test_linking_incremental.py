"""Incremental linking (#14 at scale): an import, an undo or a link decision recomputes only the cases and
proposals its records can reach. After every step of a mixed history (several sources with shared and
missing NIPs, changed NIPs, alike names, undo, decisions), the store must hold exactly what a full rebuild
from all records gives."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from netralitas import linking
from netralitas.devtools.sample import write_sample
from netralitas.ingest import ImportOptions, import_file, undo_batch
from netralitas.store import Store

ROWS = 1500

SNAPSHOTS = {
    "record_cases": "SELECT record_key, case_key, how, nip FROM record_cases ORDER BY ALL",
    "case_facts": "SELECT * FROM case_facts ORDER BY case_key",
    "link_pairs": "SELECT * FROM link_pairs ORDER BY ALL",
    "link_proposals": "SELECT * FROM link_proposals ORDER BY ALL",
}


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOTS.items()}


def assert_as_full_rebuild(store: Store) -> dict[str, list[tuple]]:
    """What the store holds equals a full rebuild's result (computed in a transaction rolled back)."""
    with store.connect() as con:
        kept = snapshot(con)
        con.execute("BEGIN TRANSACTION")
        linking.rebuild_cases(con)
        full = snapshot(con)
        con.execute("ROLLBACK")
    for name in SNAPSHOTS:
        assert kept[name] == full[name], f"{name}: incremental differs from a full rebuild"
    return kept


def derived_file(sample: Path, out: Path, select: str) -> Path:
    """A file another agency would keep, made from the sample by one SELECT over its rows (`s`)."""
    with duckdb.connect() as con:
        con.execute("CREATE TABLE s AS SELECT * FROM read_csv($p, all_varchar = true)", {"p": str(sample)})
        con.sql(select).write_csv(str(out))
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("files")
    sample = write_sample(ROWS, work / "sample.csv", seed=7)
    return {
        "sample": sample,
        # a KASN list naming about a fifth of the persons with a NIP again, with its own letter numbers
        "kasn": derived_file(
            sample,
            work / "kasn.csv",
            """SELECT 'B-' || row_number() OVER (ORDER BY "No. Register") || '/KASN' AS "No. Surat",
                      "Tanggal Laporan" AS "Tanggal Surat", "NIP", "Nama Terlapor" AS "Nama", "Provinsi",
                      "Kabupaten/Kota", "Instansi", "Jenis Pemilihan", 'Sedang' AS "Rekomendasi Sanksi",
                      CASE WHEN hash("NIP") % 2 = 0 THEN 'Sudah' ELSE 'Belum' END AS "Tindak Lanjut PPK"
               FROM s WHERE coalesce("NIP", '') <> '' AND hash("No. Register") % 5 = 0""",
        ),
        # another agency's list without NIPs, its names spelled a little differently: proposals only
        "other": derived_file(
            sample,
            work / "other.csv",
            """SELECT 'L-' || row_number() OVER (ORDER BY "No. Register") AS "No. Laporan",
                      "Tanggal Laporan", "Provinsi", "Kabupaten/Kota", "Instansi",
                      "Nama Terlapor" || CASE WHEN hash("No. Register") % 2 = 0 THEN 'h' ELSE '' END
                          AS "Nama Terlapor",
                      "Jenis Pemilihan", "Status Penanganan"
               FROM s WHERE hash("No. Register") % 7 = 0""",
        ),
        # the sample again with some records changed: another status, and for some another NIP (their
        # old NIP's case loses them, the new NIP's case gains them)
        "changed": derived_file(
            sample,
            work / "changed.csv",
            """SELECT * REPLACE (
                      CASE WHEN hash("No. Register") % 11 = 0 THEN 'Tidak diregistrasi'
                           ELSE "Status Penanganan" END AS "Status Penanganan",
                      CASE WHEN hash("No. Register") % 13 = 0 AND coalesce("NIP", '') <> ''
                           THEN lead("NIP") OVER (ORDER BY "No. Register") ELSE "NIP" END AS "NIP")
               FROM s""",
        ),
    }


def load(store: Store, path: Path, source: str) -> int:
    report = import_file(store, path, ImportOptions(source=source))
    assert report.batch_id is not None
    return report.batch_id


def test_every_step_equals_a_full_rebuild(tmp_path: Path, files: dict[str, Path], monkeypatch):
    # every change takes the incremental path, however large its share of the records
    monkeypatch.setattr(linking, "FULL_REBUILD_SHARE", float("inf"))
    store = Store(tmp_path / "s.duckdb")
    first = load(store, files["sample"], "bawaslu")
    assert_as_full_rebuild(store)
    kasn = load(store, files["kasn"], "kasn")
    after_kasn = assert_as_full_rebuild(store)
    # the KASN list adds records to cases that exist: more records, the same number of cases
    assert len(after_kasn["record_cases"]) > ROWS
    other = load(store, files["other"], "other")
    assert assert_as_full_rebuild(store)["link_proposals"], "alike names without NIPs are proposed"
    changed = load(store, files["changed"], "bawaslu")
    proposals = assert_as_full_rebuild(store)["link_proposals"]

    # decisions: accept the best proposal and reject one of another record, undo the acceptance
    best = proposals[0]
    with store.transaction() as con:
        accepted = linking.decide(con, best[0], best[1], True, "andi")
    proposals = assert_as_full_rebuild(store)["link_proposals"]
    other_pair = next(p for p in proposals if not {p[0], p[1]} & {best[0], best[1]})
    with store.transaction() as con:
        linking.decide(con, other_pair[0], other_pair[1], False, "andi")
    assert_as_full_rebuild(store)
    with store.transaction() as con:
        linking.undo_decision(con, accepted, "andi")
    assert_as_full_rebuild(store)

    # undo in reverse order, each step exact
    for batch in (changed, other, kasn):
        undo_batch(store, batch)
        assert_as_full_rebuild(store)
    undo_batch(store, first)
    assert assert_as_full_rebuild(store) == {name: [] for name in SNAPSHOTS}


def test_a_large_change_rebuilds_all_and_a_small_one_only_its_cases(tmp_path: Path, files, monkeypatch):
    """The share that switches to a full rebuild is a choice of cost, not of result: both paths agree."""
    calls: list[bool] = []
    real = linking._propose_all

    def spy(con):
        calls.append(True)
        real(con)

    store = Store(tmp_path / "s.duckdb")
    with store.connect():
        pass  # the new store's migrations first
    monkeypatch.setattr(linking, "_propose_all", spy)
    load(store, files["sample"], "bawaslu")
    assert calls == [True]  # the first file is every record: one pass over all
    load(store, files["kasn"], "kasn")
    assert calls == [True]  # a fifth of the persons again: only their cases
    assert_as_full_rebuild(store)


def test_a_store_of_schema_7_gets_record_nips_and_scored_pairs_on_upgrade(tmp_path: Path, files, monkeypatch):
    """A store linked before schema 8 (record_cases without NIPs, no link_pairs) is brought up to date
    when first opened, and its next import takes the incremental path to the same result."""
    from netralitas import store as store_module

    db = tmp_path / "old.duckdb"
    before_8 = [m for m in store_module.migrations() if m[0] < 8]
    monkeypatch.setattr(store_module, "migrations", lambda: before_8)
    store = Store(db)
    load(store, files["sample"], "bawaslu")
    with store.connect() as con:  # what schema 7's rebuild left: no NIP column, no stored pairs
        con.execute("ALTER TABLE record_cases DROP COLUMN nip")
        con.execute("DROP TABLE link_pairs")
    monkeypatch.undo()
    store_module._migrated.clear()
    state = assert_as_full_rebuild(store)
    assert state["link_pairs"] and all(nip for _k, _c, how, nip in state["record_cases"] if how == "nip")
    monkeypatch.setattr(linking, "FULL_REBUILD_SHARE", float("inf"))
    load(store, files["kasn"], "kasn")
    assert_as_full_rebuild(store)
