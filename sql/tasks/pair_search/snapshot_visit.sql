-- Views mode only (a `mode: views` source mapping, lib/mapping/install.h): the visits of the
-- window ($1 = first day, $2 = last day), read once through the mapping's view into a
-- temporary table, indexed and analyzed by the next steps, which the pair search's files then
-- read as {visits} in place of analytics.visit. Through a view's conversions (a date parsed
-- from text, a flag from 'Y'), the planner can only guess how many rows a filter keeps; its
-- guess, one row, made it nest loops that read the view again for every visit, a search that
-- grew with the square of the visits (docs/performance.md, "Source mapping").
CREATE TEMP TABLE cx_visit ON COMMIT DROP AS
SELECT * FROM {analytics}.visit v WHERE v.visit_date BETWEEN $1::date AND $2::date
