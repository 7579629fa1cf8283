"""Roles, sign-in, masking and the audit log: what each role can reach, by page or by URL."""

from __future__ import annotations

import re

import pytest
from builders import add_users, import_into, import_messy_kasn
from conftest import ROOT, cli_here, write
from streamlit.testing.v1 import AppTest

from netralitas.auth import MAX_FAILURES, add_user, authenticate
from netralitas.errors import NetralitasError
from netralitas.export import neutralise, to_csv_bytes
from netralitas.i18n import t
from netralitas.privacy import mask_name, mask_nip

PASSWORD = "kata-sandi-yang-panjang"
NIP = re.compile(r"\b\d{18}\b")


def test_masking():
    assert mask_nip("198501012010121001") == "1985**************"
    assert mask_name("Budi Rekaan") == "B. R."
    assert mask_nip(None) is None and mask_name("") is None


def test_formula_cells_are_neutralised_in_exports():
    import pandas as pd

    for bad in ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"):
        assert neutralise(bad) == "'" + bad
    out = to_csv_bytes(pd.DataFrame({"a": ["=1+1", "aman"], "=b": [1, 2]})).decode("utf-8-sig")
    assert "'=1+1" in out and "'=b" in out and "\n=" not in out


def test_password_hashing_and_rate_limit(store):
    add_user(store, "ana", "analyst", PASSWORD)
    with store.connect() as con:
        stored = con.execute("SELECT password_hash FROM users").fetchall()[0][0]
    assert stored.startswith("$argon2") and PASSWORD not in stored
    assert authenticate(store, "ana", PASSWORD) == "analyst"
    for _ in range(MAX_FAILURES):
        with pytest.raises(NetralitasError, match="salah"):
            authenticate(store, "ana", "salah-salah-salah")
    with pytest.raises(NetralitasError, match="coba lagi dalam"):
        authenticate(store, "ana", PASSWORD)  # backed off, even with the right password
    with pytest.raises(NetralitasError, match="minimal"):
        add_user(store, "x", "viewer", "pendek")


@pytest.fixture(scope="module")
def secured_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("auth")
    db = tmp / "auth.duckdb"
    people = write(
        tmp / "people.csv",
        "Nomor,Provinsi,Tanggal Laporan,Nama Terlapor,NIP\n"
        "N1,Bali,2024-01-10,Budi Rekaan,198501012010121001\nN2,Bali,2024-01-11,Siti Contoh,199002022015032002\n",
    )
    import_messy_kasn(db, tmp)
    import_into(db, people, "kasn")
    add_users(db, {"vina": "viewer", "andi": "analyst", "admin1": "admin"}, PASSWORD)
    return db


@pytest.fixture
def signed_in(secured_db, monkeypatch):
    monkeypatch.setenv("NETRALITAS_DB", str(secured_db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")

    def make(user: str | None, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if user:
            at.text_input[0].input(user)
            at.text_input[1].input(PASSWORD)
            at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def test_nothing_but_sign_in_without_signing_in(signed_in):
    at = signed_in(None, province="51")
    assert not at.metric and not at.dataframe
    assert any("Masuk" in b.label for b in at.button)


def test_wrong_password_is_refused_and_audited(signed_in, secured_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.text_input[0].input("vina")
    at.text_input[1].input("bukan-kata-sandinya")
    at.button[0].click().run()
    assert any("salah" in e.value for e in at.error) and not at.metric
    out = cli_here("summary", "--db", str(secured_db), "--json")
    assert out.returncode == 0
    import duckdb

    with duckdb.connect(str(secured_db), read_only=True) as con:
        assert (
            con.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'signin-failed' AND username = 'vina'"
            ).fetchall()[0][0]
            >= 1
        )


def test_viewer_sees_masked_people_and_no_upload(signed_in):
    at = signed_in("vina")
    assert at.metric  # the overview
    with pytest.raises(Exception):  # noqa: B017 (the page is not in a viewer's navigation)
        at.switch_page("views/unggah.py").run()
    at = signed_in("vina")
    at.switch_page("views/kasus.py").run()
    frame = at.dataframe[0].value
    text = frame.to_csv()
    assert not NIP.search(text)
    assert "Budi Rekaan" not in text and "B. R." in text and "1985**************" in text
    # searching a full NIP must not confirm it to a viewer
    at.text_input(key="case_search").input("198501012010121001").run()
    assert not at.dataframe or at.dataframe[0].value.empty


def test_analyst_sees_people_and_can_upload(signed_in):
    at = signed_in("andi")
    at.switch_page("views/kasus.py").run()
    assert "Budi Rekaan" in at.dataframe[0].value.to_csv()
    at = signed_in("andi")
    at.switch_page("views/unggah.py").run()
    assert not at.exception and at.title[0].value == "Unggah data"


def test_what_an_analyst_was_shown_never_reaches_a_viewer(signed_in):
    """The case table and the timeline's picker are kept for every session of the process: an analyst's
    unmasked ones must not be handed to a viewer who opens the same view right after."""
    analyst, viewer = signed_in("andi"), signed_in("vina")  # both signed in first: one data version
    analyst.switch_page("views/kasus.py").run()
    viewer.switch_page("views/kasus.py").run()
    assert "Budi Rekaan" in analyst.dataframe[0].value.to_csv()
    assert any("Budi Rekaan" in o for o in analyst.selectbox(key="timeline_case").options)
    text = viewer.dataframe[0].value.to_csv()
    picker = viewer.selectbox(key="timeline_case").options
    assert "Budi Rekaan" not in text and not NIP.search(text)
    assert picker and not any("Budi Rekaan" in o for o in picker) and any("B. R." in o for o in picker)


def test_presenter_mode_masks_even_for_analysts(signed_in):
    at = signed_in("andi", presenter="1")
    at.switch_page("views/kasus.py").run()
    text = at.dataframe[0].value.to_csv()
    assert "Budi Rekaan" not in text and not NIP.search(text)


def test_admin_page_only_for_admins(signed_in):
    at = signed_in("admin1")
    at.switch_page("views/admin.py").run()
    assert at.title[0].value == "Admin" and not at.exception
    logged = at.dataframe[1].value  # headers are labelled for people, missing values empty
    assert {"signin", "import", "user"} <= set(logged[t("adm_action", "id")])
    assert "batch_id" not in logged.columns and "None" not in logged.to_csv()
    users = at.dataframe[0].value
    assert list(users.columns) == [t("adm_user", "id"), t("adm_role", "id"), "Dibuat", "Nonaktif"]
