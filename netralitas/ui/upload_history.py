"""Unggah data's history: the sample data still mixed with real data (and its removal), every upload batch,
and the undo of a batch no newer batch has changed. The table is netralitas.present.tables.batch_history."""

from __future__ import annotations

import streamlit as st

from ..demo import remove_sample
from ..errors import NetralitasError
from ..i18n import t
from ..ingest import undo_batch
from ..present.tables import batch_history
from . import context


def sample_section(lang: str) -> None:
    """A warning and a remove button while sample rows sit beside real ones."""
    status = context.query("data_status").iloc[0]
    if status["sample_rows"] > 0 and status["real_rows"] > 0:
        st.warning(t("up_sample_mixed", lang))
        if st.button(t("up_remove_sample", lang), key="remove_sample"):
            removed = remove_sample(context.store(), context.username())
            st.success(t("up_sample_removed", lang, n=removed))


def history_section(lang: str) -> None:
    """The batches, newest as the query orders them, and the undo of one still in effect."""
    st.subheader(t("up_history", lang))
    history = context.query("batches")
    if history.empty:
        st.info(t("up_no_uploads", lang))
        return
    st.dataframe(batch_history(history, lang), hide_index=True, width="stretch")
    active = history[history["undone_at"].isna()]
    if active.empty:
        return
    batch = st.selectbox(t("up_undo_pick", lang), list(active["batch_id"]), key="undo_pick")
    later = int(active.loc[active["batch_id"] == batch, "rows_replaced_later"].iloc[0])
    if later:
        st.warning(t("up_undo_blocked", lang, n=later))
    if st.button(t("up_undo", lang), key="undo_go", disabled=bool(later)):
        try:
            result = undo_batch(context.store(), int(batch), context.username())
            st.success(t("up_undone", lang, removed=result["removed"], restored=result["restored"]))
        except NetralitasError as exc:
            context.show_refusal(exc)
