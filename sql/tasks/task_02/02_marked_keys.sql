-- TASK_02: how many distinct SSNs the marked rows hold (a chunk's "num_keys").
SELECT count(DISTINCT ssn) AS keys FROM cx_marked
