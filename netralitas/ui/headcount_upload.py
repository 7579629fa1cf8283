"""ASN headcounts on Unggah data: upload, dry run (the level detected, every rejected row listed, the names
that match no case) and save. The reading and checking are netralitas.headcount; this module lays them out,
like netralitas.ui.ikp does for the IKP below it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from .. import style
from ..errors import NetralitasError
from ..headcount import import_headcount, level_name
from ..i18n import t
from ..ingest.read import sheet_names
from ..safetext import md
from ..uploads import UploadLimits
from . import context


def _stored_caption(lang: str) -> str:
    stored = context.query("headcount_status")
    items = "; ".join(
        t(
            "up_hc_stored_item",
            lang,
            n=style.fmt_int(n, lang),
            what=level_name(lvl, lang),
            date=style.fmt_date(at.date(), lang),
        )
        for lvl, n, at in zip(stored["level"], stored["rows"], stored["updated_at"], strict=True)
    )
    return t("up_hc_stored", lang, items=items or t("up_hc_stored_none", lang))


def upload_section(uploader: Callable, rejected_rows: Callable, limits: UploadLimits, lang: str) -> None:
    """Upload, dry run and save of a headcount file per province or per agency. `uploader`, `rejected_rows`
    and `limits` are the page's own, so the limits and tables are those of the case files."""
    st.subheader(t("up_hc_title", lang))
    st.caption(t("up_hc_help", lang))
    st.caption(_stored_caption(lang))
    if "headcount_saved" in st.session_state:
        st.success(st.session_state.pop("headcount_saved"))
    upload = uploader(
        t("up_hc_file", lang),
        ["csv", "txt", "xlsx"],
        f"headcount_upload_{st.session_state.get('headcount_round', 0)}",
    )
    if upload is None:
        return
    store, user = context.store(), context.username()
    try:
        limits.refuse_if_too_large(upload.name, upload.size)
        data = upload.getvalue()
        left, right = st.columns(2)
        choice = left.radio(
            t("up_hc_level", lang),
            ["auto", "province", "agency"],
            format_func=lambda v: t(f"up_hc_level_{v}", lang),
            horizontal=True,
            key="headcount_level",
        )
        sheets = sheet_names(data)
        sheet = (
            right.selectbox(t("up_sheet", lang), sheets, key="headcount_sheet") if len(sheets) > 1 else None
        )
        level = None if choice == "auto" else choice
        check_key = ("headcount_check", upload.file_id, level, sheet, store.data_version())
        if st.session_state.get("headcount_check_key") != check_key:
            st.session_state["headcount_check"] = import_headcount(
                store, data, user, dry_run=True, level=level, sheet=sheet
            )
            st.session_state["headcount_check_key"] = check_key
        check = st.session_state["headcount_check"]
        what = level_name(check.level, lang)
        st.info(
            t(
                "up_hc_dry_run",
                lang,
                what=what,
                name_column=md(check.name_column),
                count_column=md(check.count_column),
            )
        )
        loaded = style.fmt_int(check.rows_loaded, lang)
        cols = st.columns(4)
        for col, (key, value) in zip(
            cols,
            [
                ("up_hc_would_load", loaded),
                ("up_rejected", style.fmt_int(check.rows_rejected, lang)),
                ("up_hc_matched", f"{style.fmt_int(check.matched, lang)} / {loaded}"),
                ("up_hc_replaced", style.fmt_int(check.replaced, lang)),
            ],
            strict=True,
        ):
            col.metric(t(key, lang), value)
        rejected_rows(check.errors, "ditolak-jumlah-asn.csv", "headcount_rejected")
        if check.unmatched:
            with st.expander(
                t("up_hc_unmatched", lang, n=style.fmt_int(len(check.unmatched), lang), what=what)
            ):
                st.caption(t("up_hc_unmatched_help", lang))
                st.dataframe(pd.DataFrame({what: check.unmatched}), hide_index=True, width="stretch")
        if st.button(
            t("up_hc_save", lang), type="primary", key="headcount_go", disabled=check.rows_loaded == 0
        ):
            done = import_headcount(store, data, user, level=check.level, sheet=sheet)
            # A fresh uploader once saved: the file is done with, and its dry run would now describe a re-save.
            st.session_state.pop("headcount_check_key", None)
            st.session_state["headcount_round"] = st.session_state.get("headcount_round", 0) + 1
            st.session_state["headcount_saved"] = t(
                "up_hc_saved",
                lang,
                n=style.fmt_int(done.rows_loaded, lang),
                what=what,
                replaced=style.fmt_int(done.replaced, lang),
                rejected=style.fmt_int(done.rows_rejected, lang),
            )
            st.rerun()
    except NetralitasError as exc:
        context.show_refusal(exc)
