-- Views mode only, around pair_search.sql ($1 'off' before it, 'on' after): no nested-loop
-- joins where another join will do. Over the snapshots the planner still cannot estimate the
-- candidate pairs (their join is on a hash of the SSN and a comparison it does not know),
-- guesses one, and then rescans the addresses for every pair: 100,000 visits took 97 s in
-- the pair search so, and 7 s with hash joins (docs/performance.md, "Source mapping"). The
-- native schema does not need it: there the search runs in parallel workers, on other plans.
SELECT set_config('enable_nestloop', $1, true)
