"""Upload page pieces for report-style files: the analyst's choice of header row (the preview follows it
before anything is written), the rows skipped as not data, and the notices on identical rows and date
order. The page (views/unggah.py) calls these; the reading itself is netralitas.ingest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..i18n import pick, t
from ..ingest.read import HEADER_SCAN_ROWS, RawTable
from ..present.tables import problem_rows


def header_choice(raw: RawTable, key: str, lang: str) -> tuple[int | None, int | None]:
    """(header row, number of header rows) the analyst chose, or (None, None) while the detected header
    stands. raw is the file as read with the detected header."""
    left, right = st.columns([2, 1])
    row = left.selectbox(
        t("imp_header_rows", lang),
        list(range(HEADER_SCAN_ROWS + 1)),
        key=f"hdr_{key}",
        format_func=lambda r: t("imp_header_auto", lang, row=raw.header_row) if r == 0 else str(r),
        help=t("imp_header_help", lang),
    )
    two = right.checkbox(
        t("imp_header_two", lang),
        value=raw.header_rows == 2,
        key=f"hdr2_{key}",
        help=t("imp_header_two_help", lang),
    )
    if row == 0 and two == (raw.header_rows == 2):
        return None, None
    return (row or raw.header_row), (2 if two else 1)


def first_rows_view(raw: RawTable, lang: str) -> None:
    """The file's first rows with their row numbers, as stored: what the header choice refers to."""
    rows = raw.first_rows
    if not rows:
        return
    width = max(len(r) for r in rows)
    frame = pd.DataFrame(
        [r + [""] * (width - len(r)) for r in rows], columns=[str(i + 1) for i in range(width)]
    )
    frame.insert(0, t("imp_row", lang), range(1, len(rows) + 1))
    with st.expander(t("imp_first_rows", lang)):
        st.dataframe(frame, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(frame)))


def skipped_rows(skipped: list[dict], total: int, lang: str) -> None:
    """Rows read as layout (blank, total, note), each with its row number and reason; nothing when none."""
    if not skipped:
        return
    st.markdown(f"**{t('imp_skipped_rows', lang)}** ({total})")
    frame = problem_rows(
        [{"row": s["row"], "reason": pick(s["reason_id"], s["reason_en"], lang)} for s in skipped], lang
    )
    st.dataframe(frame, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(frame)))


def notices(report, lang: str) -> None:
    """Groups of identical rows the file holds fewer of than the store, and date columns not read day
    first: said on the page, as the command line's JSON says them."""
    for g in report.fewer_repeats[:20]:
        rows = ", ".join(str(r) for r in g["rows"][:10])
        st.warning(t("imp_rows_reason", lang, rows=rows, reason=pick(g["reason_id"], g["reason_en"], lang)))
    for column, order in report.date_orders.items():
        if order != "day-first":
            st.info(t(f"imp_order_{order.replace('-', '_')}", lang, column=column))
