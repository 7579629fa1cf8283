"""Unggah data: preview, column and value mapping, dry run, commit, history and undo; the same importer
as the command line."""

import pandas as pd
import streamlit as st

from netralitas import export, style
from netralitas.demo import remove_sample
from netralitas.errors import NetralitasError
from netralitas.headcount import import_headcount
from netralitas.ingest import ImportOptions, undo_batch
from netralitas.ingest.load import import_bytes
from netralitas.ingest.mapping import CANONICAL_COLUMNS
from netralitas.ingest.read import sheet_names
from netralitas.reference import (
    FIELDS,
    province_label,
    province_names,
    regency_label,
    regency_names,
    vocabulary,
)
from netralitas.ui import context
from netralitas.uploads import mapping_table, overrides_from_table, preview, save_aliases

context.require_role("analyst", "admin")
lang = context.lang()
ID = lang == "id"
st.title("Unggah data" if ID else "Upload data")
context.banner()
store = context.store()
user = context.username()
vocab = vocabulary()
SOURCES = ["bawaslu", "kasn", "bkn", "other"]


def place_codes(field: str) -> list[str]:
    return sorted(province_names("id")) if field == "province" else sorted(regency_names())


def code_label(field: str, code: str) -> str:
    if field == "province":
        return province_label(code, lang)
    if field == "regency":
        return regency_label(code, lang)
    return vocab.label(field, code, lang)


def report_view(report, key: str) -> dict[str, dict[str, str]]:
    """Counts, rejected rows, and unknown values the user may assign; returns the assignments."""
    cols = st.columns(4)
    for col, (label, value) in zip(
        cols,
        [
            ("Baru" if ID else "New", report.rows_loaded),
            ("Diperbarui" if ID else "Updated", report.rows_updated),
            ("Tidak berubah" if ID else "Unchanged", report.rows_unchanged),
            ("Ditolak" if ID else "Rejected", report.rows_rejected),
        ],
        strict=True,
    ):
        col.metric(label, style.fmt_int(value, lang))
    if report.errors:
        rejected = pd.DataFrame([e.as_dict(lang) for e in report.errors])
        st.markdown("**Baris ditolak**" if ID else "**Rejected rows**")
        st.dataframe(rejected, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rejected)))
        st.download_button(
            "Unduh baris ditolak (CSV)" if ID else "Download rejected rows (CSV)",
            export.to_csv_bytes(rejected),
            f"ditolak-{key}.csv",
            "text/csv",
            key=f"rej_{key}",
        )
    assignments: dict[str, dict[str, str]] = {}
    fixable = [u for u in report.unmapped if u["field"] in FIELDS] + report.unknown_places
    if fixable:
        st.markdown(
            "**Nilai yang tidak dikenal**: pilih arti yang benar, lalu jalankan uji coba lagi"
            if ID
            else "**Values not recognised**: choose what they mean, then run the dry run again"
        )
        for i, u in enumerate(fixable[:40]):
            options = (
                ["", *place_codes(u["field"])]
                if u["field"] in ("province", "regency")
                else ["", *vocab.codes(u["field"])]
            )
            label = f"{u['column']}: “{u['value']}” ({u['count']} {'baris' if ID else 'rows'})"
            choice = st.selectbox(
                label,
                options,
                key=f"v_{key}_{i}",
                format_func=lambda c, f=u["field"]: "—" if c == "" else code_label(f, c),
            )
            if choice:
                assignments.setdefault(u["field"], {})[u["value"]] = choice
    return assignments


files = st.file_uploader(
    "Berkas CSV atau XLSX" if ID else "CSV or XLSX files",
    accept_multiple_files=True,
    type=["csv", "txt", "xlsx", "xls"],
    key="uploads",
)
for up in files or []:
    key = f"{up.file_id}"
    data = up.getvalue()
    with st.expander(up.name, expanded=True):
        left, right = st.columns(2)
        source = left.selectbox(
            "Sumber" if ID else "Source",
            SOURCES,
            key=f"src_{key}",
            format_func=lambda c: vocab.label("source", c, lang),
        )
        names = context.election_names()
        election = right.selectbox(
            "Pemilihan (bila berkas tidak memuatnya)" if ID else "Election (when the file has none)",
            ["", *names],
            key=f"el_{key}",
            format_func=lambda c, names=names: "—" if c == "" else names[c],
        )
        try:
            sheets = sheet_names(data)
            sheet = (
                st.selectbox("Lembar" if ID else "Sheet", sheets, key=f"sheet_{key}")
                if len(sheets) > 1
                else None
            )
            detected = preview(store, data, source, sheet)
        except NetralitasError as exc:
            st.error(f"{exc.message_id}\n\n{exc.message_en}")
            continue
        st.caption(
            f"{style.fmt_int(detected.raw.rows, lang)} baris data; judul di baris {detected.raw.header_row}"
            + (
                f"; pemisah “{detected.raw.delimiter}”, {detected.raw.encoding}"
                if detected.raw.delimiter
                else ""
            )
            if ID
            else f"{style.fmt_int(detected.raw.rows, lang)} data rows; header on row {detected.raw.header_row}"
        )
        st.dataframe(detected.head, hide_index=True, width="stretch", height=240)
        table = mapping_table(detected)
        edited = st.data_editor(
            table,
            key=f"map_{key}",
            hide_index=True,
            width="stretch",
            disabled=["header", "note"],
            column_config={
                "header": st.column_config.TextColumn("Kolom di berkas" if ID else "File column"),
                "column": st.column_config.SelectboxColumn(
                    "Kolom kanonik" if ID else "Canonical column", options=["", *CANONICAL_COLUMNS]
                ),
                "note": st.column_config.TextColumn("Catatan" if ID else "Note"),
            },
        )
        header_overrides = overrides_from_table(edited, table)
        value_overrides = st.session_state.get(f"vals_{key}", {})
        options = ImportOptions(
            source=source,
            election=election or None,
            sheet=sheet,
            user=user,
            file_name=up.name,
            header_overrides=header_overrides,
            value_overrides=value_overrides,
        )
        if st.button("Uji coba (tanpa menyimpan)" if ID else "Dry run (nothing saved)", key=f"dry_{key}"):
            try:
                with st.spinner("Memeriksa…" if ID else "Checking…"):
                    options.dry_run = True
                    st.session_state[f"report_{key}"] = import_bytes(store, data, options)
            except NetralitasError as exc:
                st.error(f"{exc.message_id}\n\n{exc.message_en}")
        report = st.session_state.get(f"report_{key}")
        if report is not None:
            assignments = report_view(report, key)
            if assignments != value_overrides:
                st.session_state[f"vals_{key}"] = assignments
                st.info(
                    "Pemetaan nilai berubah: jalankan uji coba lagi."
                    if ID
                    else "Value mapping changed: run the dry run again."
                )
            remember = st.checkbox(
                "Simpan pemetaan ini untuk berkas berikutnya dari sumber ini"
                if ID
                else "Remember this mapping for the next file from this source",
                key=f"keep_{key}",
            )
            if st.button(
                "Simpan ke basis data" if ID else "Commit to the database",
                type="primary",
                key=f"commit_{key}",
            ):
                try:
                    bar = st.progress(0.0)
                    options.progress = lambda share, step_id, step_en, bar=bar: bar.progress(
                        share, text=step_id if ID else step_en
                    )
                    options.dry_run = False
                    done = import_bytes(store, data, options)
                    bar.progress(1.0, text="Selesai." if ID else "Done.")
                    if remember:
                        save_aliases(store, source, header_overrides, assignments, user)
                    st.session_state.pop(f"report_{key}", None)
                    st.success(
                        (
                            f"Batch {done.batch_id}: {done.rows_loaded} baru, {done.rows_updated} diperbarui, "
                            f"{done.rows_unchanged} tidak berubah, {done.rows_rejected} ditolak."
                        )
                        if ID
                        else (
                            f"Batch {done.batch_id}: {done.rows_loaded} new, {done.rows_updated} updated, "
                            f"{done.rows_unchanged} unchanged, {done.rows_rejected} rejected."
                        )
                    )
                except NetralitasError as exc:
                    st.error(f"{exc.message_id}\n\n{exc.message_en}")

status = context.query("data_status").iloc[0]
if status["sample_rows"] > 0 and status["real_rows"] > 0:
    st.warning(
        "Data contoh masih ada di samping data asli." if ID else "Sample data is still mixed with real data."
    )
    if st.button("Hapus data contoh" if ID else "Remove the sample data", key="remove_sample"):
        removed = remove_sample(store, user)
        st.success(f"{removed} baris contoh dihapus." if ID else f"{removed} sample rows removed.")

st.subheader("Riwayat unggahan" if ID else "Upload history")
history = context.query("batches")
if history.empty:
    st.info("Belum ada unggahan." if ID else "No uploads yet.")
else:
    shown = history[
        [
            "batch_id",
            "created_at",
            "username",
            "file_name",
            "checksum",
            "source",
            "is_sample",
            "rows_read",
            "rows_loaded",
            "rows_updated",
            "rows_unchanged",
            "rows_rejected",
            "undone_at",
        ]
    ].copy()
    shown["checksum"] = shown["checksum"].str[:12]
    st.dataframe(shown, hide_index=True, width="stretch")
    active = history[history["undone_at"].isna()]
    if not active.empty:
        batch = st.selectbox(
            "Batch untuk dibatalkan" if ID else "Batch to undo", list(active["batch_id"]), key="undo_pick"
        )
        later = int(active.loc[active["batch_id"] == batch, "rows_replaced_later"].iloc[0])
        if later:
            st.warning(
                f"Batch yang lebih baru mengubah {later} baris dari batch ini; batalkan batch itu dahulu."
                if ID
                else f"A newer batch changed {later} rows of this batch; undo that batch first."
            )
        if st.button("Batalkan batch" if ID else "Undo batch", key="undo_go", disabled=bool(later)):
            try:
                result = undo_batch(store, int(batch), user)
                st.success(
                    f"{result['removed']} baris dihapus, {result['restored']} dipulihkan."
                    if ID
                    else f"{result['removed']} rows removed, {result['restored']} restored."
                )
            except NetralitasError as exc:
                st.error(f"{exc.message_id}\n\n{exc.message_en}")

st.subheader("Jumlah ASN per provinsi (opsional)" if ID else "ASN headcount per province (optional)")
st.caption(
    "Untuk peta 'kasus per 100.000 ASN'. Kolom: Provinsi, Jumlah ASN."
    if ID
    else "For the map's 'cases per 100,000 ASN'. Columns: Provinsi, Jumlah ASN."
)
headcount_file = st.file_uploader(
    "Berkas jumlah ASN (CSV/XLSX)" if ID else "Headcount file (CSV/XLSX)",
    type=["csv", "txt", "xlsx"],
    key="headcount_upload",
)
if headcount_file is not None and st.button(
    "Simpan jumlah ASN" if ID else "Save the headcount", key="headcount_go"
):
    try:
        hc = import_headcount(store, headcount_file.getvalue(), user)
        st.success(
            f"{hc.rows_loaded} dari {hc.rows_read} baris dimuat."
            if ID
            else f"{hc.rows_loaded} of {hc.rows_read} rows loaded."
        )
        if hc.errors:
            st.dataframe(pd.DataFrame([e.as_dict(lang) for e in hc.errors]), hide_index=True, width="stretch")
    except NetralitasError as exc:
        st.error(f"{exc.message_id}\n\n{exc.message_en}")
