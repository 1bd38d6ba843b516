-- TASK_01, before anything else: the copies a `mode: copy` source mapping made of the user's
-- tables (materialized views of the analytics schema, lib/mapping/install.h), which task_01
-- refreshes one by one. $1 is the analytics schema's name. None without such a mapping.
SELECT matviewname FROM pg_matviews WHERE schemaname = $1 ORDER BY matviewname
