"""Every user-facing string of the dashboard, in Bahasa Indonesia (default) and English."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Netralitas ASN", "ASN Neutrality"),
    "app_subtitle": (
        "Pelanggaran netralitas ASN dalam pemilu dan pilkada",
        "ASN neutrality violations in elections",
    ),
    "page_overview": ("Ringkasan", "Overview"),
    "page_map": ("Peta", "Map"),
    "page_agencies": ("Instansi & tindak lanjut", "Agencies & follow-up"),
    "page_phases": ("Tahapan", "Phases"),
    "page_cases": ("Kasus", "Cases"),
    "page_upload": ("Unggah data", "Upload data"),
    "page_presenter": ("Mode presentasi", "Presenter mode"),
    "language": ("Bahasa", "Language"),
    "filters": ("Filter", "Filters"),
    "reset_filters": ("Atur ulang filter", "Reset filters"),
    "f_election": ("Pemilihan", "Election"),
    "f_dates": ("Rentang tanggal", "Date range"),
    "f_province": ("Provinsi", "Province"),
    "f_regency": ("Kabupaten/kota", "Regency/city"),
    "f_agency_type": ("Jenis instansi", "Agency type"),
    "f_position": ("Jabatan", "Position"),
    "f_violation_type": ("Jenis pelanggaran", "Violation type"),
    "f_status": ("Status", "Status"),
    "f_source": ("Sumber", "Source"),
    "f_agency": ("Instansi", "Agency"),
    "in_effect": ("Filter aktif", "Filters in effect"),
    "filter_ignored": (
        "Filter di tautan diabaikan karena tidak valid: {items}",
        "Filters in the link were ignored because they are not valid: {items}",
    ),
    "sample_banner": (
        "DATA CONTOH SINTETIS: angka di dasbor ini bukan data nyata. Unggah data asli di halaman "
        "Unggah data untuk menggantinya.",
        "SYNTHETIC SAMPLE DATA: the figures on this dashboard are not real. Upload real data on the "
        "Upload data page to replace them.",
    ),
    "no_data": ("Tidak ada data untuk filter ini.", "No data for these filters."),
    "busy": (
        "Data sedang diperbarui; angka di bawah dari pembaruan terakhir.",
        "The data is being updated; the figures below are from the last update.",
    ),
    "kpi_cases": ("Kasus dilaporkan", "Cases reported"),
    "kpi_violations": ("Pelanggaran", "Violations"),
    "kpi_recommendations": ("Rekomendasi sanksi", "Sanction recommendations"),
    "kpi_follow_up_rate": ("Tindak lanjut PPK", "PPK follow-up rate"),
    "kpi_days_rec": ("Median hari laporan → rekomendasi", "Median days report → recommendation"),
    "kpi_days_fu": ("Median hari rekomendasi → tindak lanjut", "Median days recommendation → follow-up"),
    "kpi_blocked": ("Data kepegawaian diblokir", "Personnel records blocked"),
    "vs_previous": ("vs {name}", "vs {name}"),
    "cases": ("Kasus", "Cases"),
    "violations": ("Pelanggaran", "Violations"),
    "recommendations": ("Rekomendasi", "Recommendations"),
    "followed_up": ("Ditindaklanjuti", "Followed up"),
    "follow_up_rate": ("Tingkat tindak lanjut", "Follow-up rate"),
    "unknown": ("tidak diketahui", "unknown"),
    "rank_by": ("Urutkan menurut", "Rank by"),
    "asn_count": ("Jumlah ASN", "ASN headcount"),
    "per_1000_asn": ("Kasus per 1.000 ASN", "Cases per 1,000 ASN"),
    "per_1000_asn_top": (
        "Kasus per 1.000 ASN: 10 instansi tertinggi",
        "Cases per 1,000 ASN: top 10 agencies",
    ),
    "per_asn_note": (
        "Kasus per 1.000 ASN: jumlah kasus dibagi jumlah ASN instansi yang diunggah di halaman Unggah data; "
        "'tidak diketahui' bila jumlah ASN instansi belum diunggah. Pada instansi kecil angkanya mudah berayun "
        "(1 kasus di instansi 50 ASN = 20 per 1.000 ASN). Untuk peringkat per 1.000 ASN, pilih di atas tabel.",
        "Cases per 1,000 ASN: cases divided by the agency's ASN headcount uploaded on the Upload data page; "
        "'unknown' where no headcount has been uploaded for the agency. Small agencies swing easily "
        "(1 case in an agency of 50 ASN = 20 per 1,000 ASN). To rank per 1,000 ASN, choose above the table.",
    ),
    "local_mode": (
        "Mode lokal: hanya dapat dibuka dari komputer ini, dengan hak analis.",
        "Local mode: reachable from this computer only, with analyst rights.",
    ),
    # Hostile files (issue 18): limits checked before a workbook is read, reader failures, control characters
    "refuse_unreadable": (
        "Berkas tidak dapat dibaca ({reason}); simpan ulang sebagai CSV atau XLSX dan unggah lagi.",
        "The file cannot be read ({reason}); save it again as CSV or XLSX and upload it again.",
    ),
    "refuse_memory": (
        "Berkas terlalu besar untuk dibaca dengan memori yang tersedia; bagi menjadi beberapa berkas.",
        "The file is too large to read in the memory available; split it into several files.",
    ),
    "refuse_zip_damaged": ("Berkas ZIP/XLSX rusak.", "The ZIP/XLSX file is damaged."),
    "refuse_zip_members": (
        "Buku kerja berisi {count:,} bagian (batas {limit:,}); berkas ini bukan ekspor biasa.",
        "The workbook holds {count:,} parts (the limit is {limit:,}); this is not an ordinary export.",
    ),
    "refuse_zip_method": (
        "Bagian “{member}” buku kerja dimampatkan dengan cara yang tidak dipakai Excel.",
        "Part “{member}” of the workbook is compressed in a way Excel does not use.",
    ),
    "refuse_unzipped": (
        "Isi buku kerja membesar menjadi {mb} MB bila dibuka (batas {limit} MB); bagi menjadi beberapa berkas.",
        "The workbook inflates to {mb} MB when opened (the limit is {limit} MB); split it into several files.",
    ),
    "refuse_unzipped_actual": (
        "Isi buku kerja membesar melebihi {limit} MB bila dibuka; bagi menjadi beberapa berkas.",
        "The workbook inflates to more than {limit} MB when opened; split it into several files.",
    ),
    "refuse_zip_ratio": (
        "Bagian “{member}” buku kerja membesar {ratio:,}× bila dibuka (batas {limit:,}×): ini bom zip, "
        "bukan ekspor biasa.",
        "Part “{member}” of the workbook inflates {ratio:,}× when opened (the limit is {limit:,}×): a zip "
        "bomb, not an ordinary export.",
    ),
    "refuse_xml_entities": (
        "Bagian “{member}” buku kerja memuat deklarasi DTD/entitas XML; buku kerja biasa tidak pernah memuatnya.",
        "Part “{member}” of the workbook holds an XML DTD/entity declaration; ordinary workbooks never do.",
    ),
    "refuse_sheet_rows": (
        "Lembar “{member}” mencakup {rows:,} baris (batas {limit:,}).",
        "Sheet “{member}” spans {rows:,} rows (the limit is {limit:,}).",
    ),
    "refuse_sheet_cells": (
        "Lembar “{member}” mencakup {rows:,} baris × {columns:,} kolom = {cells:,} sel (batas {limit:,}); "
        "hapus baris/kolom kosong di luar tabel atau bagi berkasnya.",
        "Sheet “{member}” spans {rows:,} rows × {columns:,} columns = {cells:,} cells (the limit is {limit:,}); "
        "delete empty rows/columns outside the table or split the file.",
    ),
    "refuse_sheet_row_size": (
        "Satu baris lembar lebih dari {mb} MB; berkas ini bukan ekspor biasa.",
        "One row of the sheet is over {mb} MB; this is not an ordinary export.",
    ),
    "refuse_cell_too_long": (
        "Baris {row}, kolom “{column}”: sel lebih dari {kib} KiB; tidak ada kolom data yang memerlukannya.",
        "Row {row}, column “{column}”: a cell over {kib} KiB; no data column needs one.",
    ),
    "refuse_line_too_long": (
        "Baris {row}: sel lebih dari {kib} KiB; tidak ada kolom data yang memerlukannya.",
        "Row {row}: a cell over {kib} KiB; no data column needs one.",
    ),
    "reject_control_chars": (
        "karakter kendali {chars} (mis. NUL) tidak boleh ada dalam sel; hapus lalu unggah ulang",
        "control character {chars} (such as NUL) is not allowed in a cell; remove it and upload again",
    ),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The string for key in the language, with {placeholders} filled."""
    pair = STRINGS[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**values) if values else text
