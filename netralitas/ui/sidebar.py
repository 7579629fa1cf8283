"""Sidebar: language, the global filters (mirrored in the URL) and their reset."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from ..filters import Filters
from ..i18n import t
from ..reference import province_label, province_names, regencies, regency_names, vocabulary
from . import context

SYNC_FLAG = "netralitas_sync_widgets"
WIDGETS = ("election", "province", "regency", "agency_type", "position", "violation_type", "status", "source")


def _widget_key(name: str) -> str:
    return f"w_{name}"


def _sync_widgets_from(filters: Filters) -> None:
    for name in WIDGETS:
        st.session_state[_widget_key(name)] = list(getattr(filters, name))
    st.session_state[_widget_key("dates")] = tuple(d for d in (filters.date_from, filters.date_to) if d)


def request_widget_sync() -> None:
    st.session_state[SYNC_FLAG] = True


def read() -> None:
    """The filters the widgets hold, taken before any widget is drawn (Streamlit hands a keyed widget's
    new value to session state before the script runs), so the page can run first and the widgets be
    drawn after it, in their place at the top of the sidebar (app.py)."""
    current = context.filters()
    if st.session_state.pop(SYNC_FLAG, False) or _widget_key("election") not in st.session_state:
        _sync_widgets_from(current)
    picked = st.session_state.get(_widget_key("dates")) or ()
    # the range picker holds one date while the second is being chosen
    dates: tuple[date, ...] = (picked,) if isinstance(picked, date) else tuple(picked)
    new = Filters(
        **{name: tuple(st.session_state[_widget_key(name)]) for name in WIDGETS},
        date_from=dates[0] if len(dates) > 0 else None,
        date_to=dates[1] if len(dates) > 1 else None,
        agency=current.agency,
    )
    if new != current:
        context.set_filters(new)


def _regency_options(provinces: tuple[str, ...]) -> list[str]:
    """The regencies of the chosen provinces (all of them when none is chosen), by code."""
    regs = regencies()
    return sorted(regs[regs["province_code"].isin(provinces)]["code"] if provinces else regs["code"])


def render() -> None:
    """The filter widgets, holding what read() took from them."""
    lang = context.lang()
    current = context.filters()
    vocab = vocabulary()
    everything = t("all_values", lang)
    with st.sidebar:
        st.subheader(t("filters", lang))
        names = context.election_names()
        st.multiselect(
            t("f_election", lang),
            list(names),
            format_func=lambda c: names.get(c, c),
            key=_widget_key("election"),
            placeholder=everything,
        )
        st.date_input(
            t("f_dates", lang),
            value=None,
            key=_widget_key("dates"),
            format="DD/MM/YYYY",
            min_value=date(2015, 1, 1),
            max_value=date(2035, 12, 31),
        )
        # the option lists are the same for every session: sorted once per language (and choice)
        provinces = context.kept(
            ("sidebar_provinces", lang),
            lambda: sorted(province_names("id"), key=lambda c: province_label(c, lang)),
        )
        st.multiselect(
            t("f_province", lang),
            provinces,
            format_func=lambda c: province_label(c, lang),
            key=_widget_key("province"),
            placeholder=everything,
        )
        chosen = tuple(st.session_state[_widget_key("province")])
        options = context.kept(("sidebar_regencies", chosen), lambda: _regency_options(chosen))
        picked = st.session_state[_widget_key("regency")]
        if not set(picked) <= set(options):  # a regency picked before its province was taken away
            options = sorted(set(options) | set(picked))
        st.multiselect(
            t("f_regency", lang),
            options,
            format_func=lambda c: regency_names().get(c, c),
            key=_widget_key("regency"),
            placeholder=everything,
        )
        for name in ("agency_type", "position", "violation_type", "status", "source"):
            codes = vocab.codes(name)
            st.multiselect(
                t(f"f_{name}", lang),
                codes,
                format_func=partial(vocab.label, name, lang=lang),
                key=_widget_key(name),
                placeholder=everything,
            )
        if st.button(t("page_presenter", lang), width="stretch", key="to_presenter"):
            st.switch_page(
                "views/presentasi.py",
                query_params={**current.to_query_params(), "presenter": "1", "slide": "1"},
            )
        if st.button(t("reset_filters", lang), width="stretch"):
            context.set_filters(Filters())
            request_widget_sync()
            st.rerun()
