-- Views mode: statistics for cx_visit, which the planner's estimates (and joins) follow.
ANALYZE cx_visit
