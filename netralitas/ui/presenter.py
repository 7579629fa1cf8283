"""Presenter mode: large type, high contrast, no sidebar, filters as subtitle, sources footer."""

from __future__ import annotations

import streamlit as st

from .. import style
from ..i18n import t

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container { padding-top: 1.2rem !important; max-width: 100% !important; }
html, body, [data-testid="stAppViewContainer"] { background: #ffffff !important; color: #000000 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"] { font-size: 24px !important; color: #111 !important; }
h1 { font-size: 52px !important; color: #000 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 72px !important; line-height: 1.1 !important;
  font-weight: 800 !important; color: #000 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 26px !important; color: #111 !important;
  white-space: normal !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p { font-size: 22px !important; }
button p { font-size: 22px !important; }
</style>
"""


def apply() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


def footer(data_as_of: str, lang: str) -> None:
    st.caption(f"{t('sources_note', lang)} {t('data_as_of', lang, date=data_as_of)}")


def data_as_of(latest_import, latest_case, lang: str) -> str:
    """'data per' the latest import (else the latest case date), formatted for the audience."""
    import pandas as pd

    value = latest_import if latest_import is not None and not pd.isna(latest_import) else latest_case
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return style.fmt_date(pd.Timestamp(value).date(), lang)
