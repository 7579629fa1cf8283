"""Admin: users and roles, the audit log, sample data and the boundary layer in use."""

import pandas as pd
import streamlit as st

from netralitas import config, style
from netralitas.auth import add_user, disable_user, lift_lock, locks
from netralitas.demo import remove_sample
from netralitas.errors import NetralitasError
from netralitas.i18n import t
from netralitas.present.tables import labelled_columns
from netralitas.safetext import md
from netralitas.ui import context

context.require_role("admin")
lang = context.lang()
store = context.store()

st.subheader(t("adm_users", lang))
st.dataframe(labelled_columns(context.query("users"), lang), hide_index=True, width="stretch")
with st.form("add_user", clear_on_submit=True):
    cols = st.columns(3)
    name = cols[0].text_input(t("adm_user_name", lang), max_chars=100)
    role = cols[1].selectbox(t("adm_role", lang), ["viewer", "analyst", "admin"])
    password = cols[2].text_input(t("adm_password", lang), type="password")
    if st.form_submit_button(t("adm_save_user", lang)):
        try:
            add_user(store, name.strip(), role, password, context.username())
            st.success(t("adm_saved", lang))
        except NetralitasError as exc:
            st.error(exc.message(lang))
users = context.query("users")
active = [
    u for u, d in zip(users["username"], users["disabled"], strict=True) if not d and u != context.username()
]
if active:
    who = st.selectbox(t("adm_disable_pick", lang), active, key="disable_pick")
    if st.button(t("adm_disable", lang), key="disable_go"):
        disable_user(store, who, context.username())
        st.success(t("adm_disabled", lang, user=md(who)))

st.subheader(t("locks_title", lang))
held = locks(store)
if "lock_lifted" in st.session_state:
    st.success(st.session_state.pop("lock_lifted"))
if held.empty:
    st.caption(t("locks_none", lang))
else:
    st.caption(t("locks_note", lang))
    kinds = [t(f"lock_kind_{k}", lang) for k in held["kind"]]
    st.dataframe(
        pd.DataFrame(
            {
                t("lock_col_kind", lang): kinds,
                t("lock_col_subject", lang): held["subject"],
                t("lock_col_failures", lang): held["failures"],
                t("lock_col_last", lang): held["last_failure"],
                t("lock_col_wait", lang): held["wait_seconds"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    pick = st.selectbox(
        t("lock_pick", lang),
        range(len(held)),
        format_func=lambda i: f"{kinds[i]}: {held['subject'][i]}",
        key="lock_pick",
    )
    if st.button(t("lock_lift", lang), key="lock_lift"):
        lift_lock(store, held["kind"][pick], held["subject"][pick], context.username())
        st.session_state["lock_lifted"] = t("lock_lifted", lang, subject=md(held["subject"][pick]))
        st.rerun()

st.subheader(t("adm_audit", lang))
cols = st.columns(2)
action = cols[0].selectbox(
    t("adm_action", lang),
    [
        "",
        "signin",
        "signin-failed",
        "signin-throttled",
        "signin-unlock",
        "import",
        "undo",
        "export",
        "user",
        "setting",
    ],
    key="audit_action",
)
who = cols[1].text_input(t("adm_user", lang), key="audit_user", max_chars=100).strip()
st.dataframe(
    labelled_columns(context.query("audit_log", action=action, username=who, limit=1000), lang),
    hide_index=True,
    width="stretch",
)

st.subheader(t("adm_sample", lang))
status = context.query("data_status").iloc[0]
st.write(
    t(
        "adm_sample_rows",
        lang,
        sample=style.fmt_int(int(status["sample_rows"]), lang),
        real=style.fmt_int(int(status["real_rows"]), lang),
    )
)
if status["sample_rows"] and st.button(t("adm_remove_sample", lang), key="admin_remove_sample"):
    removed = remove_sample(store, context.username())
    st.success(t("adm_removed", lang, rows=style.fmt_int(removed, lang)))

st.subheader(t("adm_boundary", lang))
for level in ("province", "regency"):
    path = config.setting(f"boundary_{level}")
    name = t(f"f_{level}", lang)
    st.write(t("adm_boundary_level", lang, level=name, path=path or t("adm_boundary_builtin", lang)))
st.caption(t("adm_boundary_note", lang))
