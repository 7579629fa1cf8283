-- Elections in the calendar, oldest first, with their span and names.
SELECT election, any_value(kind) AS kind, any_value(year) AS year, any_value(name_id) AS name_id,
       any_value(name_en) AS name_en, min(start_date) AS start_date, max(end_date) AS end_date
FROM calendar
GROUP BY election
ORDER BY min(start_date);
