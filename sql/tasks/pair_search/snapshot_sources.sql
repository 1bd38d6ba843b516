-- Views mode: which of the relations the pair search snapshots, analytics.visit,
-- analytics.patient_address and analytics.caregiver ($1 is the analytics schema's name), are
-- views, as a `mode: views`
-- source mapping makes them (lib/mapping/install.h). Plain tables and the materialized views of
-- `mode: copy` have statistics of their own and are read as they are.
SELECT c.relname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind = 'v' AND c.relname IN ('caregiver', 'patient_address', 'visit')
ORDER BY c.relname
