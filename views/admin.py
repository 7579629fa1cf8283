"""Admin: users and roles, the audit log, sample data and the boundary layer in use."""

import pandas as pd
import streamlit as st

from netralitas import config
from netralitas.auth import add_user, disable_user, lift_lock, locks
from netralitas.demo import remove_sample
from netralitas.errors import NetralitasError
from netralitas.i18n import t
from netralitas.safetext import md
from netralitas.ui import context

context.require_role("admin")
lang = context.lang()
ID = lang == "id"
store = context.store()
st.title("Admin")

st.subheader("Pengguna" if ID else "Users")
st.dataframe(context.query("users"), hide_index=True, width="stretch")
with st.form("add_user", clear_on_submit=True):
    cols = st.columns(3)
    name = cols[0].text_input("Nama pengguna" if ID else "User name", max_chars=100)
    role = cols[1].selectbox("Peran" if ID else "Role", ["viewer", "analyst", "admin"])
    password = cols[2].text_input("Kata sandi (min. 10)" if ID else "Password (min. 10)", type="password")
    if st.form_submit_button("Simpan pengguna" if ID else "Save user"):
        try:
            add_user(store, name.strip(), role, password, context.username())
            st.success("Tersimpan." if ID else "Saved.")
        except NetralitasError as exc:
            st.error(exc.message(lang))
users = context.query("users")
active = [
    u for u, d in zip(users["username"], users["disabled"], strict=True) if not d and u != context.username()
]
if active:
    who = st.selectbox("Nonaktifkan pengguna" if ID else "Disable a user", active, key="disable_pick")
    if st.button("Nonaktifkan" if ID else "Disable", key="disable_go"):
        disable_user(store, who, context.username())
        st.success(f"{md(who)} dinonaktifkan." if ID else f"{md(who)} disabled.")

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

st.subheader("Log audit" if ID else "Audit log")
cols = st.columns(2)
action = cols[0].selectbox(
    "Tindakan" if ID else "Action",
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
who = cols[1].text_input("Pengguna" if ID else "User", key="audit_user", max_chars=100).strip()
st.dataframe(
    context.query("audit_log", action=action, username=who, limit=1000), hide_index=True, width="stretch"
)

st.subheader("Data contoh" if ID else "Sample data")
status = context.query("data_status").iloc[0]
st.write(
    f"{int(status['sample_rows'])} baris contoh, {int(status['real_rows'])} baris asli."
    if ID
    else f"{int(status['sample_rows'])} sample rows, {int(status['real_rows'])} real rows."
)
if status["sample_rows"] and st.button(
    "Hapus data contoh" if ID else "Remove the sample data", key="admin_remove_sample"
):
    st.success(f"{remove_sample(store, context.username())} baris dihapus." if ID else "Removed.")

st.subheader("Batas wilayah" if ID else "Boundary layer")
for level in ("province", "regency"):
    path = config.setting(f"boundary_{level}")
    st.write(
        f"{level}: " + (path if path else ("lapisan bawaan (perkiraan)" if ID else "built-in (approximate)"))
    )
st.caption(
    "Ganti dengan berkas GeoJSON resmi melalui NETRALITAS_BOUNDARY_PROVINCE / NETRALITAS_BOUNDARY_REGENCY."
    if ID
    else "Replace with an official GeoJSON file through NETRALITAS_BOUNDARY_PROVINCE / NETRALITAS_BOUNDARY_REGENCY."
)
