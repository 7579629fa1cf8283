-- Scored candidate pairs between records that no equal NIP links (netralitas/linking.py keeps them in
-- link_pairs; queries/link_proposals.sql ranks them). A record without a NIP (link_a) meets the records
-- (link_b) of other sources in the same election and province whose names start alike, in the same
-- regency (or where one regency is unknown: a pair in two known, different regencies cannot reach the
-- score, so it is never formed). Blocking this way keeps the pairs to a block's records, not the square
-- of all. linking.py passes every record in both for a full rebuild; after a change, the changed records
-- without a NIP against their blocks, then the blocks' records without a NIP against the changed ones.
-- Two different NIPs are two people; records already in one case are left out.
WITH a AS (SELECT * FROM link_a),
b AS (SELECT * FROM link_b),
joined AS (
    SELECT a.k AS ka, b.k AS kb, a.election, a.name AS na, b.name AS nb, a.regency_code AS ra,
           b.regency_code AS rb, a.agency AS aa, b.agency AS ab, a.case_date AS da, b.case_date AS db,
           a.person_case AS pa, b.person_case AS pb, a.source AS sa, b.source AS sb, b.nip AS nip_b
    FROM a JOIN b ON a.election IS NOT DISTINCT FROM b.election AND a.regency_code = b.regency_code AND a.l = b.l
                 AND a.province_code = b.province_code
    UNION ALL
    SELECT a.k, b.k, a.election, a.name, b.name, a.regency_code, b.regency_code, a.agency, b.agency,
           a.case_date, b.case_date, a.person_case, b.person_case, a.source, b.source, b.nip
    FROM (SELECT * FROM a WHERE regency_code IS NULL) a
    JOIN b ON a.election IS NOT DISTINCT FROM b.election AND a.province_code = b.province_code AND a.l = b.l
    UNION ALL
    SELECT a.k, b.k, a.election, a.name, b.name, a.regency_code, b.regency_code, a.agency, b.agency,
           a.case_date, b.case_date, a.person_case, b.person_case, a.source, b.source, b.nip
    FROM (SELECT * FROM a WHERE regency_code IS NOT NULL) a
    JOIN (SELECT * FROM b WHERE regency_code IS NULL) b
      ON a.election IS NOT DISTINCT FROM b.election AND a.province_code = b.province_code AND a.l = b.l
),
pairs AS (
    SELECT ka AS key_a, kb AS key_b, election,
           jaro_winkler_similarity(na, nb) AS name_score,
           CASE WHEN ra IS NULL OR rb IS NULL THEN NULL ELSE ra = rb END AS same_regency,
           CASE WHEN aa = '' OR ab = '' THEN NULL ELSE jaro_winkler_similarity(aa, ab) END AS agency_score,
           abs(da - db) AS days_apart
    FROM joined
    -- another agency's record (one source's rows are told apart by its own numbers); each pair once
    WHERE sa <> sb AND pa <> pb AND (nip_b IS NOT NULL OR ka < kb)
),
scored AS (
    SELECT *,
           $w_name * name_score
           + $w_regency * CASE WHEN same_regency THEN 1 WHEN same_regency IS NULL THEN 0.5 ELSE 0 END
           + $w_agency * coalesce(agency_score, 0.5)
           + $w_days * greatest(0, 1 - days_apart / $max_days) AS score
    FROM pairs
    WHERE name_score >= $name_floor AND days_apart <= $max_days
      -- the person's agency is on every agency's record: where both name one, they must be alike
      AND coalesce(agency_score, 1) >= $agency_floor
)
SELECT key_a, key_b, election, score, name_score, same_regency, agency_score, days_apart
FROM scored
WHERE score >= $min_score
