-- Candidate links between records that no equal NIP links (netralitas/linking.py writes the result to
-- link_proposals): same election and province, the name's first letter alike (blocking: the pairs grow
-- with one block's records, not with the square of all), names similar by Jaro-Winkler, one side without
-- a NIP (two different NIPs are two people), not yet in one case, not settled by a live decision.
WITH r AS (
    SELECT c.case_key AS k, rc.case_key AS person_case, c.election, c.province_code, c.regency_code,
           c.nip, c.case_date,
           trim(regexp_replace(lower(strip_accents(c.employee_name)), '[^a-z ]+', ' ', 'g')) AS name,
           lower(coalesce(c.agency, '')) AS agency
    FROM cases c JOIN record_cases rc ON rc.record_key = c.case_key
    WHERE c.employee_name IS NOT NULL
),
pairs AS (
    SELECT a.k AS key_a, b.k AS key_b, a.election,
           jaro_winkler_similarity(a.name, b.name) AS name_score,
           CASE WHEN a.regency_code IS NULL OR b.regency_code IS NULL THEN NULL
                ELSE a.regency_code = b.regency_code END AS same_regency,
           CASE WHEN a.agency = '' OR b.agency = '' THEN NULL
                ELSE jaro_winkler_similarity(a.agency, b.agency) END AS agency_score,
           abs(a.case_date - b.case_date) AS days_apart
    FROM (SELECT * FROM r WHERE nip IS NULL) a
    JOIN r b
      ON a.election IS NOT DISTINCT FROM b.election AND a.province_code = b.province_code
     AND left(a.name, 1) = left(b.name, 1) AND a.person_case <> b.person_case
     -- each unordered pair once: a NIP-less record meets every record, two NIP-less ones in key order
     AND (b.nip IS NOT NULL OR a.k < b.k)
),
scored AS (
    SELECT *,
           $w_name * name_score
           + $w_regency * CASE WHEN same_regency THEN 1 WHEN same_regency IS NULL THEN 0.5 ELSE 0 END
           + $w_agency * coalesce(agency_score, 0.5)
           + $w_days * greatest(0, 1 - days_apart / $max_days) AS score
    FROM pairs
    WHERE name_score >= $name_floor AND days_apart <= $max_days
)
SELECT least(key_a, key_b) AS key_a, greatest(key_a, key_b) AS key_b, election, round(score, 3) AS score,
       round(name_score, 3) AS name_score, same_regency, round(agency_score, 3) AS agency_score,
       days_apart::INTEGER AS days_apart
FROM scored
WHERE score >= $min_score
  AND NOT EXISTS (SELECT 1 FROM link_decisions d
                  WHERE d.undone_at IS NULL AND d.key_a = least(scored.key_a, scored.key_b)
                    AND d.key_b = greatest(scored.key_a, scored.key_b))
