"""Case files on Unggah data: per file its source, election, kind, sheet and header, the preview and the
column mapping, the dry run (counts, rejected and skipped rows, unknown values to assign) and the commit.
The reading and importing are netralitas.ingest and netralitas.uploads; this module lays them out."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from .. import style
from ..errors import NetralitasError
from ..i18n import pick, t
from ..ingest import ImportOptions
from ..ingest.kinds import KINDS
from ..ingest.load import import_bytes
from ..ingest.mapping import CANONICAL_COLUMNS
from ..ingest.read import sheet_names
from ..present.tables import canonical_label
from ..reference import FIELDS, province_label, province_names, regency_label, regency_names, vocabulary
from ..safetext import md
from ..uploads import IGNORED, UploadLimits, mapping_table, overrides_from_table, preview, save_aliases
from . import context, upload_layout

SOURCES = ["bawaslu", "kasn", "bkn", "other"]


def _place_codes(field: str) -> list[str]:
    return sorted(province_names("id")) if field == "province" else sorted(regency_names())


def _code_label(field: str, code: str, lang: str) -> str:
    if field == "province":
        return province_label(code, lang)
    if field == "regency":
        return regency_label(code, lang)
    return vocabulary().label(field, code, lang)


def _choice_label(field: str, code: str, lang: str) -> str:
    return "—" if code == "" else _code_label(field, code, lang)


def report_view(report, key: str, rejected_rows: Callable, lang: str) -> dict[str, dict[str, str]]:
    """Counts, rejected rows, and unknown values the user may assign; returns the assignments."""
    cols = st.columns(5)
    for col, (label, value) in zip(
        cols,
        [
            (t("up_new", lang), report.rows_loaded),
            (t("up_updated", lang), report.rows_updated),
            (t("up_unchanged", lang), report.rows_unchanged),
            (t("up_rejected", lang), report.rows_rejected),
            (t("imp_skipped_count", lang), report.rows_skipped),
        ],
        strict=True,
    ):
        col.metric(label, style.fmt_int(value, lang))
    upload_layout.notices(report, lang)
    # skipped rows (not data) beside the rejected ones
    left, right = st.columns([3, 2]) if report.skipped and report.errors else (st.container(), st.container())
    with left:
        rejected_rows(report.errors, f"ditolak-{key}.csv", f"rej_{key}")
    with right:
        upload_layout.skipped_rows(report.skipped, report.rows_skipped, lang)
    assignments: dict[str, dict[str, str]] = {}
    fixable = [u for u in report.unmapped if u["field"] in FIELDS] + report.unknown_places
    if fixable:
        st.markdown(t("up_unknown_values", lang))
        vocab = vocabulary()
        for i, u in enumerate(fixable[:40]):
            options: list[str] = (
                ["", *_place_codes(u["field"])]
                if u["field"] in ("province", "regency")
                else ["", *vocab.codes(u["field"])]
            )
            label = t("up_value_choice", lang, column=md(u["column"]), value=md(u["value"]), count=u["count"])
            choice = st.selectbox(
                label, options, key=f"v_{key}_{i}", format_func=partial(_choice_label, u["field"], lang=lang)
            )
            if choice:
                assignments.setdefault(u["field"], {})[u["value"]] = choice
    return assignments


def _rows_caption(raw, lang: str) -> str:
    caption = t("up_rows_caption", lang, rows=style.fmt_int(raw.rows, lang), row=raw.header_row)
    if raw.delimiter:
        caption += t("up_delimiter", lang, delimiter=md(raw.delimiter), encoding=md(raw.encoding))
    return caption


def _commit(
    store, data: bytes, options: ImportOptions, key: str, remember: bool, assignments: dict, lang: str
) -> None:
    """Import for real with a progress bar; the mapping is remembered for the source when asked."""
    try:
        bar = st.progress(0.0)

        def progress(share: float, step_id: str, step_en: str) -> None:
            bar.progress(share, text=pick(step_id, step_en, lang))

        options.progress = progress
        options.dry_run = False
        done = import_bytes(store, data, options)
        bar.progress(1.0, text=t("up_done", lang))
        if remember:
            save_aliases(store, options.source, options.header_overrides, assignments, options.user)
        st.session_state.pop(f"report_{key}", None)
        st.success(
            t(
                "up_committed",
                lang,
                batch=done.batch_id,
                new=done.rows_loaded,
                updated=done.rows_updated,
                unchanged=done.rows_unchanged,
                rejected=done.rows_rejected,
            )
        )
    except NetralitasError as exc:
        context.show_refusal(exc)


def file_section(up, rejected_rows: Callable, limits: UploadLimits, lang: str) -> None:
    """One uploaded case file, in its own expander; widget keys carry the file's id."""
    store, user = context.store(), context.username()
    vocab = vocabulary()
    key = f"{up.file_id}"
    with st.expander(md(up.name), expanded=True):
        try:
            limits.refuse_if_too_large(up.name, up.size)
        except NetralitasError as exc:
            context.show_refusal(exc)
            return
        data = up.getvalue()
        left, right = st.columns(2)
        source = left.selectbox(
            t("up_source", lang),
            SOURCES,
            key=f"src_{key}",
            format_func=lambda c: vocab.label("source", c, lang),
        )
        names = context.election_names()
        election = right.selectbox(
            t("up_election", lang),
            ["", *names],
            key=f"el_{key}",
            format_func=lambda c: "—" if c == "" else names[c],
        )
        # the file's kind (#14): detected from the headers unless the analyst chooses one
        kind = st.selectbox(
            t("kind_label", lang),
            ["", *KINDS],
            key=f"kind_{key}",
            format_func=lambda k: t("kind_auto", lang) if k == "" else t(f"kind_{k}", lang),
        )
        try:
            sheets = sheet_names(data)
            sheet = st.selectbox(t("up_sheet", lang), sheets, key=f"sheet_{key}") if len(sheets) > 1 else None
            detected = preview(store, data, source, sheet)
            upload_layout.first_rows_view(detected.raw, lang)
            header_row, header_rows = upload_layout.header_choice(detected.raw, key, lang)
            if header_row is not None:
                detected = preview(store, data, source, sheet, header_row=header_row, header_rows=header_rows)
            if st.session_state.get(f"hdrsel_{key}") != (header_row, header_rows):
                st.session_state.pop(f"report_{key}", None)  # a dry run of another header no longer holds
                st.session_state[f"hdrsel_{key}"] = (header_row, header_rows)
        except NetralitasError as exc:
            context.show_refusal(exc)
            return
        st.caption(_rows_caption(detected.raw, lang))
        st.dataframe(detected.head, hide_index=True, width="stretch", height=240)
        table = mapping_table(detected)
        edited = st.data_editor(
            table,
            key=f"map_{key}_{header_row}_{header_rows}",  # a new header: a new mapping table
            hide_index=True,
            width="stretch",
            disabled=["header", "note"],
            column_config={
                "header": st.column_config.TextColumn(t("up_col_header", lang)),
                "column": st.column_config.SelectboxColumn(
                    t("up_col_canonical", lang),
                    options=[IGNORED, *CANONICAL_COLUMNS],
                    format_func=lambda c: canonical_label(str(c), lang),
                ),
                "note": st.column_config.TextColumn(t("up_col_note", lang)),
            },
        )
        value_overrides = st.session_state.get(f"vals_{key}", {})
        options = ImportOptions(
            source=source,
            election=election or None,
            sheet=sheet,
            user=user,
            file_name=up.name,
            header_overrides=overrides_from_table(edited, table),
            value_overrides=value_overrides,
            header_row=header_row,
            header_rows=header_rows,
            kind=kind or None,
        )
        if st.button(t("up_dry_run", lang), key=f"dry_{key}"):
            try:
                with st.spinner(t("up_checking", lang)):
                    options.dry_run = True
                    st.session_state[f"report_{key}"] = import_bytes(store, data, options)
            except NetralitasError as exc:
                context.show_refusal(exc)
        report = st.session_state.get(f"report_{key}")
        if report is None:
            return
        if report.kind:
            kind_name = t(f"kind_{report.kind['kind']}", lang)
            st.info(t("kind_detected", lang, kind=kind_name, reason=report.kind[f"reason_{lang}"]))
        assignments = report_view(report, key, rejected_rows, lang)
        if assignments != value_overrides:
            st.session_state[f"vals_{key}"] = assignments
            st.info(t("up_values_changed", lang))
        remember = st.checkbox(t("up_remember", lang), key=f"keep_{key}")
        if st.button(t("up_commit", lang), type="primary", key=f"commit_{key}"):
            _commit(store, data, options, key, remember, assignments, lang)
