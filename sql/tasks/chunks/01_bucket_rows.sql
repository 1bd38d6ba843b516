-- get_task02_chunks: per SSN bucket, the rows task_02 would mark (same conditions as
-- task_02/01_mark.sql) and the distinct SSNs among them. Buckets without rows are left out.
-- $1 = first day of the window, $2 = last day.
SELECT (hashtextextended(m.ssn, 0) & 4095) AS bucket,
       count(*) AS rows,
       count(DISTINCT m.ssn) AS keys
FROM {conflict}.conflictvisitmaps m
WHERE m.conflict_id IS NOT NULL
  AND m.visit_date BETWEEN $1::date AND $2::date
  AND m.status_flag NOT IN ('W', 'I')
GROUP BY 1
ORDER BY 1
