-- Schema version 1: the lean data model (docs/database.md, "Schema and versions").
-- {analytics} and {conflict} are replaced by the configured schema names, quoted as
-- identifiers (db/sql_template.h); nothing else is substituted. Applied by `conflictctl db init`
-- in one transaction, after which conflict.schema_version holds 1.
--
-- Times: every timestamp is `timestamp without time zone` holding UTC wall time, converted
-- once at load time (§2.1): no comparison ever goes through a session time zone.

CREATE SCHEMA IF NOT EXISTS {analytics};
CREATE SCHEMA IF NOT EXISTS {conflict};

-- ---------------------------------------------------------------- source (analytics) side

CREATE TABLE {analytics}.provider (
  provider_id        text PRIMARY KEY,
  app_provider_id    text NOT NULL,
  name               text NOT NULL,
  federal_tax_number text,
  phone              text,
  is_active          boolean NOT NULL DEFAULT true,
  is_demo            boolean NOT NULL DEFAULT false
);

CREATE TABLE {analytics}.caregiver (
  caregiver_id     text PRIMARY KEY,
  app_caregiver_id text NOT NULL,
  provider_id      text,            -- the agency this worker record belongs to
  ssn              text,            -- trimmed; NULL or blank = unusable (§1)
  code             text,
  first_name       text,
  last_name        text,
  status           text
);
CREATE INDEX caregiver_ssn_idx ON {analytics}.caregiver (ssn);

CREATE TABLE {analytics}.payer (
  payer_id     text PRIMARY KEY,
  app_payer_id text NOT NULL,
  name         text NOT NULL,
  state        text,
  is_active    boolean NOT NULL DEFAULT true,
  is_demo      boolean NOT NULL DEFAULT false
);

CREATE TABLE {analytics}.contract (
  contract_id     text PRIMARY KEY,
  app_contract_id text,
  name            text NOT NULL,
  is_active       boolean NOT NULL DEFAULT true
);

CREATE TABLE {analytics}.office (
  office_id     text PRIMARY KEY,
  app_office_id text,
  name          text,
  is_active     boolean NOT NULL DEFAULT true
);

-- Provider-side patient addresses: the newest primary address whose type contains 'GPS'
-- gives a visit's fallback coordinates, its zip (rule 7) and county.
CREATE TABLE {analytics}.patient_address (
  address_id   text PRIMARY KEY,
  patient_id   text NOT NULL,       -- a visit's provider_patient_id
  lat          numeric(12,8),
  lon          numeric(12,8),
  zip          text,
  county       text,
  is_primary   boolean NOT NULL DEFAULT false,
  address_type text,
  created_at   timestamp NOT NULL
);
CREATE INDEX patient_address_patient_idx ON {analytics}.patient_address (patient_id);

CREATE TABLE {analytics}.service_code (
  service_code_id     text PRIMARY KEY,
  app_service_code_id text,
  code                text
);

CREATE TABLE {analytics}.payer_provider (
  payer_id        text NOT NULL,
  provider_id     text NOT NULL,
  app_payer_id    text,
  app_provider_id text,
  PRIMARY KEY (payer_id, provider_id)
);

CREATE TABLE {analytics}.deleted_visit (
  visit_id text PRIMARY KEY
);

CREATE TABLE {analytics}.inservice (
  inservice_id text NOT NULL,
  environment  text NOT NULL DEFAULT '',
  caregiver_id text NOT NULL,
  provider_id  text NOT NULL,
  office_id    text,
  start_ts     timestamp NOT NULL,
  end_ts       timestamp NOT NULL,
  PRIMARY KEY (inservice_id, environment)
);

CREATE TABLE {analytics}.absence (
  vacation_id  text NOT NULL,
  environment  text NOT NULL DEFAULT '',
  caregiver_id text NOT NULL,
  provider_id  text NOT NULL,
  office_id    text,
  start_ts     timestamp NOT NULL,
  end_ts       timestamp NOT NULL,
  PRIMARY KEY (vacation_id, environment)
);

-- One shift of one caregiver for one patient at one agency on one date (§2.1).
CREATE TABLE {analytics}.visit (
  visit_id                text PRIMARY KEY,
  app_visit_id            text NOT NULL,
  visit_date              date NOT NULL,
  provider_id             text NOT NULL,
  app_provider_id         text NOT NULL,
  caregiver_id            text NOT NULL,
  app_caregiver_id        text NOT NULL,
  office_id               text,
  app_office_id           text,
  payer_id                text,
  app_payer_id            text,
  contract_id             text,
  app_contract_id         text,
  patient_id              text,
  provider_patient_id     text,
  app_provider_patient_id text,
  payer_patient_id        text,
  app_payer_patient_id    text,
  service_code_id         text,
  sch_start               timestamp,
  sch_end                 timestamp,
  visit_start             timestamp,
  visit_end               timestamp,
  evv_start               timestamp,
  evv_end                 timestamp,
  gps_in                  text,     -- "lat,lon", possibly double-quoted; "," = empty
  gps_out                 text,
  is_missed               boolean NOT NULL DEFAULT false,
  billed                  text,     -- 'yes' / 'no'
  bill_type               text,     -- Hourly / Daily / Visit
  billed_hours            numeric(10,2),
  billed_rate             numeric(12,2),
  bill_rate_non_billed    numeric(12,2),
  invoice_date            timestamp
);
CREATE INDEX visit_caregiver_date_idx ON {analytics}.visit (caregiver_id, visit_date);
CREATE INDEX visit_date_idx ON {analytics}.visit (visit_date);

-- ---------------------------------------------------------------- conflict side

CREATE TABLE {conflict}.schema_version (
  version     integer PRIMARY KEY,
  description text NOT NULL,
  applied_at  timestamp NOT NULL
);

-- Exactly one row (id 0): it is read by every pair computation.
CREATE TABLE {conflict}.settings (
  id                     integer PRIMARY KEY DEFAULT 0 CHECK (id = 0),
  extra_distance_per     numeric(38,2) NOT NULL DEFAULT 1.00,
  in_progress_flag       integer,
  last_load_date         timestamp,
  no_response_limit_time integer
);

-- Average speed by distance band; the band used is the one with the greatest from_miles
-- not above the distance (§3.3), so bands cannot leave gaps.
CREATE TABLE {conflict}.mph (
  id         serial PRIMARY KEY,
  type       text,
  from_miles integer NOT NULL UNIQUE,
  to_miles   integer,
  avg_mph    integer NOT NULL CHECK (avg_mph > 0)
);

CREATE TABLE {conflict}.excluded_agency (
  id              serial PRIMARY KEY,
  provider_id     text,
  app_provider_id text,
  agency_name     text
);

CREATE TABLE {conflict}.excluded_ssn (
  id  serial PRIMARY KEY,
  ssn text NOT NULL
);

CREATE TABLE {conflict}.payer_provider_reminders (
  id              bigserial PRIMARY KEY,
  payer_id        text NOT NULL,
  provider_id     text NOT NULL,
  app_payer_id    text,
  app_provider_id text,
  contract        text,
  provider_name   text,
  created_at      timestamp NOT NULL,
  number_of_days  integer,
  UNIQUE (payer_id, provider_id)
);

-- One status row per ConflictID (all map rows of one V1 visit).
CREATE TABLE {conflict}.conflicts (
  conflict_id      bigint PRIMARY KEY,
  status_flag      char(1) NOT NULL DEFAULT 'U' CHECK (status_flag IN ('U','R','D','N','W','I')),
  recorded_at      timestamp,
  created_date     timestamp NOT NULL,
  resolve_date     timestamp,
  resolved_by      text,
  no_response_flag text,
  flag_for_review  text,
  updated_r_flag   text
);

-- One row per ordered conflicting pair (V1, V2): V1 in the plain columns, V2 in con_*.
CREATE TABLE {conflict}.conflictvisitmaps (
  id                    bigserial PRIMARY KEY,
  conflict_id           bigint,
  group_id              bigint,
  ssn                   text NOT NULL,
  visit_date            date NOT NULL,

  visit_id              text NOT NULL,
  app_visit_id          text,
  provider_id           text,
  app_provider_id       text,
  provider_name         text,
  caregiver_id          text,
  app_caregiver_id      text,
  office_id             text,
  payer_id              text,
  app_payer_id          text,
  contract              text,
  patient_id            text,
  service_code          text,
  sch_start             timestamp,
  sch_end               timestamp,
  visit_start           timestamp,
  visit_end             timestamp,
  evv_start             timestamp,
  evv_end               timestamp,
  lat                   numeric(12,8),
  lon                   numeric(12,8),
  zip                   text,
  county                text,
  billed                text,
  billed_hours          numeric(10,2),
  bill_rate_both        numeric(12,2),
  rate_type             text,
  is_missed             boolean,
  inservice_start       timestamp,
  inservice_end         timestamp,
  pto_start             timestamp,
  pto_end               timestamp,

  con_visit_id          text,
  con_app_visit_id      text,
  con_provider_id       text,
  con_app_provider_id   text,
  con_provider_name     text,
  con_caregiver_id      text,
  con_app_caregiver_id  text,
  con_office_id         text,
  con_payer_id          text,
  con_app_payer_id      text,
  con_contract          text,
  con_patient_id        text,
  con_service_code      text,
  con_sch_start         timestamp,
  con_sch_end           timestamp,
  con_visit_start       timestamp,
  con_visit_end         timestamp,
  con_evv_start         timestamp,
  con_evv_end           timestamp,
  con_lat               numeric(12,8),
  con_lon               numeric(12,8),
  con_zip               text,
  con_county            text,
  con_billed            text,
  con_billed_hours      numeric(10,2),
  con_bill_rate_both    numeric(12,2),
  con_rate_type         text,
  con_is_missed         boolean,
  con_inservice_start   timestamp,
  con_inservice_end     timestamp,
  con_pto_start         timestamp,
  con_pto_end           timestamp,
  con_no_response_flag  text,

  minute_diff           integer,        -- whole minutes (§3.3 Decision)
  distance_miles        numeric(12,2),
  avg_mph               integer,
  eta_minutes           numeric(12,2),

  same_sch_time_flag                      char(1) NOT NULL DEFAULT 'N',  -- rule 1
  same_visit_time_flag                    char(1) NOT NULL DEFAULT 'N',  -- rule 2
  sch_and_visit_time_same_flag            char(1) NOT NULL DEFAULT 'N',  -- rule 3
  sch_over_another_sch_time_flag          char(1) NOT NULL DEFAULT 'N',  -- rule 4
  visit_time_over_another_visit_time_flag char(1) NOT NULL DEFAULT 'N',  -- rule 5
  sch_time_over_visit_time_flag           char(1) NOT NULL DEFAULT 'N',  -- rule 6
  distance_flag                           char(1) NOT NULL DEFAULT 'N',  -- rule 7
  in_service_flag                         char(1) NOT NULL DEFAULT 'N',
  pto_flag                                char(1) NOT NULL DEFAULT 'N',

  status_flag           char(1) NOT NULL DEFAULT 'U' CHECK (status_flag IN ('U','R','D','N','W','I')),
  resolve_date          timestamp,
  resolved_by           text,
  update_flag           smallint,
  updated_at            timestamp,
  created_at            timestamp NOT NULL,

  CONSTRAINT conflictvisitmaps_pair_key UNIQUE (visit_id, con_visit_id)
);
CREATE INDEX conflictvisitmaps_date_idx ON {conflict}.conflictvisitmaps (visit_date);
CREATE INDEX conflictvisitmaps_ssn_date_idx ON {conflict}.conflictvisitmaps (ssn, visit_date);
CREATE INDEX conflictvisitmaps_conflict_idx ON {conflict}.conflictvisitmaps (conflict_id);
CREATE INDEX conflictvisitmaps_con_visit_idx ON {conflict}.conflictvisitmaps (con_visit_id);
-- The SSN bucket of TASK_02's chunks (lib/conflict/chunks.h): a chunk reads its rows by
-- bucket range. The expression must stay exactly as the task SQL writes it.
CREATE INDEX conflictvisitmaps_ssn_bucket_idx
  ON {conflict}.conflictvisitmaps ((hashtextextended(ssn, 0) & 4095));
-- Rows still carrying an update_flag (TASK_02 clears them all): normally none.
CREATE INDEX conflictvisitmaps_update_flag_idx
  ON {conflict}.conflictvisitmaps (id) WHERE update_flag IS NOT NULL;

-- TASK_01's "before" image: map rows of the window whose conflict exists; status_flag is the
-- conflict's status and con_status_flag the row's own (§2.2). No keys: it is a snapshot.
CREATE TABLE {conflict}.conflictvisitmaps_temp
  (LIKE {conflict}.conflictvisitmaps INCLUDING DEFAULTS);
ALTER TABLE {conflict}.conflictvisitmaps_temp ALTER COLUMN id DROP DEFAULT;
ALTER TABLE {conflict}.conflictvisitmaps_temp ADD COLUMN con_status_flag char(1);

-- The single settings row, with its defaults, so that a freshly initialised database is usable;
-- `conflictctl db seed` may update it.
INSERT INTO {conflict}.settings (id) VALUES (0);
