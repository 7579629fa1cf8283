"""Users, roles, password hashing (argon2), sign-in rate limiting and the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import NetralitasError
from .privacy import ROLES
from .store import Store

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
_hasher = PasswordHasher()


def audit(store: Store, user: str, action: str, detail: str = "", batch_id: int | None = None) -> None:
    """Record who did what; every import, undo, export, sign-in and setting change goes through here."""
    store.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?)", [datetime.now(), user, action, detail, batch_id]
    )


def users_exist(store: Store) -> bool:
    """With no users the app runs in local mode (localhost only, analyst rights)."""
    if not store.exists():
        return False
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM users WHERE NOT disabled").fetchall()[0][0] > 0


def add_user(store: Store, username: str, role: str, password: str, by: str = "cli") -> None:
    if role not in ROLES:
        raise NetralitasError(f"Peran tidak dikenal: {role}", f"Unknown role: {role}")
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise NetralitasError(
            "Nama pengguna hanya huruf, angka, titik, garis bawah atau tanda hubung.",
            "User names are letters, digits, dots, underscores or hyphens only.",
        )
    if len(password) < MIN_PASSWORD:
        raise NetralitasError(
            f"Kata sandi minimal {MIN_PASSWORD} karakter.",
            f"Passwords need at least {MIN_PASSWORD} characters.",
        )
    with store.transaction() as con:
        con.execute(
            "INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?, false)",
            [username, role, _hasher.hash(password), datetime.now()],
        )
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, 'user', ?, NULL)",
            [datetime.now(), by, f"pengguna {username} ({role}) ditambahkan/diubah"],
        )


def disable_user(store: Store, username: str, by: str) -> None:
    with store.transaction() as con:
        con.execute("UPDATE users SET disabled = true WHERE username = ?", [username])
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, 'user', ?, NULL)",
            [datetime.now(), by, f"pengguna {username} dinonaktifkan"],
        )


def recent_failures(store: Store, username: str, now: datetime | None = None) -> int:
    now = now or datetime.now()
    with store.connect() as con:
        return con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'signin-failed' AND username = ? AND happened_at > ? "
            "AND happened_at > coalesce((SELECT max(happened_at) FROM audit_log WHERE action = 'signin' "
            "AND username = ?), TIMESTAMP '1970-01-01')",
            [username, now - LOCKOUT, username],
        ).fetchall()[0][0]


def authenticate(store: Store, username: str, password: str) -> str:
    """The user's role; raises NetralitasError (same message for unknown user and wrong password) and
    locks the name for 15 minutes after five failures."""
    if recent_failures(store, username) >= MAX_FAILURES:
        audit(store, username, "signin-failed", "terkunci sementara")
        raise NetralitasError(
            "Terlalu banyak percobaan gagal; coba lagi dalam 15 menit.",
            "Too many failed attempts; try again in 15 minutes.",
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
        audit(store, username[:100], "signin-failed")
        raise NetralitasError("Nama pengguna atau kata sandi salah.", "Wrong user name or password.") from exc
    audit(store, username, "signin")
    return row[0][0]


def role_for_email(store: Store, email: str) -> str:
    """Role of a user signed in through OIDC: the users table by e-mail, else viewer."""
    with store.connect() as con:
        row = con.execute("SELECT role FROM users WHERE username = ? AND NOT disabled", [email]).fetchall()
    return row[0][0] if row else "viewer"
