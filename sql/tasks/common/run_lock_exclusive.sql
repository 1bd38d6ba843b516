-- The run lock of one conflict schema, exclusive (task_01, task_02, task_03,
-- get_task02_chunks), held until the transaction ends; never waits.
-- $1 = the lock's name (lib/conflict/run_lock.cc), hashed to the advisory lock key.
SELECT pg_try_advisory_xact_lock(hashtextextended($1::text, 0)) AS locked
