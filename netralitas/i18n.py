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
    # Sign-in back-off and locks (#18, hostile links)
    "signin_wrong": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "signin_wait": (
        "Terlalu banyak percobaan gagal; coba lagi dalam {wait}.",
        "Too many failed attempts; try again in {wait}.",
    ),
    "seconds": ("{n} detik", "{n} seconds"),
    "minutes": ("{n} menit", "{n} minutes"),
    "locks_title": ("Penundaan masuk", "Sign-in back-off"),
    "locks_note": (
        "Nama dan sumber (alamat dan peramban) dengan percobaan gagal melewati batas dalam 24 jam terakhir. "
        "Sisa tunggu 0: boleh mencoba lagi, tetapi kegagalan berikutnya menunda lebih lama.",
        "Names and sources (address and browser) past their free attempts in the last 24 hours. Wait 0: "
        "they may try again, but the next failure waits longer.",
    ),
    "locks_none": ("Tidak ada nama atau sumber yang ditunda.", "No name or source is backed off."),
    "lock_kind_name": ("nama", "name"),
    "lock_kind_source": ("sumber", "source"),
    "lock_col_kind": ("Jenis", "Kind"),
    "lock_col_subject": ("Nama atau sumber", "Name or source"),
    "lock_col_failures": ("Gagal", "Failures"),
    "lock_col_last": ("Terakhir gagal", "Last failure"),
    "lock_col_wait": ("Sisa tunggu (detik)", "Wait left (seconds)"),
    "lock_pick": ("Cabut penundaan untuk", "Lift the back-off of"),
    "lock_lift": ("Cabut penundaan", "Lift the back-off"),
    "lock_lifted": ("Penundaan dicabut: {subject}.", "Back-off lifted: {subject}."),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The string for key in the language, with {placeholders} filled."""
    pair = STRINGS[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**values) if values else text
