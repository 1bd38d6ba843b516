#pragma once
// The temporary tables cx_* that the steps of a task share: the contract between the files of
// sql/tasks/, written once. Each is made by CREATE TEMP TABLE … ON COMMIT DROP in one step of
// a run and is gone when the task's transaction ends; a step reads only tables that earlier
// steps of the same run made. cx_rows is the one table with two makers, one per task: the pair
// search (conflict/pair_search.h) runs the task's own rows step between its first two steps,
// and everything after it reads cx_rows the same way in both tasks.
//
// Files are relative to sql/tasks/; the steps are those of the task's step list
// (conflict/task_02_refresh.h, conflict/task_03.h, conflict/pair_search.h). Columns are listed
// in their order; the SQL that makes a table defines them. temp_tables_test.cc checks the
// makers and readers below against the SQL, so this list cannot go stale unnoticed.
#include <array>
#include <string_view>

namespace conflictctl::conflict::temp_tables {

struct TempTable {
  std::string_view name;
  std::string_view columns;
  std::string_view holds;    // what one row is
  std::string_view made_by;  // the file(s) that make it, space-separated
  std::string_view read_by;  // the files that read it, space-separated
};

// TASK_02 only.
inline constexpr TempTable kMarked{
    .name = "cx_marked",
    .columns = "id, conflict_id, visit_id, con_visit_id, ssn, status_flag, resolve_date, "
               "a_id, b_id",
    .holds = "a map row this TASK_02 run re-evaluates (the mark); a_id < b_id (C order) is its "
             "pair, unordered. The update mode of pair_search.sql repeats the mark's conditions "
             "instead of reading this table (a temporary table would keep that statement out "
             "of parallel workers), and so does chunks/01_bucket_rows.sql, which counts them",
    .made_by = "task_02/01_mark.sql",
    .read_by = "task_02/02_marked_keys.sql task_02/04_redetected_rows.sql "
               "task_02/08_redetected_session_rows.sql task_02/09_refresh.sql "
               "task_02/10_session_refresh.sql task_02/11_resolve.sql task_02/13_roll_up.sql"};

// The pair search, TASK_02 and TASK_03.
inline constexpr TempTable kVisitSnapshot{
    .name = "cx_visit",
    .columns = "every column of analytics.visit",
    .holds = "views mode only (analytics.visit is the view of a `mode: views` source "
             "mapping): a visit of the window, read once through the view, indexed by visit_id "
             "and analyzed; the pair search's files read it as {visits} (conflict/pair_search.h)",
    .made_by = "pair_search/snapshot_visit.sql",
    .read_by = "pair_search/snapshot_visit_analyze.sql pair_search/snapshot_visit_index.sql"};

inline constexpr TempTable kAddressSnapshot{
    .name = "cx_address",
    .columns = "every column of analytics.patient_address",
    .holds = "views mode only: an address, read once through the mapping's view, indexed by "
             "patient_id and analyzed; pair_search.sql reads it as {addresses}",
    .made_by = "pair_search/snapshot_address.sql",
    .read_by = "pair_search/snapshot_address_analyze.sql pair_search/snapshot_address_index.sql"};

inline constexpr TempTable kCaregiverSnapshot{
    .name = "cx_caregiver",
    .columns = "every column of conflict.eligible_caregiver",
    .holds = "views mode only: an eligible caregiver, read once through the mapping's caregiver "
             "view, indexed by caregiver_id and analyzed; the pair search's files read it as "
             "{eligible_caregivers}",
    .made_by = "pair_search/snapshot_caregiver.sql",
    .read_by = "pair_search/snapshot_caregiver_analyze.sql "
               "pair_search/snapshot_caregiver_index.sql"};

inline constexpr TempTable kPair{
    .name = "cx_pair",
    .columns = "a_id, b_id, ssn, visit_date, a_is_missed, b_is_missed, a_zip, a_county, b_zip, "
               "b_county, a_lat, a_lon, b_lat, b_lon, distance_miles, avg_mph, eta_minutes, "
               "minute_diff_ab, minute_diff_ba, the seven flags (same_sch_time_flag … "
               "distance_flag)",
    .holds = "a conflicting pair, unordered (a_id < b_id, C order): its flags and derived "
             "fields, both sides' points, zips and counties, and the minute_diff of each "
             "orientation (_ab: the row whose V1 is a)",
    .made_by = "pair_search/pair_search.sql",
    .read_by = "task_02/04_redetected_rows.sql task_02/09_refresh.sql task_03/02_new_rows.sql "
               "task_03/11_insert.sql"};

inline constexpr TempTable kRows{
    .name = "cx_rows",
    .columns = "id, visit_id, con_visit_id, a_id, b_id, v1_is_a",
    .holds = "a seven-rule map row the task is about to write, one orientation of a cx_pair "
             "pair (v1_is_a: its V1 is the pair's a side). TASK_02: a marked row whose pair "
             "was re-detected (id: the map row's); TASK_03: a new row (id NULL)",
    .made_by = "task_02/04_redetected_rows.sql task_03/02_new_rows.sql",
    .read_by = "pair_search/describe.sql task_02/09_refresh.sql task_02/11_resolve.sql "
               "task_03/07_conflict_ids.sql task_03/08_group_edges.sql task_03/11_insert.sql"};

inline constexpr TempTable kSessionPair{
    .name = "cx_session_pair",
    .columns = "kind, visit_id, session_id, ssn, visit_date, session_date, provider_id, "
               "app_provider_id, provider_name, caregiver_id, app_caregiver_id, office_id, "
               "start_ts, end_ts",
    .holds = "an in-service or PTO meeting (kind 'inservice' or 'pto'): a visit and a session "
             "of the same SSN at another agency, with the session's side of the map row",
    .made_by = "pair_search/session_search.sql",
    .read_by = "pair_search/describe.sql pair_search/session_rows.sql"};

inline constexpr TempTable kSide{
    .name = "cx_side",
    .columns = "visit_id, app_visit_id, provider_id, app_provider_id, provider_name, "
               "caregiver_id, app_caregiver_id, office_id, payer_id, app_payer_id, contract, "
               "patient_id, service_code, sch_start, sch_end, visit_start, visit_end, "
               "evv_start, evv_end, billed, billed_hours, bill_rate_both, rate_type, is_missed, "
               "is_deleted",
    .holds = "a visit of cx_rows (either side) or of cx_session_pair, with the descriptive "
             "columns a map row shows for it",
    .made_by = "pair_search/describe.sql",
    .read_by = "pair_search/session_rows.sql task_02/09_refresh.sql task_03/07_conflict_ids.sql "
               "task_03/11_insert.sql"};

inline constexpr TempTable kSessionRow{
    .name = "cx_session_row",
    .columns = "the map columns a session row sets, as 06_session_insert.sql inserts them (ssn, "
               "visit_date, visit_id … is_missed, inservice_start/end, pto_start/end, "
               "con_visit_id … con_pto_end, in_service_flag, pto_flag), and side_deleted",
    .holds = "a map row of a meeting, in one orientation (two per cx_session_pair row); "
             "side_deleted: a side's id is in analytics.deleted_visit",
    .made_by = "pair_search/session_rows.sql",
    .read_by = "task_02/08_redetected_session_rows.sql task_02/10_session_refresh.sql "
               "task_02/11_resolve.sql task_03/06_session_insert.sql"};

// TASK_03 only.
inline constexpr TempTable kConflictIds{
    .name = "cx_cid",
    .columns = "visit_id, app_visit_id, conflict_id, is_new",
    .holds = "the ConflictID of a (visit_id, app_visit_id) that needs one: a new row's V1 or a "
             "map row still without one; is_new: numbered by this run, not inherited",
    .made_by = "task_03/07_conflict_ids.sql",
    .read_by = "task_03/11_insert.sql task_03/12_fill_conflict_ids.sql "
               "task_03/14_new_conflicts.sql task_03/15_new_conflict_ids.sql"};

inline constexpr TempTable kGroup{
    .name = "cx_group",
    .columns = "visit_id (primary key), group_id",
    .holds = "a visit whose rows get another GroupID; filled by step 10 group_copy, a COPY of "
             "the components conflict/group_ids.h computes (task_03.cc)",
    .made_by = "task_03/09_group_table.sql",
    .read_by = "task_03/11_insert.sql task_03/13_update_groups.sql"};

// In the order a run makes them.
inline constexpr std::array kAll{kMarked,    kVisitSnapshot, kAddressSnapshot, kCaregiverSnapshot,
                                 kPair,      kRows,          kSessionPair,     kSide,
                                 kSessionRow, kConflictIds,  kGroup};

}  // namespace conflictctl::conflict::temp_tables
