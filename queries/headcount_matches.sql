-- Which names of a headcount file meet the cases: province codes as they are; agency names by the same key
-- as agencies.sql (case, accents and punctuation ignored), so "dinas pendidikan kab. x" meets
-- "Dinas Pendidikan Kab. X". A name no case mentions is not an error: the agency may have no cases.
WITH names AS (
    SELECT DISTINCT unnest(CAST($names AS VARCHAR[])) AS name
),
known AS (
    SELECT DISTINCT
        CASE WHEN $level = 'province' THEN province_code
             ELSE trim(regexp_replace(lower(strip_accents(agency)), '[^0-9a-z]+', ' ', 'g')) END AS k
    FROM (SELECT DISTINCT province_code, agency FROM cases)
)
SELECT
    name,
    (CASE WHEN $level = 'province' THEN name
          ELSE trim(regexp_replace(lower(strip_accents(name)), '[^0-9a-z]+', ' ', 'g')) END)
        IN (SELECT k FROM known WHERE k IS NOT NULL) AS matched
FROM names
ORDER BY name;
