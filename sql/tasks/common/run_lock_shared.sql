-- The run lock of one conflict schema, shared (process_task02_chunk: chunks run side by side,
-- never beside an exclusive holder), held until the transaction ends; never waits.
-- $1 = the lock's name (lib/conflict/run_lock.cc), hashed to the advisory lock key.
SELECT pg_try_advisory_xact_lock_shared(hashtextextended($1::text, 0)) AS locked
