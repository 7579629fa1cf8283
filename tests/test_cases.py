"""Records and cases (#14): one season's three agency files, imported in every order, give each person's
case once at its furthest stage; re-import adds nothing; undo takes exactly a file's contribution back;
links without an equal NIP merge only when an analyst accepts them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from builders import import_into
from conftest import FIXTURES, ROOT, cli_here, write

from netralitas.ingest import ImportOptions, import_file, undo_batch
from netralitas.ingest.kinds import BLOCK, FOLLOW_UP, RECOMMENDATION, REGISTER, follow_up_status
from netralitas.linking import decide, undo_decision
from netralitas.metrics import summary
from netralitas.store import Store

SEASON = FIXTURES / "season"
FILES = {
    "bawaslu": SEASON / "bawaslu_register_2020.csv",
    "kasn": SEASON / "kasn_rekomendasi_2020.csv",
    "bkn": SEASON / "bkn_blokir_2020.csv",
}
KIND_OF = {"bawaslu": REGISTER, "kasn": RECOMMENDATION, "bkn": BLOCK}
# What each file brings once all three are in (40 persons; 32 violations forwarded to KASN, 20 followed
# up; 5 of the 12 not followed up are blocked by BKN).
FULL = {
    "cases": 40,
    "violations": 32,
    "recommendations": 32,
    "followed_up": 20,
    "records_blocked": 5,
    "records": {"bawaslu": 40, "kasn": 32, "bkn": 5},
}
HEADLINE = ("cases", "violations", "recommendations", "followed_up", "records_blocked", "records")


def fetch(store: Store, sql: str) -> list[list]:
    with store.connect() as con:
        return [list(r) for r in con.execute(sql).fetchall()]


def headline(store: Store) -> dict:
    out = summary(store)
    return {k: out[k] for k in HEADLINE}


def expected(sources: tuple[str, ...]) -> dict:
    """The headline figures for a subset of the files: worked out from what each file says, by case."""
    has = set(sources)
    return {
        # each person once: the register names all 40; the KASN list 32 of them, the block list 5
        "cases": 40 if "bawaslu" in has else (32 if "kasn" in has else (5 if has else 0)),
        "violations": 32 if has & {"bawaslu", "kasn"} else 0,
        "recommendations": 32 if "kasn" in has else 0,
        "followed_up": 20 if "kasn" in has else 0,
        "records_blocked": 5 if "bkn" in has else 0,
        "records": {s: FULL["records"][s] for s in sorted(has)},
    }


def load(store: Store, source: str):
    return import_file(store, FILES[source], ImportOptions())


@pytest.mark.parametrize("order", list(itertools.permutations(FILES)), ids="-".join)
def test_every_order_gives_each_case_once(tmp_path: Path, order: tuple[str, ...]):
    store = Store(tmp_path / "season.duckdb")
    for n, source in enumerate(order, 1):
        report = load(store, source)
        assert report.kind["kind"] == KIND_OF[source], report.kind
        assert report.rows_rejected == 0 and report.warnings_total == 0, report.as_json()
        assert headline(store) == expected(order[:n])
    assert headline(store) == FULL
    # re-importing any file adds nothing
    for source in order:
        again = load(store, source)
        assert (again.rows_loaded, again.rows_updated) == (0, 0)
        assert headline(store) == FULL
    # undoing the last file takes exactly its contribution back; undoing every file empties the store
    batches = store.query_df("SELECT batch_id FROM batches ORDER BY batch_id")["batch_id"].tolist()
    for b in reversed(batches[len(order) :]):  # the re-imports, which changed nothing
        undo_batch(store, b)
    assert headline(store) == FULL
    for n in range(len(order), 0, -1):
        undo_batch(store, batches[n - 1])
        assert headline(store) == expected(order[: n - 1])
    assert store.query_df("SELECT count(*) AS n FROM case_facts")["n"][0] == 0


def test_case_takes_the_furthest_stage_and_earliest_dates(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    for source in FILES:
        load(store, source)
    one = store.query_df(
        "SELECT status::VARCHAR AS status, sanction::VARCHAR AS sanction, records, sources, report_date::VARCHAR AS report_date, "
        "recommendation_date, block_date::VARCHAR AS block_date, record_blocked, case_id, source::VARCHAR AS source "
        "FROM case_facts WHERE nip = '197607072006071007'"
    ).iloc[0]
    # Bawaslu forwarded it, KASN recommended "Sedang" and the PPK has not acted ("Belum"), BKN blocked it
    assert one["status"] == "rekomendasi" and one["record_blocked"]
    assert one["records"] == 3 and list(one["sources"]) == ["bawaslu", "bkn", "kasn"]
    assert str(one["report_date"]) == "2020-10-04" and str(one["block_date"]) == "2021-01-11"
    # the case keeps the Bawaslu register number (the primary record), not the KASN letter number
    assert one["case_id"] == "007/REG/LP/PW/2020" and one["source"] == "bawaslu"
    # every record stays a record of its own source
    per_source = store.query_df("SELECT source::VARCHAR AS s, count(*) AS n FROM cases GROUP BY 1 ORDER BY 1")
    assert dict(zip(per_source["s"], per_source["n"], strict=True)) == FULL["records"]


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("Sudah", "ditindaklanjuti"),
        ("sudah", "ditindaklanjuti"),
        ("SUDAH TL", "ditindaklanjuti"),
        ("Sudah TL", "ditindaklanjuti"),
        ("Telah dijatuhi hukuman disiplin sedang", "ditindaklanjuti"),
        ("12/01/2021", "ditindaklanjuti"),
        ("12 Januari 2021", "ditindaklanjuti"),
        ("Belum", "rekomendasi"),
        ("Belum TL", "rekomendasi"),
        ("belum ditindaklanjuti", "rekomendasi"),
        ("Dalam proses", "rekomendasi"),
    ],
)
def test_follow_up_values(value: str, status: str):
    assert follow_up_status(value) == (status, True)


def test_follow_up_column_dates_and_unreadable_text(tmp_path: Path):
    """A date in the follow-up column is the follow-up date; free text that says neither is reported and
    the row still counts as a recommendation."""
    f = write(
        tmp_path / "rek.csv",
        "No. Surat,Tanggal Surat,NIP,Nama,Provinsi,Rekomendasi Sanksi,Tindak Lanjut PPK\n"
        "R-1,05/10/2020,198501012010121001,Budi Rekaan,Bali,Sedang,20/11/2020\n"
        "R-2,06/10/2020,198601012010121002,Siti Contoh,Bali,Ringan,surat teguran dikirim\n"
        "R-3,07/10/2020,198701012010121003,Ani Contoh,Bali,Berat,Sudah TL\n",
    )
    store = Store(tmp_path / "s.duckdb")
    report = import_file(store, f, ImportOptions())
    assert report.kind["kind"] == RECOMMENDATION
    assert [(w.row, w.column) for w in report.warnings] == [(3, "Tindak Lanjut PPK")]
    rows = fetch(
        store,
        "SELECT case_id, status::VARCHAR AS status, follow_up_date::VARCHAR AS fu FROM cases ORDER BY case_id",
    )
    assert rows == [
        ["R-1", "ditindaklanjuti", "2020-11-20"],
        ["R-2", "rekomendasi", None],
        ["R-3", "ditindaklanjuti", None],
    ]


def test_follow_up_report_and_unblock_dates(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    ppk = write(
        tmp_path / "ppk.csv",
        "Nomor SK,Tanggal SK,NIP,Nama,Provinsi,Jenis Hukuman\n"
        "SK-1,01/12/2020,198501012010121001,Budi Rekaan,Bali,Sedang\n",
    )
    report = import_file(store, ppk, ImportOptions())
    assert report.kind["kind"] == FOLLOW_UP, report.kind
    block = write(
        tmp_path / "blokir.csv",
        "NIP,Nama,Provinsi,Tanggal Blokir,Tanggal Buka Blokir\n198601012010121002,Siti,Bali,2021-01-05,2021-02-01\n",
    )
    assert import_file(store, block, ImportOptions()).kind["kind"] == BLOCK
    facts = fetch(
        store,
        "SELECT status::VARCHAR AS s, sanction::VARCHAR AS k, follow_up_date::VARCHAR AS fu, "
        "unblock_date::VARCHAR AS ub, record_blocked FROM case_facts ORDER BY nip",
    )
    assert facts == [
        ["ditindaklanjuti", "sedang", "2020-12-01", None, None],
        [None, None, None, "2021-02-01", True],
    ]


def test_kind_override_and_refusal(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    # the analyst says the register is a recommendation list: every row is then at least "rekomendasi"
    report = import_file(store, FILES["bawaslu"], ImportOptions(kind=RECOMMENDATION, dry_run=True))
    assert report.kind == {**report.kind, "kind": RECOMMENDATION, "chosen": True}
    r = cli_here("import", str(FILES["bkn"]), "--db", str(tmp_path / "c.duckdb"), "--kind", "nonsense")
    assert r.returncode != 0
    r = cli_here("import", str(FILES["bkn"]), "--db", str(tmp_path / "c.duckdb"), "--kind", "block", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["kind"]["chosen"] is True


def test_summary_json_counts_cases_and_records(tmp_path: Path):
    db = tmp_path / "s.duckdb"
    for f in FILES.values():
        import_into(db, f)  # what `netralitas import F --db DB` does, in this process: the summary is tested
    out = json.loads(cli_here("summary", "--db", str(db), "--json").stdout)
    assert {k: out[k] for k in HEADLINE} == FULL
    kasn_only = json.loads(cli_here("summary", "--db", str(db), "--json", "--source", "kasn").stdout)
    assert kasn_only["cases"] == 32 and kasn_only["records"] == {"kasn": 32}


# -- links without an equal NIP -----------------------------------------------------------------------
NO_NIP = (
    "No. Surat,Tanggal Surat,Nama,Instansi,Provinsi,Kab/Kota,Rekomendasi Sanksi,Tindak Lanjut PPK\n"
    "L-1,15/10/2020,Gita Lestary,Dinas Kesehatan Kab. Konawe Selatan,Sultra,Kab. Konawe Selatan,Sedang,Sudah\n"
    "L-2,16/10/2020,Zulkifli Anwar,Dinas Pertanian,Sultra,Kab. Konawe Selatan,Ringan,Belum\n"
)


def _proposals(store: Store):
    return store.query_df("SELECT * FROM link_proposals ORDER BY score DESC")


def test_records_without_nip_are_proposed_never_merged_until_accepted(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    load(store, "bawaslu")
    extra = import_file(store, write(tmp_path / "lain.csv", NO_NIP), ImportOptions(source="bkn"))
    assert headline(store)["cases"] == 42  # nothing merged: no NIP
    props = _proposals(store)
    # "Gita Lestary" in Konawe Selatan is proposed against the register's "Gita Lestari"; the other is not
    assert len(props) >= 1
    best = props.iloc[0]
    keys = {best["key_a"], best["key_b"]}
    assert any(k.startswith("bkn|L-1|") for k in keys) and best["name_score"] > 0.9
    assert not any("L-2" in k for k in props["key_a"].tolist() + props["key_b"].tolist())
    with store.transaction() as con:
        decision = decide(con, best["key_a"], best["key_b"], True, "andi")
    after = headline(store)
    assert after["cases"] == 41 and after["followed_up"] == 1
    how = store.query_df("SELECT how FROM record_cases WHERE record_key LIKE 'bkn|L-1|%'")["how"][0]
    assert how == "accepted"
    # decisions are audited and undoable
    actions = store.query_df("SELECT action FROM audit_log WHERE action LIKE 'link%'")["action"].tolist()
    assert actions == ["link_accept"]
    with store.transaction() as con:
        undo_decision(con, decision, "andi")
    assert headline(store)["cases"] == 42 and len(_proposals(store)) == len(props)
    # a rejected pair is no longer proposed, and stays apart
    with store.transaction() as con:
        decide(con, best["key_a"], best["key_b"], False, "andi")
    assert headline(store)["cases"] == 42 and len(_proposals(store)) == len(props) - 1
    # undoing the batch removes its records and the links only they supported
    with store.transaction() as con:
        undo_decision(con, decision + 1, "andi")
        decide(con, best["key_a"], best["key_b"], True, "andi")
    assert headline(store)["cases"] == 41
    undo_batch(store, extra.batch_id)
    assert headline(store) == {**expected(("bawaslu",))}
    assert _proposals(store).empty


def test_different_nips_are_never_proposed(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    f = write(
        tmp_path / "twins.csv",
        "No. Register,Provinsi,Tgl Laporan,Nama Terlapor,NIP\n"
        "A,Bali,2024-01-10,Budi Rekaan,198501012010121001\nB,Bali,2024-01-11,Budi Rekaan,198501012010121009\n",
    )
    import_file(store, f, ImportOptions())
    assert headline(store)["cases"] == 2 and _proposals(store).empty


def test_nip_with_punctuation_links_and_other_election_does_not(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    a = write(
        tmp_path / "a.csv",
        "No. Register,Provinsi,Tgl Laporan,Nama Terlapor,NIP,Jenis Pemilihan\n"
        "A,Bali,2024-01-10,Budi Rekaan,198501012010121001,Pemilu 2024\n"
        "B,Bali,2020-10-10,Budi Rekaan,198501012010121001,Pilkada 2020\n",
    )
    b = write(
        tmp_path / "b.csv",
        "No. Surat,Tanggal Surat,Nama,NIP,Provinsi,Rekomendasi Sanksi\n"
        "K-1,2024-01-30,BUDI REKAAN,19850101.201012.1.001,Bali,Sedang\n",
    )
    import_file(store, a, ImportOptions())
    import_file(store, b, ImportOptions())
    facts = fetch(store, "SELECT election, records, status::VARCHAR AS s FROM case_facts ORDER BY election")
    # the register has no status column: its Pilkada 2020 case stays unknown, never guessed
    assert facts == [["pemilu-2024", 2, "rekomendasi"], ["pilkada-2020", 1, None]]


# -- pages ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def season_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("season") / "season.duckdb"
    for f in (FILES["bkn"], FILES["kasn"], FILES["bawaslu"]):
        import_into(db, f)
    return db


def test_overview_counts_cases(season_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from netralitas.i18n import t

    monkeypatch.setenv("NETRALITAS_DB", str(season_db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    assert values[t("kpi_cases")] == "40"
    assert values[t("kpi_recommendations")] == "32"
    assert values[t("kpi_blocked")] == "5"
    assert values[t("kpi_follow_up_rate")].startswith("62")


def _app(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def test_case_explorer_timeline_and_agency_lags(season_db, monkeypatch):
    from netralitas.i18n import t

    at = _app(season_db, monkeypatch)
    at.switch_page("views/kasus.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "40" in at.caption[-1].value or any("40" in c.value for c in at.caption)
    at.text_input(key="case_search").input("007/REG").run()
    timeline = at.dataframe[-1].value
    assert timeline[t("timeline_step")].tolist() == [
        t("step_finding"),
        t("step_recommendation"),
        t("step_block"),
    ]
    assert timeline[t("timeline_source")].tolist() == ["Bawaslu", "KASN", "BKN"]
    assert "Gita Lestari" in timeline.to_csv()  # local mode: analyst rights
    at.switch_page("views/instansi.py").run()
    assert not at.exception, [e.value for e in at.exception]
    lags = at.dataframe[-1].value  # the province table is the last
    # Nusa Tenggara Barat has no recommendation (its reports were not violations): no wait to show
    assert set(lags[t("f_province")]) == {"Sulawesi Tenggara", "Jawa Tengah"}
    assert all(0 < int(v) < 30 for v in lags[t("lag_report_rec")])


def test_viewer_sees_the_timeline_masked(season_db, monkeypatch, tmp_path):
    import shutil

    from netralitas.auth import add_user
    from netralitas.i18n import t

    db = tmp_path / "secured.duckdb"
    shutil.copy(season_db, db)
    add_user(Store(db), "vina", "viewer", "kata-sandi-yang-panjang", "test")
    at = _app(db, monkeypatch)
    at.text_input[0].input("vina")
    at.text_input[1].input("kata-sandi-yang-panjang")
    at.button[0].click().run()
    at.switch_page("views/kasus.py").run()
    assert not at.exception, [e.value for e in at.exception]
    with pytest.raises(Exception):  # noqa: B017 (the review page is not in a viewer's navigation)
        at.switch_page("views/tautan.py").run()
    at = _app(db, monkeypatch)
    at.text_input[0].input("vina")
    at.text_input[1].input("kata-sandi-yang-panjang")
    at.button[0].click().run()
    at.switch_page("views/kasus.py").run()
    at.text_input(key="case_search").input("007/REG").run()
    timeline = at.dataframe[-1].value.to_csv()
    assert len(at.dataframe[-1].value) == 3
    assert "Gita" not in timeline and "G. L." in timeline and "1976**************" in timeline
    assert "197607072006071007" not in timeline and t("step_block") in timeline


def test_review_page_accepts_a_link(tmp_path, monkeypatch):
    db = tmp_path / "review.duckdb"
    store = Store(db)
    load(store, "bawaslu")
    import_file(store, write(tmp_path / "lain.csv", NO_NIP), ImportOptions(source="bkn"))
    at = _app(db, monkeypatch)
    at.switch_page("views/tautan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    from netralitas.i18n import t

    proposals = at.dataframe(key="links").value
    assert len(proposals) >= 1 and "Gita Lestary" in proposals.to_csv()
    next(b for b in at.button if b.label == t("links_accept")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert headline(Store(db))["cases"] == 41


def test_data_quality_list(tmp_path):
    store = Store(tmp_path / "q.duckdb")
    register = write(
        tmp_path / "reg.csv",
        "No. Register,Provinsi,Tgl Laporan,Nama Terlapor,NIP,Asal,Status Penanganan\n"
        "A,Bali,2024-01-10,Budi,198501012010121001,Temuan,Tidak terbukti\n"
        "B,Bali,2024-01-11,Siti,199002022015032002,Temuan,Diteruskan\n",
    )
    rec = write(
        tmp_path / "rek.csv",
        "No. Surat,Tanggal Surat,NIP,Nama,Provinsi,Rekomendasi Sanksi\n"
        "K-1,2024-01-20,198501012010121001,Budi,Bali,Sedang\n"
        "K-2,2024-01-21,199002022015032002,Siti,Bali,Ringan\n",
    )
    rec2 = write(
        tmp_path / "rek2.csv",
        "No. Surat,Tanggal Surat,NIP,Nama,Provinsi,Rekomendasi Sanksi\nB-9,2024-02-20,199002022015032002,Siti,Bali,Berat\n",
    )
    block = write(
        tmp_path / "blok.csv", "NIP,Nama,Provinsi,Tanggal Blokir\n197001012000011001,Andi,Bali,2024-03-01\n"
    )
    for f, source in ((register, "other"), (rec, "kasn"), (rec2, "bkn"), (block, "other")):
        import_file(store, f, ImportOptions(source=source))
    from netralitas import queries

    issues = queries.run(store, "disagreements", params={"limit": 100})
    assert sorted(zip(issues["case_id"], issues["issue"], strict=True)) == [
        ("A", "not_violation"),
        ("B", "sanctions"),
        (
            "auto-" + issues["case_id"][issues["issue"] == "block_without_recommendation"].iloc[0][5:],
            "block_without_recommendation",
        ),
    ]


def test_upload_page_shows_and_overrides_the_kind(tmp_path, monkeypatch):
    from netralitas.i18n import t

    at = _app(tmp_path / "up.duckdb", monkeypatch)
    at.switch_page("views/unggah.py").run()
    at.file_uploader(key="uploads").set_value(("blokir.csv", FILES["bkn"].read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    dry = next(b for b in at.button if b.label.startswith("Uji coba"))
    dry.click().run()
    shown = " ".join(i.value for i in at.info)
    assert t("kind_block") in shown and "Tanggal Blokir" in shown
    kind = next(s for s in at.selectbox if s.key and s.key.startswith("kind_"))
    kind.set_value("recommendation").run()
    next(b for b in at.button if b.label.startswith("Uji coba")).click().run()
    shown = " ".join(i.value for i in at.info)
    assert t("kind_recommendation") in shown and t("kind_reason_chosen") in shown


@pytest.mark.parametrize(
    ("regency", "agency", "proposed"),
    [
        ("Kab. Konawe Selatan", "Dinas Kesehatan Kabupaten Konawe Selatan", True),
        ("", "Dinas Kesehatan Kabupaten Konawe Selatan", True),  # regency unknown on one side
        ("Kab. Konawe Selatan", "", True),  # agency unknown on one side
        ("Kab. Kolaka", "Dinas Kesehatan Kabupaten Konawe Selatan", False),  # another regency
        ("Kab. Konawe Selatan", "Badan Pendapatan Daerah", False),  # another agency
    ],
)
def test_what_evidence_a_proposal_needs(tmp_path: Path, regency: str, agency: str, proposed: bool):
    store = Store(tmp_path / "s.duckdb")
    load(store, "bawaslu")
    f = write(
        tmp_path / "l.csv",
        "No. Surat,Tanggal Surat,Nama,Instansi,Provinsi,Kab/Kota,Rekomendasi Sanksi\n"
        f"L-1,15/10/2020,Gita Lestary,{agency},Sultra,{regency},Sedang\n",
    )
    import_file(store, f, ImportOptions(source="kasn"))
    found = fetch(store, "SELECT key_a, key_b FROM link_proposals")
    assert bool(found) is proposed, found
    assert headline(store)["cases"] == 41  # proposed or not, nothing merged


def test_overview_says_how_many_records_stand_behind_the_cases(season_db, monkeypatch):
    at = _app(season_db, monkeypatch)
    captions = [c.value for c in at.caption]
    assert any("40 kasus dari 77 catatan (Bawaslu 40, KASN 32, BKN 5)" in c for c in captions), captions


def test_a_store_of_schema_1_gets_its_cases_on_upgrade(tmp_path: Path, monkeypatch):
    """Records imported before schema 2 become cases when the store is first opened after the upgrade."""
    from netralitas import store as store_module

    db = tmp_path / "old.duckdb"
    only_first = [m for m in store_module.migrations() if m[0] == 1]
    monkeypatch.setattr(store_module, "migrations", lambda: only_first)
    # today's macros read schema 2's tables: a store of schema 1 had the macros of its time
    monkeypatch.setattr(store_module, "_install_macros", lambda con: None)
    with Store(db).connect() as con:
        con.execute(
            "INSERT INTO cases (case_key, source, case_id, case_id_derived, case_date, province_code, nip, "
            "election, status, batch_id) VALUES "
            "('bawaslu|A|1', 'bawaslu', 'A', false, DATE '2020-10-01', '51', '198501012010121001', 'pilkada-2020', "
            "'pelanggaran', 1), "
            "('kasn|K|1', 'kasn', 'K', false, DATE '2020-10-20', '51', '198501012010121001', 'pilkada-2020', "
            "'rekomendasi', 2)"
        )
    monkeypatch.undo()
    store_module._migrated.clear()
    facts = fetch(Store(db), "SELECT records, status::VARCHAR, case_id FROM case_facts")
    assert facts == [[2, "rekomendasi", "A"]]
