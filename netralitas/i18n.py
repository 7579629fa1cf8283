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
    # -- importer: identical rows, report-style workbooks, dates, header choice (issue 13) --
    "imp_fewer_repeats": (
        "berkas memuat {n} baris identik ini, basis data menyimpan {stored}: {beyond} yang tidak ada di berkas "
        "tetap tersimpan (batalkan batch lamanya bila memang harus hilang)",
        "the file holds {n} of these identical rows, the database {stored}: the {beyond} not in the file stay "
        "stored (undo their batch if they must go)",
    ),
    "imp_skip_blank": ("baris kosong", "blank row"),
    "imp_skip_total": ("baris jumlah/subtotal: {label}", "total/subtotal row: {label}"),
    "imp_skip_note": ("baris catatan: {label}", "note row: {label}"),
    "imp_date_month_first": (
        "kolom dibaca bulan-dulu (seperti 01/31/2024): ada nilai yang hanya mungkin bulan-dulu",
        "column read month first (as 01/31/2024): some values can only be month first",
    ),
    "imp_date_ambiguous_cell": (
        "urutan hari/bulan kolom ini tidak dapat ditentukan (hari-dulu: {day}; bulan-dulu: {month}): {value}",
        "the day/month order of this column cannot be told (day first: {day}; month first: {month}): {value}",
    ),
    "imp_header_rows": ("Baris judul kolom", "Header row"),
    "imp_header_auto": ("otomatis (baris {row})", "automatic (row {row})"),
    "imp_header_two": ("Judul dua baris", "Two-row header"),
    "imp_header_two_help": (
        "Judul kolom di baris ini dan baris berikutnya, misalnya “Tanggal” di atas “Laporan | Rekomendasi”.",
        "The header is this row and the next, for example “Tanggal” over “Laporan | Rekomendasi”.",
    ),
    "imp_header_help": (
        "Bila judul kolom terdeteksi di baris yang salah, pilih barisnya; pratinjau berubah sebelum apa pun "
        "disimpan.",
        "If the header was detected on the wrong row, choose it; the preview changes before anything is saved.",
    ),
    "imp_header_out_of_range": (
        "Baris judul {row} tidak ada di lembar ini (baris 1 sampai {last}).",
        "Header row {row} is not in this sheet (rows 1 to {last}).",
    ),
    "imp_skipped_rows": ("Baris dilewati (bukan data)", "Skipped rows (not data)"),
    "imp_skipped_count": ("Dilewati", "Skipped"),
    "imp_row": ("baris", "row"),
    "imp_first_rows": (
        "Baris pertama berkas (untuk memilih baris judul)",
        "First rows of the file (to choose the header row)",
    ),
    "imp_rows_reason": ("Baris {rows}: {reason}", "Rows {rows}: {reason}"),
    "imp_order_month_first": (
        "Kolom “{column}” dibaca bulan-dulu (01/31/2024): ada tanggal yang hanya mungkin bulan-dulu.",
        "Column “{column}” is read month first (01/31/2024): some of its dates can only be month first.",
    ),
    "imp_order_ambiguous": (
        "Kolom “{column}” memuat tanggal hari-dulu dan bulan-dulu: tanggal angkanya ditolak, tidak ditebak.",
        "Column “{column}” holds both day-first and month-first dates: its numeric dates are rejected, not guessed.",
    ),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The string for key in the language, with {placeholders} filled."""
    pair = STRINGS[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**values) if values else text
