-- conflict.settings must hold exactly one row: every pair computation reads it.
SELECT count(*) AS rows, min(extra_distance_per)::text AS extra_distance_per
FROM {conflict}.settings
