-- Schema version 1: cases, import batches and the history an exact undo needs.
-- ENUM values must equal data/reference/vocabularies.csv (a test checks it).
CREATE TYPE source_t AS ENUM ('bawaslu', 'kasn', 'bkn', 'other');
CREATE TYPE phase_t AS ENUM ('pra-tahapan', 'pendaftaran', 'kampanye', 'masa-tenang', 'pemungutan', 'rekapitulasi', 'pasca');
CREATE TYPE agency_type_t AS ENUM ('pusat', 'provinsi', 'kabupaten', 'kota', 'lainnya');
CREATE TYPE position_t AS ENUM ('jpt', 'administrator', 'pengawas', 'fungsional', 'pelaksana', 'kepala-wilayah', 'lainnya');
CREATE TYPE violation_type_t AS ENUM ('media-sosial', 'keberpihakan', 'pendekatan-parpol', 'deklarasi', 'kampanye', 'keputusan',
    'alat-peraga', 'foto-simbol', 'pencalonan', 'politik-uang', 'fasilitas-negara', 'lainnya');
CREATE TYPE origin_t AS ENUM ('temuan', 'laporan');
CREATE TYPE status_t AS ENUM ('dilaporkan', 'tidak-diregistrasi', 'diproses', 'bukan-pelanggaran', 'pelanggaran', 'rekomendasi',
    'ditindaklanjuti');
CREATE TYPE sanction_t AS ENUM ('ringan', 'sedang', 'berat', 'moral', 'lainnya');

CREATE TABLE batches (
    batch_id INTEGER PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    checksum VARCHAR NOT NULL,
    source VARCHAR,
    is_sample BOOLEAN NOT NULL DEFAULT false,
    rows_read INTEGER NOT NULL,
    rows_loaded INTEGER NOT NULL,
    rows_updated INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    undone_at TIMESTAMP,
    undone_by VARCHAR
);

-- One row per reported person per case. case_key = source | case_id | person (NIP, else name).
CREATE TABLE cases (
    case_key VARCHAR NOT NULL,
    source source_t NOT NULL,
    case_id VARCHAR NOT NULL,
    case_id_derived BOOLEAN NOT NULL,
    election VARCHAR,
    phase phase_t,
    report_date DATE,
    incident_date DATE,
    recommendation_date DATE,
    follow_up_date DATE,
    case_date DATE NOT NULL,
    province_code VARCHAR NOT NULL,
    regency_code VARCHAR,
    agency VARCHAR,
    agency_type agency_type_t,
    position position_t,
    employee_name VARCHAR,
    nip VARCHAR,
    violation_type violation_type_t,
    origin origin_t,
    status status_t,
    sanction sanction_t,
    record_blocked BOOLEAN,
    batch_id INTEGER NOT NULL,
    source_row INTEGER
);

-- The version of a case row that a batch replaced; undo puts it back.
CREATE TABLE case_history AS SELECT CAST(NULL AS INTEGER) AS replaced_by, * FROM cases WHERE false;

-- Election calendar: editable data, seeded from data/reference/calendar.csv.
CREATE TABLE calendar (
    election VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    name_id VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    phase phase_t NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    note VARCHAR,
    PRIMARY KEY (election, phase)
);

-- Mappings analysts saved on the upload page (header -> column, value -> code), per source.
CREATE TABLE saved_aliases (
    kind VARCHAR NOT NULL,          -- 'header' or a canonical field name
    source VARCHAR NOT NULL,        -- a source code, or '*' for all
    alias VARCHAR NOT NULL,         -- text_key of what the file says
    target VARCHAR NOT NULL,        -- canonical column or code ('' = ignore the header)
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    PRIMARY KEY (kind, source, alias)
);

CREATE TABLE headcount (
    level VARCHAR NOT NULL,         -- 'province' or 'agency'
    code VARCHAR NOT NULL,          -- province code or agency name
    asn_count INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (level, code)
);

CREATE TABLE users (
    username VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE audit_log (
    happened_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR,
    batch_id INTEGER
);

CREATE TABLE settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
