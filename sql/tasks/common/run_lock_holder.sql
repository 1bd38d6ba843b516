-- Which backend holds the advisory lock named $1 in this database (for the Database.Busy
-- message); no row when it was released in the meantime. A bigint key k is shown in pg_locks
-- as classid = k >> 32 and objid = k & 0xffffffff, with objsubid 1.
SELECT min(l.pid) AS pid
FROM pg_locks l
CROSS JOIN LATERAL (SELECT hashtextextended($1::text, 0) AS k) key
WHERE l.locktype = 'advisory'
  AND l.granted
  AND l.objsubid = 1
  AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  AND l.classid::bigint = ((key.k >> 32) & 4294967295)
  AND l.objid::bigint = (key.k & 4294967295)
  AND l.pid <> pg_backend_pid()
HAVING count(*) > 0
