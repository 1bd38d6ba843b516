-- Settings for the rest of the task's transaction only (is_local = true):
--   work_mem 64MB         room for the hash tables of the pair search (a parallel hash join
--                         gets it once per process, times hash_mem_multiplier)
--   jit off               on these plans compiling costs more than it saves
--   enable_mergejoin off  the pair search joins on hashes of SSNs, whose selectivity the
--                         planner cannot estimate; it would sort instead of hashing
--   enable_memoize off    caching per-pair lookups keyed on whole rows only costs time
SELECT set_config('work_mem', '64MB', true) AS work_mem,
       set_config('jit', 'off', true) AS jit,
       set_config('enable_mergejoin', 'off', true) AS enable_mergejoin,
       set_config('enable_memoize', 'off', true) AS enable_memoize
