-- The pair search of TASK_03 (insert mode) and TASK_02 (update mode): every flag and derived
-- field of docs/conflict-rules.md for each candidate pair. cx_pair gets one row per
-- conflicting unordered pair (at least one flag 'Y'); flags and derived fields are symmetric,
-- so each pair is evaluated once and the tasks write it in both orientations (V1 = a or b).
-- It also carries each side's address zip and county (the map rows show them).
--
-- Candidate pairs (a_id < b_id in C order, so "ties by visit_id" means a first):
--   insert mode  the eligible, not missed visits of the window joined on (SSN, visit_date) by
--                the SSN's 64-bit hash (an integer key), the SSN itself compared too
--   update mode  the pairs of the rows TASK_02 marks (same conditions as task_02/01_mark.sql, SSN
--                buckets $5..$6 for a chunk) whose visits are both still eligible, with the
--                same SSN and date, at different providers
-- Per pair:
--   leg         from the earlier visit (by visit_start when both have actuals, else by
--               sch_start, NULL last) to the later one: the earlier visit's point is gps_out,
--               else gps_in, else its address; the later one's gps_in, else gps_out, else its
--               address. A GPS text is "lat,lon" once double quotes are removed, both parts
--               plain decimals within range: one regular expression, without capture groups
--               (fast); more than 300 characters is unknown (a float8 cast could fail on it)
--   address     the provider-side patient's newest primary address whose type contains "GPS"
--               (case-sensitive, as the source system's LIKE '%GPS%': "gps" does not count;
--               newest = greatest created_at, ties: the greatest address_id, C order):
--               fallback point, zip (trimmed, empty = unknown) and county
--   distance    round2(haversine_m / 1609.34 * extra_distance_per), the haversine evaluated as
--               rules.cc does (the same float8 operations in the same order); the float8 ->
--               numeric cast keeps 15 significant digits, round() rounds half away from zero
--   avg_mph     the band with the greatest from_miles <= distance (width_bucket over the
--               bands' lower bounds, sorted)
--   eta         round2(distance * 60 / avg_mph), in numeric: exact
--   minute_diff gap12 if > 0, else gap21 if > 0, else 0, for each orientation
-- Points, distance, speed and ETA are computed only for pairs that need them: those with a
-- flag of rules 1-6 (their rows show the fields) and those where rule 7 can hold (both have
-- actuals and a gap is positive). Elsewhere they stay NULL, and such a pair is no conflict.
--
-- Performance: ONE statement over regular tables only, so that PostgreSQL can run all of it, the
-- join and every expression, in parallel workers. PostgreSQL 15 keeps temporary tables, correlated
-- subqueries and LATERAL subqueries out of parallel workers, and evaluates an expression again
-- wherever it is repeated; the steps below are therefore LATERAL function scans, which do run in
-- the workers and name each intermediate value once per pair. Each step is ONE call,
-- unnest(ARRAY[ROW(...)]) with a column definition list: a function scan costs about 1 µs per call
-- (it stores its result), and one array per value, as this file first had, made 19 calls per pair
-- instead of 5 (the search took 21-32 % longer). The plan is made for the parameters' values (an
-- unnamed statement), so the CASE on $4 in the address joins folds away: in insert mode the joins
-- compare patient_id || '', which keeps them off patient_address's index (hashing all addresses
-- once beats index lookups for every one of the many pairs); in update mode, with few pairs, they
-- use the index; and the update branch fetches its visits by id through LATERAL subqueries (that
-- branch is small and runs in one process anyway). Uncorrelated subqueries (settings, speed bands)
-- run once.
-- {visits}, {addresses} and {eligible_caregivers} are analytics.visit, analytics.patient_address
-- and conflict.eligible_caregiver, or in views mode their snapshots cx_visit (the window's
-- visits), cx_address and cx_caregiver (snapshot_visit.sql; conflict/pair_search.h).
-- conflict.settings holds exactly one row (checked by the caller).
--
-- $1 = first day of the window, $2 = last day, $3 = today, $4 = insert mode,
-- $5/$6 = first/last SSN bucket of a chunk (update mode; NULL: every bucket).
CREATE TEMP TABLE cx_pair ON COMMIT DROP AS
WITH ev AS NOT MATERIALIZED (
  -- eligible visits (in insert mode: not missed); the views: migrations/0002
  SELECT v.visit_id, pe.ssn, pe.ssn_hash, v.visit_date, v.provider_id, v.sch_start, v.sch_end,
         v.visit_start, v.visit_end, v.gps_in, v.gps_out, v.provider_patient_id, v.is_missed
  FROM {visits} v
  JOIN {eligible_caregivers} pe ON pe.caregiver_id = v.caregiver_id
  JOIN {conflict}.eligible_provider ag ON ag.provider_id = v.provider_id
  WHERE v.visit_date BETWEEN $1::date AND $2::date
    AND NOT ($4::boolean AND v.is_missed)
), marked AS NOT MATERIALIZED (
  -- update mode: the marked rows' pairs, unordered (C order), in the default collation again
  -- so that the joins below can use analytics.visit's primary key
  SELECT DISTINCT LEAST(m.visit_id COLLATE "C", m.con_visit_id COLLATE "C") COLLATE "default" AS a_id,
                  GREATEST(m.visit_id COLLATE "C", m.con_visit_id COLLATE "C") COLLATE "default"
                    AS b_id
  FROM {conflict}.conflictvisitmaps m
  WHERE NOT $4::boolean
    AND m.con_visit_id IS NOT NULL
    AND m.visit_id <> m.con_visit_id
    AND m.conflict_id IS NOT NULL
    AND m.visit_date BETWEEN $1::date AND $2::date
    AND m.status_flag NOT IN ('W', 'I')
    AND m.inservice_start IS NULL AND m.inservice_end IS NULL
    AND m.pto_start IS NULL AND m.pto_end IS NULL
    AND m.con_inservice_start IS NULL AND m.con_inservice_end IS NULL
    AND m.con_pto_start IS NULL AND m.con_pto_end IS NULL
    AND ($5::bigint IS NULL
         OR (hashtextextended(m.ssn, 0) & 4095) BETWEEN $5::bigint AND $6::bigint)
), cand AS NOT MATERIALIZED (
  SELECT a.visit_id AS a_id, b.visit_id AS b_id, a.ssn, a.visit_date,
         a.sch_start AS a_sch_start, a.sch_end AS a_sch_end,
         a.visit_start AS a_visit_start, a.visit_end AS a_visit_end,
         a.gps_in AS a_gps_in, a.gps_out AS a_gps_out,
         a.provider_patient_id AS a_patient, a.is_missed AS a_is_missed,
         b.sch_start AS b_sch_start, b.sch_end AS b_sch_end,
         b.visit_start AS b_visit_start, b.visit_end AS b_visit_end,
         b.gps_in AS b_gps_in, b.gps_out AS b_gps_out,
         b.provider_patient_id AS b_patient, b.is_missed AS b_is_missed
  FROM ev a
  JOIN ev b ON b.ssn_hash = a.ssn_hash AND b.visit_date = a.visit_date
  WHERE $4::boolean
    AND a.visit_id COLLATE "C" < b.visit_id COLLATE "C"
    AND a.provider_id <> b.provider_id
    AND a.ssn IS NOT DISTINCT FROM b.ssn  -- (not "=": a join key the planner cannot estimate)
  UNION ALL
  SELECT a.visit_id AS a_id, b.visit_id AS b_id, a.ssn, a.visit_date,
         a.sch_start AS a_sch_start, a.sch_end AS a_sch_end,
         a.visit_start AS a_visit_start, a.visit_end AS a_visit_end,
         a.gps_in AS a_gps_in, a.gps_out AS a_gps_out,
         a.provider_patient_id AS a_patient, a.is_missed AS a_is_missed,
         b.sch_start AS b_sch_start, b.sch_end AS b_sch_end,
         b.visit_start AS b_visit_start, b.visit_end AS b_visit_end,
         b.gps_in AS b_gps_in, b.gps_out AS b_gps_out,
         b.provider_patient_id AS b_patient, b.is_missed AS b_is_missed
  FROM marked k
  -- by id, one index lookup each (OFFSET 0: the planner would otherwise scan every visit)
  CROSS JOIN LATERAL (SELECT * FROM ev WHERE ev.visit_id = k.a_id OFFSET 0) a
  CROSS JOIN LATERAL (SELECT * FROM ev WHERE ev.visit_id = k.b_id OFFSET 0) b
  WHERE NOT $4::boolean
    AND a.ssn = b.ssn
    AND a.visit_date = b.visit_date
    AND a.provider_id <> b.provider_id
), address AS NOT MATERIALIZED (
  -- the newest qualifying address of each patient, written as an anti-join (DISTINCT ON
  -- would keep the join out of the parallel workers). patient_key: see "Performance".
  SELECT CASE WHEN $4::boolean THEN ad.patient_id || '' ELSE ad.patient_id END AS patient_key,
         ad.lat, ad.lon, NULLIF(btrim(ad.zip, ' '), '') AS zip, ad.county
  FROM {addresses} ad
  WHERE ad.is_primary AND ad.address_type LIKE '%GPS%'
    AND NOT EXISTS (SELECT 1 FROM {addresses} nw
                    WHERE CASE WHEN $4::boolean THEN nw.patient_id || '' ELSE nw.patient_id END
                          = ad.patient_id
                      AND nw.is_primary AND nw.address_type LIKE '%GPS%'
                      AND (nw.created_at > ad.created_at
                           OR (nw.created_at = ad.created_at
                               AND nw.address_id COLLATE "C" > ad.address_id COLLATE "C")))
)
SELECT c.a_id, c.b_id, c.ssn, c.visit_date, c.a_is_missed, c.b_is_missed,
       ad.zip AS a_zip, ad.county AS a_county, bd.zip AS b_zip, bd.county AS b_county,
       p.a_point[0] AS a_lat, p.a_point[1] AS a_lon,
       p.b_point[0] AS b_lat, p.b_point[1] AS b_lon,
       d.distance_miles, e.avg_mph, e.eta_minutes,
       CASE WHEN NOT t.both_actuals THEN 0
            WHEN t.gap_ab > 0 THEN t.gap_ab
            WHEN t.gap_ba > 0 THEN t.gap_ba
            ELSE 0 END::integer AS minute_diff_ab,
       CASE WHEN NOT t.both_actuals THEN 0
            WHEN t.gap_ba > 0 THEN t.gap_ba
            WHEN t.gap_ab > 0 THEN t.gap_ab
            ELSE 0 END::integer AS minute_diff_ba,
       CASE WHEN r.f1 THEN 'Y' ELSE 'N' END::char(1) AS same_sch_time_flag,
       CASE WHEN r.f2 THEN 'Y' ELSE 'N' END::char(1) AS same_visit_time_flag,
       CASE WHEN r.f3 THEN 'Y' ELSE 'N' END::char(1) AS sch_and_visit_time_same_flag,
       CASE WHEN r.f4 THEN 'Y' ELSE 'N' END::char(1) AS sch_over_another_sch_time_flag,
       CASE WHEN r.f5 THEN 'Y' ELSE 'N' END::char(1) AS visit_time_over_another_visit_time_flag,
       CASE WHEN r.f6 THEN 'Y' ELSE 'N' END::char(1) AS sch_time_over_visit_time_flag,
       CASE WHEN COALESCE(t.both_actuals AND e.eta_minutes IS NOT NULL
                          AND ((t.gap_ab > 0 AND e.eta_minutes > t.gap_ab)
                               OR (t.gap_ba > 0 AND e.eta_minutes > t.gap_ba))
                          AND COALESCE(ad.zip <> bd.zip, true), false)
            THEN 'Y' ELSE 'N' END::char(1) AS distance_flag
FROM cand c
LEFT JOIN address ad ON ad.patient_key = c.a_patient
LEFT JOIN address bd ON bd.patient_key = c.b_patient
-- t: which sides have actuals; the gaps in whole minutes between times floored to the minute
-- (gap_ab = gap12 of the row (a, b), gap_ba = gap12 of the row (b, a)); whether a is first
CROSS JOIN LATERAL unnest(ARRAY[ROW(
  c.a_visit_start IS NULL AND c.a_visit_end IS NULL
    AND c.b_visit_start IS NULL AND c.b_visit_end IS NULL,
  c.a_visit_start IS NOT NULL AND c.a_visit_end IS NOT NULL
    AND c.b_visit_start IS NOT NULL AND c.b_visit_end IS NOT NULL,
  c.a_visit_start IS NULL AND c.a_visit_end IS NULL
    AND c.b_visit_start IS NOT NULL AND c.b_visit_end IS NOT NULL,
  c.a_visit_start IS NOT NULL AND c.a_visit_end IS NOT NULL
    AND c.b_visit_start IS NULL AND c.b_visit_end IS NULL,
  (date_part('epoch', date_trunc('minute', c.b_visit_start)
                      - date_trunc('minute', c.a_visit_end)) / 60)::bigint,
  (date_part('epoch', date_trunc('minute', c.a_visit_start)
                      - date_trunc('minute', c.b_visit_end)) / 60)::bigint,
  CASE WHEN c.a_visit_start IS NOT NULL AND c.a_visit_end IS NOT NULL
            AND c.b_visit_start IS NOT NULL AND c.b_visit_end IS NOT NULL
       THEN c.a_visit_start <= c.b_visit_start
       ELSE COALESCE(c.b_sch_start IS NULL OR c.a_sch_start <= c.b_sch_start, false)
  END
)]) AS t(neither boolean, both_actuals boolean, a_planned boolean, b_planned boolean, gap_ab bigint,
          gap_ba bigint, a_first boolean)
-- r: rules 1-6 (a NULL bound makes "same" and "overlap" false: COALESCE(..., false); a_planned
-- = S(a) against A(b), b_planned = S(b) against A(a)), and whether the pair's places matter:
-- it has one of these flags (its rows show distance and speed), or rule 7 can hold (both have
-- actuals and a gap is positive). The six conditions are repeated in "need" on purpose (one
-- step less per pair).
CROSS JOIN LATERAL unnest(ARRAY[ROW(
  COALESCE(t.neither AND ($4::boolean IS FALSE OR c.visit_date >= $3::date)
           AND c.a_sch_start = c.b_sch_start AND c.a_sch_end = c.b_sch_end, false),
  COALESCE(t.both_actuals
           AND c.a_visit_start = c.b_visit_start AND c.a_visit_end = c.b_visit_end,
           false),
  COALESCE((t.a_planned
            AND c.a_sch_start = c.b_visit_start AND c.a_sch_end = c.b_visit_end)
           OR (t.b_planned
               AND c.b_sch_start = c.a_visit_start AND c.b_sch_end = c.a_visit_end),
           false),
  COALESCE(t.neither AND ($4::boolean IS FALSE OR c.visit_date >= $3::date)
           AND c.a_sch_start < c.b_sch_end AND c.a_sch_end > c.b_sch_start
           AND NOT (c.a_sch_start = c.b_sch_start AND c.a_sch_end = c.b_sch_end),
           false),
  COALESCE(t.both_actuals
           AND c.a_visit_start < c.b_visit_end AND c.a_visit_end > c.b_visit_start
           AND NOT (c.a_visit_start = c.b_visit_start AND c.a_visit_end = c.b_visit_end),
           false),
  COALESCE((t.a_planned
            AND c.a_sch_start < c.b_visit_end AND c.a_sch_end > c.b_visit_start
            AND NOT (c.a_sch_start = c.b_visit_start AND c.a_sch_end = c.b_visit_end))
           OR (t.b_planned
               AND c.b_sch_start < c.a_visit_end AND c.b_sch_end > c.a_visit_start
               AND NOT (c.b_sch_start = c.a_visit_start AND c.b_sch_end = c.a_visit_end)),
           false),
  (t.both_actuals AND (t.gap_ab > 0 OR t.gap_ba > 0))
  OR COALESCE(t.neither AND ($4::boolean IS FALSE OR c.visit_date >= $3::date)
           AND c.a_sch_start = c.b_sch_start AND c.a_sch_end = c.b_sch_end, false)
  OR COALESCE(t.both_actuals
           AND c.a_visit_start = c.b_visit_start AND c.a_visit_end = c.b_visit_end,
           false)
  OR COALESCE((t.a_planned
            AND c.a_sch_start = c.b_visit_start AND c.a_sch_end = c.b_visit_end)
           OR (t.b_planned
               AND c.b_sch_start = c.a_visit_start AND c.b_sch_end = c.a_visit_end),
           false)
  OR COALESCE(t.neither AND ($4::boolean IS FALSE OR c.visit_date >= $3::date)
           AND c.a_sch_start < c.b_sch_end AND c.a_sch_end > c.b_sch_start
           AND NOT (c.a_sch_start = c.b_sch_start AND c.a_sch_end = c.b_sch_end),
           false)
  OR COALESCE(t.both_actuals
           AND c.a_visit_start < c.b_visit_end AND c.a_visit_end > c.b_visit_start
           AND NOT (c.a_visit_start = c.b_visit_start AND c.a_visit_end = c.b_visit_end),
           false)
  OR COALESCE((t.a_planned
            AND c.a_sch_start < c.b_visit_end AND c.a_sch_end > c.b_visit_start
            AND NOT (c.a_sch_start = c.b_visit_start AND c.a_sch_end = c.b_visit_end))
           OR (t.b_planned
               AND c.b_sch_start < c.a_visit_end AND c.b_sch_end > c.a_visit_start
               AND NOT (c.b_sch_start = c.a_visit_start AND c.b_sch_end = c.a_visit_end)),
           false)
)]) AS r(f1 boolean, f2 boolean, f3 boolean, f4 boolean, f5 boolean, f6 boolean, need boolean)
-- p: each side's point on the leg (NULL: unknown, or not needed): the earlier visit departs
-- (gps_out, else gps_in, else its address), the later one arrives (gps_in, else gps_out, else
-- its address). A text is tried only when the one before it is not valid.
CROSS JOIN LATERAL unnest(ARRAY[ROW(
  CASE WHEN NOT r.need THEN NULL
       WHEN length((CASE WHEN t.a_first THEN c.a_gps_out ELSE c.a_gps_in END)) <= 300
            AND replace((CASE WHEN t.a_first THEN c.a_gps_out ELSE c.a_gps_in END), '"', '') ~ '^[ \t\n\v\f\r]*[+-]?(?:0*(?:[0-8]?[0-9](?:[.][0-9]*)?|90(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*,[ \t\n\v\f\r]*[+-]?(?:0*(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:[.][0-9]*)?|180(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*$'
       THEN point(split_part(replace((CASE WHEN t.a_first THEN c.a_gps_out ELSE c.a_gps_in END), '"', ''), ',', 1)::float8,
                  split_part(replace((CASE WHEN t.a_first THEN c.a_gps_out ELSE c.a_gps_in END), '"', ''), ',', 2)::float8)
       WHEN length((CASE WHEN t.a_first THEN c.a_gps_in ELSE c.a_gps_out END)) <= 300
            AND replace((CASE WHEN t.a_first THEN c.a_gps_in ELSE c.a_gps_out END), '"', '') ~ '^[ \t\n\v\f\r]*[+-]?(?:0*(?:[0-8]?[0-9](?:[.][0-9]*)?|90(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*,[ \t\n\v\f\r]*[+-]?(?:0*(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:[.][0-9]*)?|180(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*$'
       THEN point(split_part(replace((CASE WHEN t.a_first THEN c.a_gps_in ELSE c.a_gps_out END), '"', ''), ',', 1)::float8,
                  split_part(replace((CASE WHEN t.a_first THEN c.a_gps_in ELSE c.a_gps_out END), '"', ''), ',', 2)::float8)
       WHEN ad.lat IS NOT NULL AND ad.lon IS NOT NULL
       THEN point(ad.lat::float8, ad.lon::float8)
  END,
  CASE WHEN NOT r.need THEN NULL
       WHEN length((CASE WHEN t.a_first THEN c.b_gps_in ELSE c.b_gps_out END)) <= 300
            AND replace((CASE WHEN t.a_first THEN c.b_gps_in ELSE c.b_gps_out END), '"', '') ~ '^[ \t\n\v\f\r]*[+-]?(?:0*(?:[0-8]?[0-9](?:[.][0-9]*)?|90(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*,[ \t\n\v\f\r]*[+-]?(?:0*(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:[.][0-9]*)?|180(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*$'
       THEN point(split_part(replace((CASE WHEN t.a_first THEN c.b_gps_in ELSE c.b_gps_out END), '"', ''), ',', 1)::float8,
                  split_part(replace((CASE WHEN t.a_first THEN c.b_gps_in ELSE c.b_gps_out END), '"', ''), ',', 2)::float8)
       WHEN length((CASE WHEN t.a_first THEN c.b_gps_out ELSE c.b_gps_in END)) <= 300
            AND replace((CASE WHEN t.a_first THEN c.b_gps_out ELSE c.b_gps_in END), '"', '') ~ '^[ \t\n\v\f\r]*[+-]?(?:0*(?:[0-8]?[0-9](?:[.][0-9]*)?|90(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*,[ \t\n\v\f\r]*[+-]?(?:0*(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:[.][0-9]*)?|180(?:[.]0*)?)|[.][0-9]+)[ \t\n\v\f\r]*$'
       THEN point(split_part(replace((CASE WHEN t.a_first THEN c.b_gps_out ELSE c.b_gps_in END), '"', ''), ',', 1)::float8,
                  split_part(replace((CASE WHEN t.a_first THEN c.b_gps_out ELSE c.b_gps_in END), '"', ''), ',', 2)::float8)
       WHEN bd.lat IS NOT NULL AND bd.lon IS NOT NULL
       THEN point(bd.lat::float8, bd.lon::float8)
  END
)]) AS p(a_point point, b_point point)
-- d: the leg runs from p1 (the earlier visit's point) to p2. a = sin²(Δφ/2) + cos φ1 · cos φ2
-- · sin²(Δλ/2), multiplied out as rules.cc does (each sine computed twice: the same value; a
-- written twice: the same value); distance = round2(2 R asin(√a) / 1609.34 ·
-- extra_distance_per). a > 1 (by rounding, for nearly antipodal points) leaves asin undefined
-- and the distance unknown.
CROSS JOIN LATERAL unnest(ARRAY[ROW(
  CASE WHEN (sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0]) / 2) * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0]) / 2)
             + cos(radians((CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0])) * cos(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0]))
               * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[1] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[1]) / 2) * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[1] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[1]) / 2)) <= 1
       THEN round((2 * 6371000
                   * asin(sqrt((sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0]) / 2) * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0]) / 2)
             + cos(radians((CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[0])) * cos(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[0]))
               * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[1] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[1]) / 2) * sin(radians((CASE WHEN t.a_first THEN p.b_point ELSE p.a_point END)[1] - (CASE WHEN t.a_first THEN p.a_point ELSE p.b_point END)[1]) / 2))))
                   / 1609.34::float8
                   * (SELECT s.extra_distance_per::float8
                      FROM {conflict}.settings s))::numeric, 2)
  END::numeric(12,2)
)]) AS d(distance_miles numeric)
-- e: the speed band (the greatest from_miles <= distance) and the ETA
CROSS JOIN LATERAL unnest(ARRAY[ROW(
  (SELECT array_agg(m.avg_mph ORDER BY m.from_miles) FROM {conflict}.mph m)
    [width_bucket(d.distance_miles,
                  (SELECT array_agg(m.from_miles::numeric ORDER BY m.from_miles)
                   FROM {conflict}.mph m))],
  round(d.distance_miles * 60
        / (SELECT array_agg(m.avg_mph ORDER BY m.from_miles) FROM {conflict}.mph m)
            [width_bucket(d.distance_miles,
                          (SELECT array_agg(m.from_miles::numeric ORDER BY m.from_miles)
                           FROM {conflict}.mph m))], 2)::numeric(12,2)
)]) AS e(avg_mph integer, eta_minutes numeric)
WHERE r.f1 OR r.f2 OR r.f3 OR r.f4 OR r.f5 OR r.f6
   -- rule 7: both have actuals, the ETA exceeds a positive gap, the zips differ or one is
   -- unknown (repeated in the select list)
   OR COALESCE(t.both_actuals AND e.eta_minutes IS NOT NULL
               AND ((t.gap_ab > 0 AND e.eta_minutes > t.gap_ab)
                    OR (t.gap_ba > 0 AND e.eta_minutes > t.gap_ba))
               AND COALESCE(ad.zip <> bd.zip, true), false)
