"""Users, roles, password hashing (argon2), sign-in back-off by name and by source, and the audit log."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import queries
from .audit import record
from .errors import NetralitasError
from .i18n import t
from .privacy import ROLES
from .store import Store

MIN_PASSWORD = 10
_hasher = PasswordHasher()


def audit(
    store: Store,
    user: str,
    action: str,
    detail: str = "",
    batch_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """Record who did what; every import, undo, export, sign-in and setting change goes through here."""
    with store.connect() as con:
        record(con, user, action, detail, batch_id, at)


def users_exist(store: Store) -> bool:
    """With no users the app runs in local mode (localhost only, analyst rights)."""
    if not store.exists():
        return False
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM users WHERE NOT disabled").fetchall()[0][0] > 0


def add_user(store: Store, username: str, role: str, password: str, by: str = "cli") -> None:
    if role not in ROLES:
        raise NetralitasError.of("auth_unknown_role", role=role)
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise NetralitasError.of("auth_bad_name")
    if len(password) < MIN_PASSWORD:
        raise NetralitasError.of("auth_short_password", n=MIN_PASSWORD)
    with store.transaction() as con:
        con.execute(
            "INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?, false)",
            [username, role, _hasher.hash(password), datetime.now()],
        )
        record(con, by, "user", f"pengguna {username} ({role}) ditambahkan/diubah")


def disable_user(store: Store, username: str, by: str) -> None:
    with store.transaction() as con:
        con.execute("UPDATE users SET disabled = true WHERE username = ?", [username])
        record(con, by, "user", f"pengguna {username} dinonaktifkan")


# Back-off instead of a hard lock (#18). A source (one browser at one address) gets SOURCE_FREE tries,
# then waits SOURCE_BASE, doubling with each further failure up to SOURCE_CAP. A name, whatever the
# source, gets NAME_FREE tries, then waits at most NAME_CAP: short, because a name's wait is shared by its
# real user, and one browser, itself backed off for up to 15 minutes, can then keep that user out for at
# most a minute in fifteen. Attempts refused while waiting are not failures: they never extend a wait.
SOURCE_FREE, SOURCE_BASE, SOURCE_CAP = 5, timedelta(seconds=30), timedelta(minutes=15)
NAME_FREE, NAME_BASE, NAME_CAP = 5, timedelta(seconds=2), timedelta(seconds=60)
WINDOW = timedelta(hours=24)  # failures older than this never count
MAX_FAILURES = NAME_FREE


def backoff(failures: int, free: int, base: timedelta, cap: timedelta) -> timedelta:
    """How long to wait after the last of `failures` counted failures: nothing for the first `free`."""
    if failures < free:
        return timedelta(0)
    return min(cap, base * 2 ** min(failures - free, 20))


def _failures(store: Store, now: datetime, username: str = "", source: str = "", everyone: bool = False):
    return queries.run(
        store,
        "signin_failures",
        params={"since": now - WINDOW, "username": username, "source": source, "everyone": everyone},
    )


def _remaining(kind: str, failures: int, last: datetime, now: datetime) -> timedelta:
    rule = (NAME_FREE, NAME_BASE, NAME_CAP) if kind == "name" else (SOURCE_FREE, SOURCE_BASE, SOURCE_CAP)
    return max(timedelta(0), pd.Timestamp(last).to_pydatetime() + backoff(failures, *rule) - now)


def wait_before_attempt(store: Store, username: str, source: str, now: datetime | None = None) -> timedelta:
    """How long this name from this source must wait before its next attempt is checked (0: go ahead)."""
    now = now or datetime.now()
    rows = _failures(store, now, username, source)
    waits = [
        _remaining(r.kind, int(r.failures), r.last_failure, now)
        for r in rows.itertuples(index=False)
        if (r.kind, r.subject) in (("name", username), ("source", source))
    ]
    return max(waits, default=timedelta(0))


def _event(store: Store, now: datetime, username: str, source: str, outcome: str) -> None:
    store.execute("INSERT INTO signin_events VALUES (?, ?, ?, ?)", [now, username, source, outcome])


def fmt_wait(wait: timedelta, lang: str) -> str:
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds <= 90:
        return t("seconds", lang, n=seconds)
    return t("minutes", lang, n=math.ceil(seconds / 60))


def authenticate(
    store: Store, username: str, password: str, source: str = "", now: datetime | None = None
) -> str:
    """The user's role. Raises NetralitasError with one message for an unknown name and a wrong password,
    and another, naming the wait, while the name or the source backs off (for any name, known or not, so
    the form never reveals which names exist)."""
    now = now or datetime.now()
    name = username[:100]
    wait = wait_before_attempt(store, name, source, now)
    if wait > timedelta(0):
        audit(store, name, "signin-throttled", f"sumber {source}", at=now)
        raise NetralitasError(
            t("signin_wait", "id", wait=fmt_wait(wait, "id")),
            t("signin_wait", "en", wait=fmt_wait(wait, "en")),
        )
    with store.connect() as con:
        row = con.execute(
            "SELECT role, password_hash FROM users WHERE username = ? AND NOT disabled", [username]
        ).fetchall()
    try:
        if not row:
            _hasher.hash(password)  # the same work as a real check, so timing does not reveal user names
            raise VerifyMismatchError
        _hasher.verify(row[0][1], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError) as exc:
        _event(store, now, name, source, "failed")
        audit(store, name, "signin-failed", f"sumber {source}", at=now)
        raise NetralitasError.of("signin_wrong") from exc
    _event(store, now, username, source, "signin")
    audit(store, username, "signin", f"sumber {source}", at=now)
    return row[0][0]


def locks(store: Store, now: datetime | None = None) -> pd.DataFrame:
    """Names and sources past their free tries in the last 24 hours, for the admin page: kind ('name' or
    'source'), subject, failures, last_failure, and wait_seconds (0 once the wait has run out)."""
    now = now or datetime.now()
    rows = _failures(store, now, everyone=True)
    if rows.empty:
        return rows.assign(wait_seconds=pd.Series(dtype="int64"))
    free = rows["kind"].map({"name": NAME_FREE, "source": SOURCE_FREE})
    rows = rows[rows["failures"] >= free].copy()
    rows["wait_seconds"] = [
        math.ceil(_remaining(k, int(f), last, now).total_seconds())
        for k, f, last in zip(rows["kind"], rows["failures"], rows["last_failure"], strict=True)
    ]
    return rows.reset_index(drop=True)


def lift_lock(store: Store, kind: str, subject: str, by: str, now: datetime | None = None) -> None:
    """An administrator lifts a name's or a source's back-off: its failures so far no longer count.
    Audited."""
    if kind not in ("name", "source"):
        raise ValueError(kind)
    now = now or datetime.now()
    _event(store, now, subject if kind == "name" else "", subject if kind == "source" else "", f"lift-{kind}")
    audit(store, by, "signin-unlock", f"{'nama' if kind == 'name' else 'sumber'} {subject}", at=now)


def role_for_email(store: Store, email: str) -> str:
    """Role of a user signed in through OIDC: the users table by e-mail, else viewer."""
    with store.connect() as con:
        row = con.execute("SELECT role FROM users WHERE username = ? AND NOT disabled", [email]).fetchall()
    return row[0][0] if row else "viewer"
