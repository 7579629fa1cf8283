-- Candidate links between records that no equal NIP links (netralitas/linking.py writes the result to
-- link_proposals, from the records it puts in the view link_candidates: all of them, or the blocks a
-- change reaches). A record without a NIP meets the records of other sources in the same election and
-- province whose names start alike, in the same regency (or where one regency is unknown: a pair in two
-- known, different regencies cannot reach the score, so it is never formed). Blocking this way keeps the
-- pairs to a block's records, not the square of all, and lets an import form again only its blocks'.
-- Two different NIPs are two people; records already in one case and pairs a live decision settled are
-- left out.
WITH r AS (SELECT * FROM link_candidates),
a AS (SELECT *, left(name, 1) AS l FROM r WHERE nip IS NULL),
b AS (SELECT *, left(name, 1) AS l FROM r),
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
),
-- a reviewer needs the few best candidates of a record, not every homonym of a province
best AS (
    SELECT *, row_number() OVER (PARTITION BY key_a ORDER BY score DESC, key_b) AS nth
    FROM scored
    WHERE score >= $min_score
)
SELECT least(key_a, key_b) AS key_a, greatest(key_a, key_b) AS key_b, election, round(score, 3) AS score,
       round(name_score, 3) AS name_score, same_regency, round(agency_score, 3) AS agency_score,
       days_apart::INTEGER AS days_apart
FROM best
WHERE nth <= $per_record
  AND NOT EXISTS (SELECT 1 FROM link_decisions d
                  WHERE d.undone_at IS NULL AND d.key_a = least(best.key_a, best.key_b)
                    AND d.key_b = greatest(best.key_a, best.key_b))
