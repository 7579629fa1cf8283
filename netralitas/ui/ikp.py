"""IKP on the dashboard (issue #17): the upload (Unggah data) and the forecast-against-outcome section (Peta).
The numbers come from netralitas.ikp; this module only lays them out."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from .. import ikp, style
from ..errors import NetralitasError
from ..filters import Filters
from ..headcount import level_name
from ..i18n import t
from ..ingest.read import sheet_names
from ..present import alertcharts
from ..uploads import UploadLimits
from . import context
from .alerts import chosen_election


def upload_section(uploader: Callable, rejected_rows: Callable, limits: UploadLimits, lang: str) -> None:
    """Upload, dry run (every rejected row listed) and save, like the headcounts above it on the page.
    `uploader`, `rejected_rows` and `limits` are the page's own, so the limits and tables are the same."""
    st.subheader(t("ikp_upload_title", lang))
    st.caption(t("ikp_upload_help", lang))
    if "ikp_saved" in st.session_state:
        st.success(st.session_state.pop("ikp_saved"))
    names = context.election_names()
    elections = list(reversed(list(names)))
    if not elections:  # an empty calendar: the selectbox would give None, and every upload be refused
        st.info(t("ikp_no_elections", lang))
        return
    left, mid, right = st.columns(3)
    election = left.selectbox(
        t("ikp_election", lang), elections, format_func=lambda e: names[e], key="ikp_election"
    )
    choice = mid.radio(
        t("ikp_level", lang),
        ["auto", *ikp.LEVELS],
        format_func=lambda v: t(f"ikp_level_{v}", lang),
        horizontal=True,
        key="ikp_level",
    )
    upload = uploader(
        t("ikp_file", lang), ["csv", "txt", "xlsx"], f"ikp_upload_{st.session_state.get('ikp_round', 0)}"
    )
    if upload is None:
        return
    store, user = context.store(), context.username()
    try:
        limits.refuse_if_too_large(upload.name, upload.size)
        data = upload.getvalue()
        sheets = sheet_names(data)
        sheet = right.selectbox(t("ikp_sheet", lang), sheets, key="ikp_sheet") if len(sheets) > 1 else None
        level = None if choice == "auto" else choice
        check = ikp.import_ikp(store, data, election, user, dry_run=True, level=level, sheet=sheet)
        what = level_name(check.level, lang)
        st.info(
            t(
                "ikp_dry_run",
                lang,
                name=names.get(election, election),
                what=what,
                name_column=check.name_column,
                score_column=check.score_column,
            )
        )
        cols = st.columns(3)
        for col, key, value in zip(
            cols,
            ("ikp_would_load", "ikp_rejected", "ikp_replaced"),
            (check.rows_loaded, check.rows_rejected, check.replaced),
            strict=True,
        ):
            col.metric(t(key, lang), style.fmt_int(value, lang))
        rejected_rows(check.errors, "ditolak-ikp.csv", "ikp_rejected_rows")
        if st.button(t("ikp_save", lang), type="primary", key="ikp_go", disabled=check.rows_loaded == 0):
            done = ikp.import_ikp(store, data, election, user, level=check.level, sheet=sheet)
            st.session_state["ikp_round"] = st.session_state.get("ikp_round", 0) + 1
            st.session_state["ikp_saved"] = t(
                "ikp_saved",
                lang,
                name=names.get(election, election),
                n=style.fmt_int(done.rows_loaded, lang),
                what=what,
                replaced=style.fmt_int(done.replaced, lang),
                rejected=style.fmt_int(done.rows_rejected, lang),
            )
            st.rerun()
    except NetralitasError as exc:
        context.show_refusal(exc)


def _scores_found(election: str) -> dict[str, tuple]:
    """Per level that has scores for the election: the uploaded rows, the scores, their origin and source."""
    found = {}
    for lv in ikp.LEVELS:
        uploaded = context.query("ikp", ikp_election=election, ikp_level=lv)
        scores, origin, source = ikp.scores_for(uploaded, election, lv)
        if origin is not None:
            found[lv] = (uploaded, scores, origin, source)
    return found


def _compared(scores: pd.DataFrame, election: str, level: str, filters: Filters, lang: str) -> pd.DataFrame:
    """The scores beside the election's cases per region, up to the filters' end date (ikp.compare)."""
    counts = context.query("alerts_counts", Filters(election=(election,), date_to=filters.date_to))
    return ikp.compare(scores, ikp.cases_by_region(counts, level), level, lang)


def forecast_section(filters: Filters, lang: str) -> None:
    """The IKP beside the cases of the same election: Spearman, the scatter with outliers named, the gaps.
    Per province or per regency, whichever has scores (a choice when both have)."""
    st.subheader(t("ikp_title", lang))
    election, _chosen = chosen_election(filters)
    names = context.election_names()
    if election is None:
        st.info(t("no_data", lang))
        return
    name = names.get(election, election)
    found = context.kept(("ikp_scores", election), lambda: _scores_found(election))
    if not found:
        st.info(t("ikp_none", lang, name=name))
        return
    level = next(iter(found))
    if len(found) > 1:
        level = (
            st.segmented_control(
                t("ikp_level", lang),
                list(found),
                default=level,
                format_func=lambda v: t(f"ikp_level_{v}", lang),
                key="ikp_view_level",
            )
            or level
        )
    uploaded, scores, origin, source = found[level]
    what = level_name(level, lang)
    if origin == "published":
        st.warning(
            t("ikp_published", lang, n=len(scores), what=what, source=source), icon=":material/menu_book:"
        )
    else:
        when = style.fmt_date(pd.Timestamp(uploaded["updated_at"].max()).date(), lang)
        st.caption(
            t("ikp_uploaded", lang, user=uploaded["updated_by"].iloc[0], when=when, n=len(scores), what=what)
        )
    frame = context.built(f"ikp_frame_{level}", lambda: _compared(scores, election, level, filters, lang))
    upto = t("ikp_upto", lang, date=style.fmt_date(filters.date_to, lang)) if filters.date_to else ""
    st.caption(t("ikp_cases_scope", lang, name=name, upto=upto))
    rho = ikp.spearman(frame["score"], frame["cases"])
    if rho is None:
        st.caption(t("ikp_spearman_none", lang, n=len(frame)))
    else:
        st.markdown(t("ikp_spearman", lang, rho=style.fmt_num(rho, lang, 2), n=len(frame), what=what))
    scatter = context.figures(
        f"ikp_scatter_{level}",
        lambda: {"scatter": alertcharts.ikp_scatter(frame, t("ikp_scatter_title", lang, name=name), lang)},
    )
    st.plotly_chart(scatter["scatter"], width="stretch", key="ikp_scatter")
    gaps = frame[frame["outlier"] != ""]
    if not gaps.empty:
        st.dataframe(
            pd.DataFrame(
                {
                    t("alerts_col_region", lang): gaps["label"],
                    "IKP": [style.fmt_num(v, lang, 2) for v in gaps["score"]],
                    t("cases", lang): gaps["cases"],
                    t("ikp_col_rank_gap", lang): [style.fmt_num(v, lang, 2) for v in gaps["gap"]],
                    "": [t(f"ikp_outlier_{k}", lang) for k in gaps["outlier"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
