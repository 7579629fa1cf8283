-- The election calendar, for shading phases on time charts.
SELECT election, name_id, name_en, phase::VARCHAR AS phase, start_date, end_date
FROM calendar
ORDER BY start_date;
