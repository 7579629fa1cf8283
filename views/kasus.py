"""Kasus: the filtered rows, searchable, downloadable as CSV and XLSX (personal data as the role allows)."""

import streamlit as st

from netralitas import export, reconcile, style
from netralitas.filters import describe
from netralitas.i18n import t
from netralitas.present.tables import labelled_cases
from netralitas.privacy import may_see_personal_data
from netralitas.ui import context

LIMIT = 5000
lang = context.lang()
filters = context.filters()

search = st.text_input(
    t("cases_search", lang),
    key="case_search",
    max_chars=100,
).strip()
personal = may_see_personal_data(context.role(), context.presenter())
rows = context.query("cases", filters, search=search, limit=LIMIT, personal=personal)
total = int(rows["total_rows"].iloc[0]) if not rows.empty else 0
table = labelled_cases(rows, lang, context.role(), context.presenter(), context.election_names())
shown = style.fmt_int(min(total, LIMIT), lang)
st.caption(t("cases_shown", lang, total=style.fmt_int(total, lang), shown=shown))
if table.empty:
    st.info(t("no_data", lang))
else:
    st.dataframe(table, hide_index=True, width="stretch", height=560)
    left, right = st.columns(2)
    left.download_button(
        t("cases_download_csv", lang),
        export.to_csv_bytes(table),
        "kasus-netralitas.csv",
        "text/csv",
        on_click=context.log_export,
        args=(f"kasus CSV: {len(table)} baris; {describe(filters, lang)}",),
        width="stretch",
    )
    right.download_button(
        t("cases_download_xlsx", lang),
        export.to_xlsx_bytes(table),
        "kasus-netralitas.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click=context.log_export,
        args=(f"kasus XLSX: {len(table)} baris; {describe(filters, lang)}",),
        width="stretch",
    )

# A case's steps across agencies (its records), personal data as the role may see it (#14).
if not rows.empty:
    st.subheader(t("timeline_title", lang))
    picked = st.selectbox(
        t("timeline_pick", lang),
        range(len(rows)),
        format_func=lambda i: f"{rows['case_id'].iloc[i]} · {table.iloc[i].get(t('col_name', lang), '')}",
        key="timeline_case",
    )
    steps = context.query("case_timeline", case_key=rows["case_key"].iloc[picked])
    st.dataframe(
        reconcile.timeline_table(steps, lang, context.role(), context.presenter()),
        hide_index=True,
        width="stretch",
    )
