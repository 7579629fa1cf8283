"""Sign-in gate: local mode with no users; otherwise a sign-in form (or OIDC), a session timeout, logout."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

import streamlit as st

from .. import config
from ..auth import authenticate, role_for_email
from ..errors import NetralitasError
from ..i18n import t
from ..safetext import md
from . import context

USER, ROLE, SEEN = "netralitas_user", "netralitas_role", "netralitas_last_seen"


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, AttributeError):
        return False


SOURCE_TOKEN = "netralitas_source_token"
XSRF_COOKIE = "_streamlit_xsrf"


def attempt_source() -> str:
    """Where a sign-in attempt comes from, for the back-off: the client address (None through localhost)
    and the browser, named by a hash of Streamlit's XSRF cookie (kept across reloads; a proxy's address is
    shared by everyone behind it, the browser part keeps them apart), else by this session."""
    try:
        address, cookie = st.context.ip_address, st.context.cookies.get(XSRF_COOKIE)
    except (AttributeError, RuntimeError):
        address, cookie = None, None
    address = address if isinstance(address, str) and address else "lokal"
    if isinstance(cookie, str) and cookie:
        browser = hashlib.sha256(cookie.encode()).hexdigest()[:12]
    else:
        browser = st.session_state.setdefault(SOURCE_TOKEN, "sesi-" + secrets.token_hex(6))
    return f"{address} {browser}"


def sign_out() -> None:
    for key in (USER, ROLE, SEEN):
        st.session_state.pop(key, None)


def gate(resolve_page: Callable[[], object] | None = None) -> None:
    """Stop the run with the sign-in page unless the session may continue; sets role and user name.
    `resolve_page` runs before the sign-in form: it registers the pages without running one, so the
    link's page (/kasus) stays the session's page and the rerun after signing in opens it."""
    lang = context.lang()
    users = context.query("users")
    if users.empty or users["disabled"].all():
        address = str(st.get_option("server.address") or "")
        if address not in ("127.0.0.1", "localhost", "::1"):
            # Local mode grants analyst rights to whoever connects: never on a network address.
            st.error(t("no_users_network", lang))
            st.stop()
        st.session_state[USER], st.session_state[ROLE] = "lokal", "analyst"
        st.sidebar.caption(t("local_mode", lang))
        return
    if st.session_state.get(USER) == "lokal":
        sign_out()
    now = time.monotonic()
    timeout = config.setting_int("session_timeout_minutes") * 60
    if st.session_state.get(USER) and now - st.session_state.get(SEEN, now) > timeout:
        sign_out()
        st.info(t("session_expired", lang))
    if st.session_state.get(USER):
        st.session_state[SEEN] = now
        with st.sidebar:
            st.caption(f"{md(st.session_state[USER])} · {md(st.session_state[ROLE])}")
            if st.button(t("sign_out", lang), key="signout"):
                sign_out()
                if _oidc_configured() and getattr(st.user, "is_logged_in", False):
                    st.logout()
                st.rerun()
        return
    if _oidc_configured() and getattr(st.user, "is_logged_in", False):
        email = str(st.user.get("email", ""))
        st.session_state[USER], st.session_state[ROLE], st.session_state[SEEN] = (
            email,
            role_for_email(context.store(), email),
            now,
        )
        st.rerun()
    if resolve_page is not None:
        resolve_page()
    _sign_in_form(lang)
    st.stop()


def _sign_in_form(lang: str) -> None:
    st.title(t("app_title", lang))
    st.caption(t("app_subtitle", lang))
    with st.form("signin"):
        name = st.text_input(t("user_name", lang), max_chars=100)
        password = st.text_input(t("password", lang), type="password", max_chars=200)
        submitted = st.form_submit_button(t("sign_in", lang), type="primary")
    if _oidc_configured():
        st.button(t("sign_in_oidc", lang), on_click=st.login)
    if submitted:
        try:
            role = authenticate(context.store(), name.strip(), password, attempt_source())
        except NetralitasError as exc:
            st.error(exc.message(lang))
            return
        st.session_state[USER], st.session_state[ROLE], st.session_state[SEEN] = (
            name.strip(),
            role,
            time.monotonic(),
        )
        st.rerun()
