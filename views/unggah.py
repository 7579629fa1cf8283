"""Unggah data: preview, column and value mapping, dry run, commit, history and undo; the same importer
as the command line."""

import pandas as pd
import streamlit as st

from netralitas import export, style
from netralitas.demo import remove_sample
from netralitas.errors import NetralitasError
from netralitas.headcount import LEVEL_NAMES, import_headcount
from netralitas.i18n import t
from netralitas.ingest import ImportOptions, undo_batch
from netralitas.ingest.kinds import KINDS
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
from netralitas.safetext import md
from netralitas.ui import context, upload_layout
from netralitas.ui import ikp as ikp_ui
from netralitas.uploads import mapping_table, overrides_from_table, preview, save_aliases, upload_limits

context.require_role("analyst", "admin")
lang = context.lang()
ID = lang == "id"
store = context.store()
user = context.username()
vocab = vocabulary()
SOURCES = ["bawaslu", "kasn", "bkn", "other"]
limits = upload_limits(st.get_option("server.maxUploadSize"))
if limits.server_too_low:
    st.warning(
        f"Server Streamlit berjalan dengan server.maxUploadSize = {limits.server_mb} MB, di bawah "
        f"NETRALITAS_UPLOAD_LIMIT_MB = {limits.setting_mb} MB: berkas di atas {limits.server_mb} MB ditolak. "
        "Jalankan dasbor dengan scripts/start.sh, yang menyetelnya dari pengaturan."
        if ID
        else f"The Streamlit server runs with server.maxUploadSize = {limits.server_mb} MB, below "
        f"NETRALITAS_UPLOAD_LIMIT_MB = {limits.setting_mb} MB: files over {limits.server_mb} MB are refused. "
        "Start the dashboard with scripts/start.sh, which sets it from the setting."
    )


def place_codes(field: str) -> list[str]:
    return sorted(province_names("id")) if field == "province" else sorted(regency_names())


def code_label(field: str, code: str) -> str:
    if field == "province":
        return province_label(code, lang)
    if field == "regency":
        return regency_label(code, lang)
    return vocab.label(field, code, lang)


def rejected_rows(errors: list, file_name: str, key: str) -> None:
    """Rejected rows one by one (row, column, value, reason), with a CSV download; nothing when none."""
    if not errors:
        return
    rejected = pd.DataFrame([e.as_dict(lang) for e in errors])
    st.markdown("**Baris ditolak**" if ID else "**Rejected rows**")
    st.dataframe(rejected, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rejected)))
    st.download_button(
        "Unduh baris ditolak (CSV)" if ID else "Download rejected rows (CSV)",
        export.to_csv_bytes(rejected),
        file_name,
        "text/csv",
        key=key,
    )


def report_view(report, key: str) -> dict[str, dict[str, str]]:
    """Counts, rejected rows, and unknown values the user may assign; returns the assignments."""
    cols = st.columns(5)
    for col, (label, value) in zip(
        cols,
        [
            ("Baru" if ID else "New", report.rows_loaded),
            ("Diperbarui" if ID else "Updated", report.rows_updated),
            ("Tidak berubah" if ID else "Unchanged", report.rows_unchanged),
            ("Ditolak" if ID else "Rejected", report.rows_rejected),
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
            label = f"{md(u['column'])}: “{md(u['value'])}” ({u['count']} {'baris' if ID else 'rows'})"
            choice = st.selectbox(
                label,
                options,
                key=f"v_{key}_{i}",
                format_func=lambda c, f=u["field"]: "—" if c == "" else code_label(f, c),
            )
            if choice:
                assignments.setdefault(u["field"], {})[u["value"]] = choice
    return assignments


def uploader(label: str, types: list[str], key: str, multiple: bool = False):
    """A file uploader with our size limit: the help text and the line under the drop zone state it in the
    page's language (Streamlit's own line would state the larger cap that lets over-limit files through to
    our message)."""
    note = (
        ("Maks. {n} MB per berkas" if ID else "Max. {n} MB per file").format(
            n=style.fmt_int(limits.limit_mb, lang)
        )
        + " • "
        + ", ".join(t.upper() for t in types)
    )
    st.html(
        f"<style>.st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span"
        "{font-size:0 !important}"
        f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span::after"
        f"{{content:'{note}';font-size:0.875rem}}</style>"
    )
    return st.file_uploader(
        label,
        type=types,
        accept_multiple_files=multiple,
        key=key,
        help=limits.help(lang, ", ".join(t.upper() for t in types)),
        max_upload_size=limits.widget_mb,
    )


files = uploader(
    "Berkas CSV atau XLSX" if ID else "CSV or XLSX files",
    ["csv", "txt", "xlsx", "xls", "ods"],
    "uploads",
    True,
)
for up in files or []:
    key = f"{up.file_id}"
    with st.expander(md(up.name), expanded=True):
        try:
            limits.refuse_if_too_large(up.name, up.size)
        except NetralitasError as exc:
            context.show_refusal(exc)
            continue
        data = up.getvalue()
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
        # the file's kind (#14): detected from the headers unless the analyst chooses one
        kind = st.selectbox(
            t("kind_label", lang),
            ["", *KINDS],
            key=f"kind_{key}",
            format_func=lambda k: t("kind_auto", lang) if k == "" else t(f"kind_{k}", lang),
        )
        try:
            sheets = sheet_names(data)
            sheet = (
                st.selectbox("Lembar" if ID else "Sheet", sheets, key=f"sheet_{key}")
                if len(sheets) > 1
                else None
            )
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
            continue
        st.caption(
            f"{style.fmt_int(detected.raw.rows, lang)} baris data; judul di baris {detected.raw.header_row}"
            + (
                f"; pemisah “{md(detected.raw.delimiter)}”, {md(detected.raw.encoding)}"
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
            key=f"map_{key}_{header_row}_{header_rows}",  # a new header: a new mapping table
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
            header_row=header_row,
            header_rows=header_rows,
            kind=kind or None,
        )
        if st.button("Uji coba (tanpa menyimpan)" if ID else "Dry run (nothing saved)", key=f"dry_{key}"):
            try:
                with st.spinner("Memeriksa…" if ID else "Checking…"):
                    options.dry_run = True
                    st.session_state[f"report_{key}"] = import_bytes(store, data, options)
            except NetralitasError as exc:
                context.show_refusal(exc)
        report = st.session_state.get(f"report_{key}")
        if report is not None:
            if report.kind:
                st.info(
                    t(
                        "kind_detected",
                        lang,
                        kind=t(f"kind_{report.kind['kind']}", lang),
                        reason=report.kind[f"reason_{lang}"],
                    )
                )
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
                    context.show_refusal(exc)

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
                context.show_refusal(exc)

st.subheader(
    "Jumlah ASN per provinsi atau per instansi (opsional)"
    if ID
    else "ASN headcount per province or agency (optional)"
)
st.caption(
    "Per provinsi untuk peta (kasus per 100.000 ASN), per instansi untuk halaman Instansi (kasus per 1.000 ASN). "
    "Kolom: Provinsi atau Instansi (Nama Instansi), dan Jumlah ASN. Unggahan mengganti hanya jumlah yang "
    "tersimpan untuk tingkat yang sama."
    if ID
    else "Per province for the map (cases per 100,000 ASN), per agency for the Agencies page (cases per 1,000 "
    "ASN). Columns: Provinsi or Instansi (Nama Instansi), and Jumlah ASN. An upload replaces only the stored "
    "headcounts of the same level."
)
stored = context.query("headcount_status")
st.caption(
    ("Tersimpan: " if ID else "Stored: ")
    + (
        "; ".join(
            f"{style.fmt_int(n, lang)} {LEVEL_NAMES[lvl][0 if ID else 1]} "
            + (
                f"(diperbarui {style.fmt_date(at.date(), lang)})"
                if ID
                else f"(updated {style.fmt_date(at.date(), lang)})"
            )
            for lvl, n, at in zip(stored["level"], stored["rows"], stored["updated_at"], strict=True)
        )
        or ("belum ada." if ID else "nothing yet.")
    )
)
if "headcount_saved" in st.session_state:
    st.success(st.session_state.pop("headcount_saved"))
headcount_file = uploader(
    "Berkas jumlah ASN (CSV/XLSX)" if ID else "Headcount file (CSV/XLSX)",
    ["csv", "txt", "xlsx"],
    f"headcount_upload_{st.session_state.get('headcount_round', 0)}",
)
if headcount_file is not None:
    try:
        limits.refuse_if_too_large(headcount_file.name, headcount_file.size)
        hc_data = headcount_file.getvalue()
        left, right = st.columns(2)
        level_choice = left.radio(
            "Tingkat" if ID else "Level",
            ["auto", "province", "agency"],
            format_func=lambda v: {
                "auto": "Otomatis (dari judul kolom)" if ID else "Automatic (from the headers)",
                "province": "Per provinsi" if ID else "Per province",
                "agency": "Per instansi" if ID else "Per agency",
            }[v],
            horizontal=True,
            key="headcount_level",
        )
        hc_sheets = sheet_names(hc_data)
        hc_sheet = (
            right.selectbox("Lembar" if ID else "Sheet", hc_sheets, key="headcount_sheet")
            if len(hc_sheets) > 1
            else None
        )
        level = None if level_choice == "auto" else level_choice
        check_key = ("headcount_check", headcount_file.file_id, level, hc_sheet, store.data_version())
        if st.session_state.get("headcount_check_key") != check_key:
            st.session_state["headcount_check"] = import_headcount(
                store, hc_data, user, dry_run=True, level=level, sheet=hc_sheet
            )
            st.session_state["headcount_check_key"] = check_key
        hc = st.session_state["headcount_check"]
        what = LEVEL_NAMES[hc.level][0 if ID else 1]
        st.info(
            f"Uji coba: berkas jumlah ASN per {what} (kolom “{md(hc.name_column)}” dan “{md(hc.count_column)}”). "
            "Belum ada yang disimpan."
            if ID
            else f"Dry run: an ASN headcount per {what} (columns “{md(hc.name_column)}” and “{md(hc.count_column)}”). "
            "Nothing saved yet."
        )
        cols = st.columns(4)
        for col, (label, value) in zip(
            cols,
            [
                ("Akan dimuat" if ID else "Would load", style.fmt_int(hc.rows_loaded, lang)),
                ("Ditolak" if ID else "Rejected", style.fmt_int(hc.rows_rejected, lang)),
                (
                    "Cocok dengan data kasus" if ID else "Match the case data",
                    f"{style.fmt_int(hc.matched, lang)} / {style.fmt_int(hc.rows_loaded, lang)}",
                ),
                (
                    "Tersimpan, akan diganti" if ID else "Stored, to be replaced",
                    style.fmt_int(hc.replaced, lang),
                ),
            ],
            strict=True,
        ):
            col.metric(label, value)
        rejected_rows(hc.errors, "ditolak-jumlah-asn.csv", "headcount_rejected")
        if hc.unmatched:
            with st.expander(
                f"{style.fmt_int(len(hc.unmatched), lang)} {what} tanpa kasus yang cocok (bukan kesalahan)"
                if ID
                else f"{style.fmt_int(len(hc.unmatched), lang)} {what} names that match no case (not an error)"
            ):
                st.caption(
                    "Nama dicocokkan setelah dibersihkan seperti saat impor kasus, tanpa membedakan huruf besar "
                    "dan tanda baca. Periksa ejaannya bila instansi ini seharusnya punya kasus."
                    if ID
                    else "Names are matched after the same cleaning as case imports, ignoring case and "
                    "punctuation. Check the spelling where an agency should have cases."
                )
                st.dataframe(pd.DataFrame({what: hc.unmatched}), hide_index=True, width="stretch")
        if st.button(
            "Simpan jumlah ASN" if ID else "Save the headcount",
            type="primary",
            key="headcount_go",
            disabled=hc.rows_loaded == 0,
        ):
            done = import_headcount(store, hc_data, user, level=hc.level, sheet=hc_sheet)
            # A fresh uploader once saved: the file is done with, and its dry run would now describe a re-save.
            st.session_state.pop("headcount_check_key", None)
            st.session_state["headcount_round"] = st.session_state.get("headcount_round", 0) + 1
            st.session_state["headcount_saved"] = (
                f"Jumlah ASN untuk {style.fmt_int(done.rows_loaded, lang)} {what} disimpan "
                f"({style.fmt_int(done.replaced, lang)} yang lama diganti, "
                f"{style.fmt_int(done.rows_rejected, lang)} baris ditolak)."
                if ID
                else f"ASN headcount saved for {style.fmt_int(done.rows_loaded, lang)} {what} names "
                f"({style.fmt_int(done.replaced, lang)} replaced, {style.fmt_int(done.rows_rejected, lang)} rows "
                "rejected)."
            )
            st.rerun()
    except NetralitasError as exc:
        context.show_refusal(exc)

ikp_ui.upload_section(uploader, rejected_rows, limits, lang)
