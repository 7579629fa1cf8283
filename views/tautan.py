"""Tautan kasus (analysts): proposed links between records without an equal NIP, accepted or rejected one
by one; the stored decisions, undoable; and the data-quality list of sources that disagree."""

import streamlit as st

from netralitas import reconcile
from netralitas.i18n import t
from netralitas.ui import context

context.require_role("analyst", "admin")
lang = context.lang()
filters = context.filters()
role, presenter = context.role(), context.presenter()
st.caption(t("links_intro", lang))

proposals = context.query("link_review", limit=200)
if proposals.empty:
    st.info(t("links_none", lang))
else:
    table = reconcile.proposals_table(proposals, lang, role, presenter)
    picked = st.dataframe(
        table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="links"
    )
    rows = picked.selection.rows if picked else []
    row = proposals.iloc[rows[0] if rows else 0]
    left, right = st.columns(2)
    for column, accept, label in ((left, True, "links_accept"), (right, False, "links_reject")):
        if column.button(t(label, lang), key=f"link_{label}", width="stretch"):
            reconcile.decide_link(context.store(), row["key_a"], row["key_b"], accept, context.username())
            st.toast(t("links_done", lang))
            st.rerun()

st.subheader(t("links_decisions", lang))
decisions = context.query("link_decisions", limit=200)
live = decisions[decisions["undone_at"].isna()] if not decisions.empty else decisions
if not decisions.empty:
    st.dataframe(decisions.drop(columns=["key_a", "key_b"]), hide_index=True, width="stretch")
if not live.empty:
    chosen = st.selectbox(t("links_undo", lang), live["decision_id"].tolist(), key="link_undo_id")
    if st.button(t("links_undo", lang), key="link_undo"):
        reconcile.undo_link(context.store(), int(chosen), context.username())
        st.rerun()

st.subheader(t("quality_title", lang))
quality = context.query("disagreements", filters, limit=1000)
if quality.empty:
    st.info(t("quality_none", lang))
else:
    st.dataframe(reconcile.quality_table(quality, lang, role, presenter), hide_index=True, width="stretch")
