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
    # -- records and cases (#14): file kinds, links, the review page, disagreements, lags ----------
    "kind_unknown": (
        "Jenis berkas tidak dikenal: {kind} (pilihan: {kinds})",
        "Unknown file kind: {kind} (choices: {kinds})",
    ),
    "kind_reason_chosen": ("dipilih oleh analis", "chosen by the analyst"),
    "kind_reason_block": (
        "daftar blokir BKN: ada kolom {headers}",
        "BKN block list: it has the column {headers}",
    ),
    "kind_reason_follow_up": (
        "laporan tindak lanjut PPK: ada kolom {headers}",
        "PPK follow-up report: it has the column {headers}",
    ),
    "kind_reason_recommendation": (
        "daftar rekomendasi KASN/BKN: ada kolom {headers}, tanpa tanggal laporan atau asal temuan",
        "KASN/BKN recommendation list: it has the column {headers}, no report date or origin",
    ),
    "kind_reason_register": (
        "register temuan/laporan Bawaslu: ada kolom {headers}",
        "Bawaslu finding/report register: it has the column {headers}",
    ),
    "kind_reason_generic": (
        "jenis tidak dapat ditentukan dari judul kolom; baris dimuat apa adanya",
        "the kind cannot be told from the headers; rows load as they are",
    ),
    "kind_follow_up_unread": (
        "tindak lanjut PPK tidak dapat dibaca (bukan Sudah/Belum atau tanggal); dimuat sebagai rekomendasi "
        "yang belum ditindaklanjuti",
        "PPK follow-up cannot be read (not Sudah/Belum or a date); loaded as a recommendation not yet followed up",
    ),
    "kind_register": ("Register temuan/laporan Bawaslu", "Bawaslu finding/report register"),
    "kind_recommendation": ("Daftar rekomendasi KASN/BKN", "KASN/BKN recommendation list"),
    "kind_follow-up": ("Laporan tindak lanjut PPK", "PPK follow-up report"),
    "kind_block": ("Daftar blokir BKN", "BKN block list"),
    "kind_generic": ("Lainnya (apa adanya)", "Other (as it is)"),
    "kind_label": ("Jenis berkas", "File kind"),
    "kind_auto": ("Deteksi otomatis", "Detect automatically"),
    "kind_detected": ("Jenis berkas: {kind} ({reason})", "File kind: {kind} ({reason})"),
    "link_not_proposed": (
        "Pasangan ini tidak (lagi) diusulkan.",
        "This pair is not (or no longer) proposed.",
    ),
    "link_no_decision": (
        "Keputusan {id} tidak ada atau sudah dibatalkan.",
        "Decision {id} does not exist or was already undone.",
    ),
    "page_links": ("Tautan kasus", "Case links"),
    "links_intro": (
        "Catatan dengan NIP yang sama dalam pemilihan yang sama tertaut otomatis. Tanpa NIP, pasangan di bawah "
        "diusulkan dari kemiripan nama, kabupaten/kota, instansi dan selisih hari; tidak ada yang digabung "
        "sebelum Anda menerimanya.",
        "Records with an equal NIP in the same election link automatically. Without a NIP, the pairs below are "
        "proposed from name similarity, regency/city, agency and days apart; nothing merges until you accept it.",
    ),
    "links_none": ("Tidak ada usulan tautan.", "No proposed links."),
    "links_accept": ("Terima", "Accept"),
    "links_reject": ("Tolak", "Reject"),
    "links_undo": ("Batalkan keputusan", "Undo decision"),
    "links_decisions": ("Keputusan tersimpan", "Stored decisions"),
    "links_score": ("Skor", "Score"),
    "links_name_score": ("Kemiripan nama", "Name similarity"),
    "links_same_regency": ("Kab/kota sama", "Same regency"),
    "links_agency_score": ("Kemiripan instansi", "Agency similarity"),
    "links_days_apart": ("Selisih hari", "Days apart"),
    "links_record": ("Catatan {side}", "Record {side}"),
    "links_done": ("Keputusan disimpan.", "Decision stored."),
    "quality_title": (
        "Daftar mutu data: sumber yang tidak sepakat",
        "Data-quality list: sources that disagree",
    ),
    "quality_none": ("Tidak ada ketidaksepakatan antarsumber.", "No disagreements between sources."),
    "quality_not_violation": (
        "Bawaslu: bukan pelanggaran, tetapi ada rekomendasi",
        "Bawaslu: not a violation, yet a recommendation exists",
    ),
    "quality_sanctions": ("Rekomendasi dengan sanksi berbeda", "Recommendations with different sanctions"),
    "quality_block": ("Blokir tanpa rekomendasi", "Block without a recommendation"),
    "quality_issue": ("Masalah", "Issue"),
    "records": ("Catatan", "Records"),
    "records_per_source": ("Catatan per sumber", "Records per source"),
    "cases_records": (
        "{cases} kasus dari {records} catatan",
        "{cases} cases from {records} records",
    ),
    "timeline_title": ("Linimasa kasus antarinstansi", "Case timeline across agencies"),
    "timeline_pick": ("Pilih kasus", "Choose a case"),
    "timeline_step": ("Langkah", "Step"),
    "timeline_date": ("Tanggal", "Date"),
    "timeline_source": ("Sumber", "Source"),
    "step_finding": ("Temuan/laporan", "Finding/report"),
    "step_recommendation": ("Rekomendasi", "Recommendation"),
    "step_follow_up": ("Tindak lanjut PPK", "PPK follow-up"),
    "step_block": ("Blokir", "Block"),
    "step_unblock": ("Buka blokir", "Unblock"),
    "lags_title": (
        "Median hari antarlangkah instansi",
        "Median days between the agencies' steps",
    ),
    "lags_note": (
        "Per kasus: temuan/laporan Bawaslu → rekomendasi KASN/BKN → tindak lanjut PPK → blokir BKN. "
        "Angka ini menunjukkan di mana kasus tertahan.",
        "Per case: Bawaslu finding/report → KASN/BKN recommendation → PPK follow-up → BKN block. "
        "This is where cases stall.",
    ),
    "lags_by_agency": ("Per instansi", "Per agency"),
    "lags_by_province": ("Per provinsi", "Per province"),
    "lag_report_rec": ("Laporan → rekomendasi", "Report → recommendation"),
    "lag_rec_fu": ("Rekomendasi → tindak lanjut", "Recommendation → follow-up"),
    "lag_rec_block": ("Rekomendasi → blokir", "Recommendation → block"),
    "cases_shown": ("{total} kasus; {shown} ditampilkan.", "{total} cases; {shown} shown."),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "col_name": ("Nama", "Name"),
    "col_sanction": ("Sanksi", "Sanction"),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The string for key in the language, with {placeholders} filled."""
    pair = STRINGS[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**values) if values else text
