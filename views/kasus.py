"""Kasus: the filtered rows, searchable, downloadable as CSV and XLSX (personal data as the role allows)."""

import streamlit as st

from netralitas import export, reconcile, style
from netralitas.filters import describe
from netralitas.i18n import t
from netralitas.present.tables import labelled_cases, timeline_labels
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
role, presenter = context.role(), context.presenter()
personal = may_see_personal_data(role, presenter)
rows = context.query("cases", filters, search=search, limit=LIMIT, personal=personal)
total = int(rows["total_rows"].iloc[0]) if not rows.empty else 0


def shared(name: str, build):
    """Kept for every session with the same filters, language, role and presenter mode (the role and the
    mode decide the personal data the table holds), among the few large values; a search's result is
    built for its session alone, so that many searches cannot fill the process with such tables."""
    return build() if search else context.built((name, role, presenter), build, large=True)


table = shared("cases_table", lambda: labelled_cases(rows, lang, role, presenter, context.election_names()))
shown = style.fmt_int(min(total, LIMIT), lang)
st.caption(t("cases_shown", lang, total=style.fmt_int(total, lang), shown=shown))
if table.empty:
    st.info(t("no_data", lang))
else:
    st.dataframe(table, hide_index=True, width="stretch", height=560)
    left, right = st.columns(2)
    # the files are made when a button is clicked, not for every view (an XLSX of 5,000 rows took seconds)
    left.download_button(
        t("cases_download_csv", lang),
        lambda: export.to_csv_bytes(table),
        "kasus-netralitas.csv",
        "text/csv",
        on_click=context.log_export,
        args=(f"kasus CSV: {len(table)} baris; {describe(filters, lang)}",),
        width="stretch",
    )
    right.download_button(
        t("cases_download_xlsx", lang),
        lambda: export.to_xlsx_bytes(table),
        "kasus-netralitas.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click=context.log_export,
        args=(f"kasus XLSX: {len(table)} baris; {describe(filters, lang)}",),
        width="stretch",
    )

# A case's steps across agencies (its records), personal data as the role may see it (#14).
if not rows.empty:
    st.subheader(t("timeline_title", lang))
    labels = shared("timeline_labels", lambda: timeline_labels(rows, table, lang))
    picked = st.selectbox(
        t("timeline_pick", lang), range(len(rows)), format_func=labels.__getitem__, key="timeline_case"
    )
    steps = context.query("case_timeline", case_key=rows["case_key"].iloc[picked])
    st.dataframe(
        reconcile.timeline_table(steps, lang, context.role(), context.presenter()),
        hide_index=True,
        width="stretch",
    )
