-- Schema version 3 (issue #17): Bawaslu's vulnerability index (Indeks Kerawanan Pemilu, IKP) per province or
-- regency, as an analyst uploaded it, per election. An upload replaces one election's rows of one level.
CREATE TABLE ikp (
    election VARCHAR NOT NULL,
    level VARCHAR NOT NULL,         -- 'province' or 'regency'
    code VARCHAR NOT NULL,          -- Kemendagri code
    score DOUBLE NOT NULL,          -- 0-100, higher is more vulnerable
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL,
    PRIMARY KEY (election, level, code)
);
