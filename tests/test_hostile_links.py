"""Hostile links and hostile data (#18, exports, escaping, sign-in back-off): each rule on its class of
inputs. The browser half is tests/browser/test_hostile_links_browser.py."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from netralitas.auth import (
    NAME_CAP,
    SOURCE_BASE,
    SOURCE_FREE,
    add_user,
    authenticate,
    lift_lock,
    locks,
    wait_before_attempt,
)
from netralitas.errors import NetralitasError
from netralitas.export import is_formula_like, to_csv_bytes, to_xlsx_bytes
from netralitas.present import charts
from netralitas.safetext import WORD_JOINER, md, plotly, plotly_safe

PASSWORD = "kata-sandi-yang-panjang"

# --- exports ---------------------------------------------------------------------------------------------

STARTS = ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"]
SPACES = ["", " ", "   ", "\u00a0", "\u3000"]
FORMULAS = [s + c + "1+1" for c in STARTS for s in SPACES] + [
    '=HYPERLINK("https://evil.example","klik")',
    "\r=1+1",
    "@SUM(A1:A9)",
    " -2+3",
]
# Text, not formulas, but a CR or LF inside must not start a new row whose first cell is a formula.
HARMLESS = [
    "Dinas Pendidikan",
    "A=B",
    "1+1",
    "kampanye @ medsos",
    "",
    "Rp 5.000",
    "aman\r=1+1",
    "baris\n=2+2",
    "dua\r\n@baris",
    "ok\x00nul",
    "x\x1fy",
]


def hostile_frame() -> pd.DataFrame:
    values = FORMULAS + HARMLESS
    return pd.DataFrame(
        {
            "=kolom": values,  # a hostile header too
            "Instansi": list(reversed(values)),
            "Kasus": range(len(values)),
            "Tanggal": pd.Timestamp("2024-01-10"),
        }
    )


def _starts_formula(cell: str) -> bool:
    return is_formula_like(cell)


def test_every_formula_start_is_recognised_and_harmless_text_is_not():
    assert all(is_formula_like(v) for v in FORMULAS)
    assert not any(is_formula_like(v) for v in HARMLESS)


def test_csv_export_reads_back_with_csv_and_pandas_row_for_row_and_starts_no_formula():
    frame = hostile_frame()
    data = to_csv_bytes(frame)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(frame) + 1  # header + every row, none split by a CR or LF
    for row in rows:
        assert len(row) == 4
        for cell in row[:2]:
            assert not _starts_formula(cell), repr(cell)
            assert cell.lstrip(" \u00a0\u3000")[:1] not in set("=+-@＝＋－＠") or cell.startswith("'")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert len(back) == len(frame)
    assert list(back.columns) == ["'=kolom", "Instansi", "Kasus", "Tanggal"]
    assert back["Instansi"].tolist()[-len(FORMULAS) :] == ["'" + v for v in reversed(FORMULAS)]
    assert back["Kasus"].tolist() == list(range(len(frame)))
    assert "ok\ufffdnul" in back["'=kolom"].tolist()  # a NUL is replaced, visibly


def test_xlsx_export_holds_text_cells_without_a_visible_apostrophe():
    frame = hostile_frame()
    data = to_xlsx_bytes(frame)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    assert len(rows) == len(frame) + 1
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert cell.data_type == "s" and not cell.value.startswith("'")
                assert bool(cell.quotePrefix) == is_formula_like(cell.value), cell.coordinate
    assert rows[0][0].value == "=kolom"
    # as typed (XML reads a CR back as LF; a NUL, which XML cannot hold, as U+FFFD)
    expected = [v.replace("\r", "\n").replace("\x00", "\ufffd").replace("\x1f", "\ufffd") for v in FORMULAS]
    assert [r[0].value for r in rows[1 : len(FORMULAS) + 1]] == expected
    back = pd.read_excel(io.BytesIO(data), engine="openpyxl", keep_default_na=False)
    assert len(back) == len(frame) and back["Kasus"].tolist() == list(range(len(frame)))


def test_exports_never_fail_on_stored_control_characters():
    frame = pd.DataFrame({"a": ["".join(chr(c) for c in range(32)) + "\ufffe"], "b": [None]})
    assert to_xlsx_bytes(frame) and to_csv_bytes(frame)


# --- markdown and plotly escaping -------------------------------------------------------------------------

HOSTILE_TEXT = [
    "[Masuk ulang](https://evil.example/login)",
    "![px](https://evil.example/p.png)",
    "<img src=https://evil.example/i.png>",
    '<a href="https://evil.example/a">Dinas</a>',
    "https://evil.example/x",
    "www.evil.example",
    "WWW.Evil.Example/x",
    "budi@evil.example",
    "<https://evil.example>",
    "[ref]\n\n[ref]: https://evil.example",
    "# Judul\n- daftar",
    "**tebal** _miring_ ~~coret~~ `kode`",
    ":red[merah] :material/home: $x^2$",
    "a\\[b\\](c)",
    "javascript:alert(1)",
]
# remark-gfm's autolink literals (mdast-util-gfm-autolink-literal): what must not survive in the text.
GFM_AUTOLINK = re.compile(r"(https?://|www(?=\.))|[-.\w+]+@[-\w]+(\.[-\w]+)+", re.IGNORECASE)
_unescape = re.compile(r"\\(.)")


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_markdown_escaping_leaves_only_text(value):
    escaped = md(value)
    html = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(f"Filter: {escaped}")
    assert "<a" not in html and "<img" not in html and "<h1" not in html and "<li" not in html
    assert "<strong" not in html and "<em" not in html and "<code" not in html
    # what the paragraph shows is the value as typed (line breaks as spaces), and no autolink can start
    text = _unescape.sub(r"\1", escaped)
    assert text.replace(WORD_JOINER, "") == value.replace("\n", " ")
    assert not GFM_AUTOLINK.search(text), text


def test_plotly_escaping_is_reversible_text():
    for value in HOSTILE_TEXT:
        out = plotly(value)
        assert "<" not in out and ">" not in out
        assert out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == value
    assert plotly("a &lt; b") == "a &amp;lt; b"  # an entity in data shows as typed


def test_chart_labels_from_data_reach_the_figure_escaped():
    agencies = ['<a href="https://evil.example/a">Dinas</a>', "Dinas <b>Tebal</b>", "A & B"]
    groups = pd.DataFrame({"key": agencies, "label": agencies, "cases": [3, 2, 1]})
    fig = charts.ranked_bars(groups, "cases", "Instansi", "id")
    assert sorted(fig.data[0].y) == sorted(plotly(a) for a in agencies)
    assert [c[0] for c in fig.data[0].customdata] == agencies[::-1]  # a click still hands back the key
    league = pd.DataFrame({"key": agencies, "recommendations": [3, 2, 1], "followed_up": [1, 1, 0]})
    fig = charts.follow_up_bars(league, "Tindak lanjut", "id")
    for trace in fig.data:
        assert all("<" not in y for y in trace.y)
    phases = pd.DataFrame(
        {"election": ["x-2024"], "phase": ["kampanye"], "cases": [4], "days": [10]},
    )
    fig = charts.phase_bars(
        phases, {"x-2024": "<a href='https://evil.example'>Pemilu</a>"}, "cases", "", "id"
    )
    assert fig.data[0].name == plotly("<a href='https://evil.example'>Pemilu</a>")
    assert not any("<a" in str(v) for t in fig.to_plotly_json()["data"] for v in t.values())


def test_plotly_safe_leaves_numbers_and_dates_alone():
    import plotly.graph_objects as go

    fig = plotly_safe(go.Figure(go.Bar(x=[pd.Timestamp("2024-01-01")], y=[3], name=None)))
    assert fig.data[0].y == (3,)


# --- the pages: hostile URL parameters as text ----------------------------------------------------------


@pytest.fixture
def local_app(tmp_path, monkeypatch):
    monkeypatch.setenv("NETRALITAS_DB", str(tmp_path / "pages.duckdb"))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")

    def make(**params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def test_filter_line_and_ignored_warning_escape_the_link(local_app):
    link = "[Masuk ulang](https://evil.example/login)"
    at = local_app(agency=link, province="![px](https://evil.example/p.png)")
    line = next(c.value for c in at.caption if "Filter aktif" in c.value)
    assert md(link) in line and link not in line
    warning = next(w.value for w in at.warning if "diabaikan" in w.value)
    assert md("![px](https://evil.example/p.png)") in warning and "](https://" not in warning


# --- sign-in back-off (fake clock: every call is given its `now`) ----------------------------------------

T0 = datetime(2026, 3, 1, 9, 0, 0)


def _try(store, name: str, password: str, source: str, now: datetime) -> str:
    """'ok', 'wrong' or 'wait'."""
    try:
        authenticate(store, name, password, source, now=now)
    except NetralitasError as exc:
        return "wait" if "coba lagi" in exc.message_id else "wrong"
    return "ok"


@pytest.fixture
def users(db_path, monkeypatch):
    from argon2 import PasswordHasher

    from netralitas import auth
    from netralitas.store import Store

    # Cheap hashes and one kept connection: the simulations make hundreds of attempts.
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    store = Store(db_path, keep_open=True)
    add_user(store, "admin1", "admin", PASSWORD)
    add_user(store, "ana", "analyst", PASSWORD)
    return store


def test_attempts_during_a_wait_do_not_extend_it(users):
    for i in range(SOURCE_FREE):
        assert _try(users, "ana", "salah", "A", T0 + timedelta(seconds=i)) == "wrong"
    last = T0 + timedelta(seconds=SOURCE_FREE - 1)
    for i in range(20):  # hammering during the wait: refused, not counted
        assert _try(users, "ana", "salah", "A", last + timedelta(seconds=1 + i)) == "wait"
    assert wait_before_attempt(users, "ana", "A", last + timedelta(seconds=21)) == SOURCE_BASE - timedelta(
        seconds=21
    )
    assert _try(users, "ana", PASSWORD, "A", last + SOURCE_BASE) == "ok"
    with users.connect() as con:
        actions = dict(con.execute("SELECT action, count(*) FROM audit_log GROUP BY action").fetchall())
    assert actions["signin-failed"] == SOURCE_FREE and actions["signin-throttled"] == 20


def test_one_browser_cannot_keep_a_named_user_out(users):
    """An attacker's browser fails as often as it is let in, for an hour; the administrator, from their
    own browser, tries every seven minutes and waits as told: they always get in within NAME_CAP."""
    now, attacker_next, user_next, worst = T0, T0, T0 + timedelta(minutes=3), timedelta(0)
    while now < T0 + timedelta(hours=1):
        if now >= attacker_next:
            result = _try(users, "admin1", "tebakan", "attacker", now)
            wait = wait_before_attempt(users, "admin1", "attacker", now)
            attacker_next = now + max(wait, timedelta(seconds=1))
            assert result in ("wrong", "wait")
        if now >= user_next:
            start = now
            while _try(users, "admin1", PASSWORD, "admin-browser", now) != "ok":
                now += wait_before_attempt(users, "admin1", "admin-browser", now)
            worst = max(worst, now - start)
            user_next = now + timedelta(minutes=7)
        now += timedelta(seconds=1)
    assert worst <= NAME_CAP, worst


def test_back_off_does_not_reveal_which_names_exist(users):
    def replay(name: str) -> list[str]:
        out = []
        for i in range(12):
            try:
                authenticate(users, name, "salah", f"src-{name}", now=T0 + timedelta(seconds=i))
            except NetralitasError as exc:
                out.append(exc.message_en)
        return out

    assert replay("ana") == replay("tidak-ada")  # an existing name and an unknown one, the same replies


def test_admins_see_and_lift_back_offs_and_lifting_is_audited(users):
    for i in range(SOURCE_FREE + 1):
        _try(users, "ana", "salah", "A", T0 + timedelta(seconds=40 * i))
    held = locks(users, T0 + timedelta(seconds=40 * SOURCE_FREE + 1))
    assert set(zip(held["kind"], held["subject"], strict=True)) == {("name", "ana"), ("source", "A")}
    source_wait = held.loc[held["kind"] == "source", "wait_seconds"].iloc[0]
    assert source_wait > 0
    lift_lock(users, "source", "A", "admin1", T0 + timedelta(seconds=40 * SOURCE_FREE + 2))
    lift_lock(users, "name", "ana", "admin1", T0 + timedelta(seconds=40 * SOURCE_FREE + 2))
    after = T0 + timedelta(seconds=40 * SOURCE_FREE + 3)
    assert locks(users, after).empty
    assert wait_before_attempt(users, "ana", "A", after) == timedelta(0)
    with users.connect() as con:
        logged = con.execute(
            "SELECT username, detail FROM audit_log WHERE action = 'signin-unlock' ORDER BY detail"
        ).fetchall()
    assert logged == [("admin1", "nama ana"), ("admin1", "sumber A")]


def test_a_successful_sign_in_resets_the_name_but_not_the_attackers_source(users):
    for i in range(SOURCE_FREE):
        _try(users, "ana", "salah", "attacker", T0 + timedelta(seconds=i))
    assert _try(users, "ana", PASSWORD, "own", T0 + timedelta(seconds=10)) == "ok"
    later = T0 + timedelta(seconds=11)
    assert wait_before_attempt(users, "ana", "own", later) == timedelta(0)
    assert wait_before_attempt(users, "ana", "attacker", later) > timedelta(0)


def test_admin_page_lists_and_lifts_a_back_off(tmp_path, monkeypatch):
    from netralitas.store import Store

    db = tmp_path / "admin.duckdb"
    store = Store(db)
    add_user(store, "admin1", "admin", PASSWORD)
    for _ in range(SOURCE_FREE):
        _try(store, "ana", "salah", "198.51.100.7 abc", datetime.now())
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.text_input[0].input("admin1")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    at.switch_page("views/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    held = next(d.value for d in at.dataframe if "Nama atau sumber" in d.value.columns)
    assert set(held["Nama atau sumber"]) == {"ana", "198.51.100.7 abc"}
    at.selectbox(key="lock_pick").set_value(1).run()  # the second row of the table
    at.button(key="lock_lift").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Penundaan dicabut" in s.value for s in at.success)
    with store.connect() as con:
        logged = con.execute(
            "SELECT username, detail FROM audit_log WHERE action = 'signin-unlock'"
        ).fetchall()
    assert len(logged) == 1 and logged[0][0] == "admin1"
    assert len(locks(store)) == 1  # the other one is still there
