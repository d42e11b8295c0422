#include "data/spatialite/migrations.h"

#include "data/error.h"
#include "data/sqlite/database.h"

#include <string>

namespace breathline::data::spatialite {

namespace {

// Migration 1: spatial metadata, the registry (forms 第1号/第2号/第3号),
// supporters, contacts and the facility catalogue (Toshima seed, section II).
// Geometry is EPSG:4326; EPSG:6677 is registered for metric work and exports.
constexpr std::string_view k_migration_1 = R"SQL(
SELECT InitSpatialMetadata(0, 'NONE');
SELECT InsertEpsgSrid(4326);
SELECT InsertEpsgSrid(6677);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE persons (
  id                        INTEGER PRIMARY KEY,
  external_id               TEXT NOT NULL UNIQUE,
  name                      TEXT NOT NULL,
  name_kana                 TEXT,
  sex                       TEXT NOT NULL DEFAULT 'unknown'
                            CHECK (sex IN ('male','female','other','unknown')),
  birth_date                TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  postal_code               TEXT,
  address                   TEXT,
  address_normalized        TEXT,
  town                      TEXT,
  phone_home                TEXT,
  phone_mobile              TEXT,
  disease                   TEXT,
  care_situation            TEXT,
  uses_ventilator           INTEGER NOT NULL DEFAULT 0 CHECK (uses_ventilator IN (0,1)),
  ventilator_mode           TEXT CHECK (ventilator_mode IN ('TPPV','NPPV')),
  ventilator_hours_per_day  REAL CHECK (ventilator_hours_per_day BETWEEN 0 AND 24),
  ventilator_model          TEXT,
  internal_battery          INTEGER CHECK (internal_battery IN (0,1)),
  internal_battery_h        REAL CHECK (internal_battery_h >= 0),
  external_battery          INTEGER CHECK (external_battery IN (0,1)),
  external_battery_h        REAL CHECK (external_battery_h >= 0),
  suction_internal_battery  INTEGER CHECK (suction_internal_battery IN (0,1)),
  suction_non_electric      INTEGER CHECK (suction_non_electric IN (0,1)),
  resuscitation_bag         INTEGER CHECK (resuscitation_bag IN (0,1)),
  home_oxygen               INTEGER NOT NULL DEFAULT 0 CHECK (home_oxygen IN (0,1)),
  oxygen_flow_l_min         REAL CHECK (oxygen_flow_l_min > 0),
  oxygen_hours_per_day      REAL CHECK (oxygen_hours_per_day BETWEEN 0 AND 24),
  infusion_pump             INTEGER NOT NULL DEFAULT 0 CHECK (infusion_pump IN (0,1)),
  pulse_oximeter            INTEGER NOT NULL DEFAULT 0 CHECK (pulse_oximeter IN (0,1)),
  low_pressure_suction      INTEGER NOT NULL DEFAULT 0 CHECK (low_pressure_suction IN (0,1)),
  inhaler                   INTEGER NOT NULL DEFAULT 0 CHECK (inhaler IN (0,1)),
  tube_feeding              TEXT NOT NULL DEFAULT 'none'
                            CHECK (tube_feeding IN ('none','gastrostomy','nasal','other')),
  cough_assist              INTEGER NOT NULL DEFAULT 0 CHECK (cough_assist IN (0,1)),
  air_mattress              INTEGER NOT NULL DEFAULT 0 CHECK (air_mattress IN (0,1)),
  consent_scope             TEXT,
  consent_date              TEXT,
  consent_signed_by         TEXT,
  power_company_registered  INTEGER CHECK (power_company_registered IN (0,1)),
  svc_care_insurance        INTEGER NOT NULL DEFAULT 0 CHECK (svc_care_insurance IN (0,1)),
  svc_intractable_disease   INTEGER NOT NULL DEFAULT 0 CHECK (svc_intractable_disease IN (0,1)),
  svc_disability_welfare    INTEGER NOT NULL DEFAULT 0 CHECK (svc_disability_welfare IN (0,1)),
  svc_pediatric_chronic     INTEGER NOT NULL DEFAULT 0 CHECK (svc_pediatric_chronic IN (0,1)),
  svc_severe_disability_visit INTEGER NOT NULL DEFAULT 0 CHECK (svc_severe_disability_visit IN (0,1)),
  disability_certificate_grade INTEGER CHECK (disability_certificate_grade BETWEEN 1 AND 7),
  svc_other                 TEXT,
  disaster_concerns         TEXT,
  status                    TEXT NOT NULL DEFAULT 'active'
                            CHECK (status IN ('active','hospitalised','moved','deceased','inactive')),
  geocode_precision         TEXT NOT NULL DEFAULT 'unresolved'
                            CHECK (geocode_precision IN ('exact','town','manual','unresolved')),
  notes                     TEXT,
  created_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  row_version               INTEGER NOT NULL DEFAULT 1,
  CHECK (uses_ventilator = 1 OR home_oxygen = 1)
);
SELECT AddGeometryColumn('persons', 'geom', 4326, 'POINT', 'XY');
SELECT CreateSpatialIndex('persons', 'geom');
CREATE INDEX persons_town ON persons(town);

CREATE TABLE supporters (
  id            INTEGER PRIMARY KEY,
  external_id   TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  name_kana     TEXT,
  kind          TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('family','neighbour','minsei_iin','chokai','visiting_nurse','ward_staff','other')),
  phone         TEXT,
  address       TEXT,
  travel_mode   TEXT NOT NULL DEFAULT 'walk' CHECK (travel_mode IN ('walk','car')),
  availability  TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  geocode_precision TEXT NOT NULL DEFAULT 'unresolved'
                CHECK (geocode_precision IN ('exact','town','manual','unresolved')),
  notes         TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  row_version   INTEGER NOT NULL DEFAULT 1
);
SELECT AddGeometryColumn('supporters', 'geom', 4326, 'POINT', 'XY');
SELECT CreateSpatialIndex('supporters', 'geom');

CREATE TABLE person_supporters (
  person_id     INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  supporter_id  INTEGER NOT NULL REFERENCES supporters(id) ON DELETE CASCADE,
  role          TEXT,
  priority      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, supporter_id)
);
CREATE INDEX person_supporters_supporter ON person_supporters(supporter_id);

CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL
                CHECK (kind IN ('attending_physician','specialist','care_manager','visiting_nurse_station','equipment_vendor','home_helper','district_nurse','other')),
  organisation  TEXT,
  name          TEXT,
  phone         TEXT,
  fax           TEXT,
  notes         TEXT,
  row_version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_person ON contacts(person_id);

CREATE TABLE facilities (
  id                INTEGER PRIMARY KEY,
  external_id       TEXT NOT NULL UNIQUE,
  kind              TEXT NOT NULL
                    CHECK (kind IN ('rescue_centre','welfare_rescue_centre','triage_point','disaster_base_hospital','disaster_cooperating_hospital','health_centre')),
  seed_no           INTEGER,
  name              TEXT NOT NULL,
  name_kana         TEXT,
  address           TEXT,
  phone             TEXT,
  capacity          INTEGER CHECK (capacity >= 0),
  status            TEXT NOT NULL DEFAULT 'normal'
                    CHECK (status IN ('normal','open','full','closed','damaged','unknown')),
  relief_station    INTEGER NOT NULL DEFAULT 0 CHECK (relief_station IN (0,1)),
  oxygen_depot      INTEGER NOT NULL DEFAULT 0 CHECK (oxygen_depot IN (0,1)),
  geocode_precision TEXT NOT NULL DEFAULT 'unresolved'
                    CHECK (geocode_precision IN ('exact','town','manual','unresolved')),
  geocode_source    TEXT,
  notes             TEXT,
  updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  row_version       INTEGER NOT NULL DEFAULT 1
);
SELECT AddGeometryColumn('facilities', 'geom', 4326, 'POINT', 'XY');
SELECT CreateSpatialIndex('facilities', 'geom');
CREATE INDEX facilities_kind ON facilities(kind);

CREATE TABLE areas (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('ward_boundary','district','other')),
  name         TEXT NOT NULL,
  source       TEXT
);
SELECT AddGeometryColumn('areas', 'geom', 4326, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('areas', 'geom');
)SQL";

// Migration 2: the append-only, hash-chained audit log. The triggers make
// UPDATE and DELETE fail through the application; the chain catches edits
// made around it (another tool, a restored backup).
constexpr std::string_view k_migration_2 = R"SQL(
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  summary    TEXT NOT NULL DEFAULT '',
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE TABLE audit_head (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id    INTEGER NOT NULL,
  last_hash  TEXT NOT NULL,
  row_count  INTEGER NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)SQL";

// Migration 3: incidents, outage areas and safety checks (安否確認チェック表,
// Toshima seed section III-1). Checks are history: never updated in place.
constexpr std::string_view k_migration_3 = R"SQL(
CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('earthquake','storm_flood','power_outage','pandemic','other')),
  title            TEXT NOT NULL,
  onset_at         TEXT NOT NULL,
  closed_at        TEXT,
  close_summary    TEXT,
  is_drill         INTEGER NOT NULL DEFAULT 0 CHECK (is_drill IN (0,1)),
  is_active        INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0,1)),
  evacuation_level TEXT CHECK (evacuation_level IN ('none','elderly_evacuation','evacuation_instruction','emergency_safety')),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  row_version      INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX incidents_one_active ON incidents(is_active) WHERE is_active = 1;

CREATE TABLE outage_areas (
  id           INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  starts_at    TEXT NOT NULL,
  restored_at  TEXT,
  CHECK (restored_at IS NULL OR restored_at >= starts_at)
);
SELECT AddGeometryColumn('outage_areas', 'geom', 4326, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('outage_areas', 'geom');

CREATE TABLE safety_checks (
  id                      INTEGER PRIMARY KEY,
  incident_id             INTEGER NOT NULL REFERENCES incidents(id),
  person_id               INTEGER NOT NULL REFERENCES persons(id),
  checked_at              TEXT NOT NULL,
  vent_running            INTEGER CHECK (vent_running IN (0,1)),
  vent_power              TEXT CHECK (vent_power IN ('ac','external_battery','internal_battery')),
  circuit_fault           INTEGER CHECK (circuit_fault IN (0,1)),
  external_power_left_h   REAL CHECK (external_power_left_h >= 0),
  bag_at_hand             INTEGER CHECK (bag_at_hand IN (0,1)),
  caregiver_can_use_bag   INTEGER CHECK (caregiver_can_use_bag IN (0,1)),
  vent_other_concern      TEXT,
  bp_systolic             INTEGER CHECK (bp_systolic BETWEEN 30 AND 300),
  bp_diastolic            INTEGER CHECK (bp_diastolic BETWEEN 10 AND 200),
  pulse_bpm               INTEGER CHECK (pulse_bpm BETWEEN 10 AND 300),
  spo2_pct                INTEGER CHECK (spo2_pct BETWEEN 0 AND 100),
  temperature_c           REAL CHECK (temperature_c BETWEEN 25 AND 45),
  other_condition         TEXT,
  anxiety                 TEXT,
  caregiver_can_continue  INTEGER CHECK (caregiver_can_continue IN (0,1)),
  caregiver_reason        TEXT,
  electricity             TEXT,
  gas                     TEXT,
  water                   TEXT,
  suction_rechargeable    INTEGER CHECK (suction_rechargeable IN (0,1)),
  suction_foot            INTEGER CHECK (suction_foot IN (0,1)),
  oxygen_cylinders        INTEGER CHECK (oxygen_cylinders >= 0),
  oxygen_hours_usable     REAL CHECK (oxygen_hours_usable >= 0),
  air_mattress            TEXT,
  other_devices           TEXT,
  notes                   TEXT,
  judgement               TEXT CHECK (judgement IN ('stay_home','hospitalise','evacuate')),
  informed_physician      INTEGER CHECK (informed_physician IN (0,1)),
  informed_care_manager   INTEGER CHECK (informed_care_manager IN (0,1)),
  informed_other          TEXT,
  future_plan             TEXT,
  checker_affiliation     TEXT,
  checker_name            TEXT,
  recorded_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX safety_checks_person ON safety_checks(person_id, checked_at);
CREATE INDEX safety_checks_incident ON safety_checks(incident_id);
CREATE TRIGGER safety_checks_no_update BEFORE UPDATE ON safety_checks
BEGIN SELECT RAISE(ABORT, 'safety checks are history: record a new check instead'); END;
)SQL";

// Migration 4: oxygen equipment, loans through the nine steps of the Minato
// scheme, deliveries/collections, and supporter transport requests.
constexpr std::string_view k_migration_4 = R"SQL(
CREATE TABLE equipment (
  id                 INTEGER PRIMARY KEY,
  serial             TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('cylinder','demand_regulator','concentrator')),
  capacity_l         REAL CHECK (capacity_l > 0),
  fill_ratio         REAL CHECK (fill_ratio BETWEEN 0 AND 1),
  status             TEXT NOT NULL DEFAULT 'in_stock'
                     CHECK (status IN ('in_stock','on_loan','maintenance','retired')),
  depot_facility_id  INTEGER REFERENCES facilities(id),
  notes              TEXT,
  row_version        INTEGER NOT NULL DEFAULT 1,
  CHECK (kind <> 'cylinder' OR capacity_l IS NOT NULL)
);

CREATE TABLE loans (
  id                     INTEGER PRIMARY KEY,
  person_id              INTEGER NOT NULL REFERENCES persons(id),
  incident_id            INTEGER REFERENCES incidents(id),
  state                  TEXT NOT NULL DEFAULT 'consultation'
                         CHECK (state IN ('consultation','clinic_coordination','clinic_consultation','admission_request','visit_scheduling','delivery_request','delivered','therapy_visit','collected','cancelled')),
  clinic                 TEXT,
  prescribed_flow_l_min  REAL CHECK (prescribed_flow_l_min > 0),
  therapy_ends_at        TEXT,
  opened_at              TEXT NOT NULL,
  closed_at              TEXT,
  row_version            INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE loan_events (
  id       INTEGER PRIMARY KEY,
  loan_id  INTEGER NOT NULL REFERENCES loans(id) ON DELETE CASCADE,
  state    TEXT NOT NULL,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,
  notes    TEXT
);
CREATE TABLE loan_items (
  loan_id       INTEGER NOT NULL REFERENCES loans(id),
  equipment_id  INTEGER NOT NULL REFERENCES equipment(id),
  lent_at       TEXT NOT NULL,
  returned_at   TEXT,
  PRIMARY KEY (loan_id, equipment_id)
);
-- No item can be out on two loans at once.
CREATE UNIQUE INDEX loan_items_one_open ON loan_items(equipment_id) WHERE returned_at IS NULL;

CREATE TABLE deliveries (
  id            INTEGER PRIMARY KEY,
  loan_id       INTEGER REFERENCES loans(id),
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  kind          TEXT NOT NULL CHECK (kind IN ('delivery','collection')),
  cylinders     INTEGER NOT NULL DEFAULT 0 CHECK (cylinders >= 0),
  service_s     INTEGER NOT NULL DEFAULT 600 CHECK (service_s >= 0),
  due_by        TEXT,
  priority      INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending','planned','en_route','done','failed','cancelled')),
  vehicle       TEXT,
  planned_at    TEXT,
  done_at       TEXT,
  notes         TEXT,
  row_version   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE transport_requests (
  id                       INTEGER PRIMARY KEY,
  incident_id              INTEGER NOT NULL REFERENCES incidents(id),
  person_id                INTEGER NOT NULL REFERENCES persons(id),
  destination_facility_id  INTEGER REFERENCES facilities(id),
  requested_at             TEXT NOT NULL,
  status                   TEXT NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open','team_assigned','in_transit','arrived','cancelled','short_of_supporters')),
  notes                    TEXT,
  row_version              INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE team_members (
  request_id    INTEGER NOT NULL REFERENCES transport_requests(id) ON DELETE CASCADE,
  supporter_id  INTEGER NOT NULL REFERENCES supporters(id),
  eta_s         REAL CHECK (eta_s >= 0),
  status        TEXT NOT NULL DEFAULT 'called' CHECK (status IN ('called','confirmed','arrived','declined')),
  PRIMARY KEY (request_id, supporter_id)
);
)SQL";

// Migration 5: individual support plans (要領 第5条-第9条, forms 第3号-第8号).
// Plan content is versioned: an update adds a row, never rewrites one.
constexpr std::string_view k_migration_5 = R"SQL(
CREATE TABLE support_plans (
  id                 INTEGER PRIMARY KEY,
  person_id          INTEGER NOT NULL REFERENCES persons(id),
  state              TEXT NOT NULL DEFAULT 'applied'
                     CHECK (state IN ('applied','decided','nurse_requested','planned','updated','invoiced','evaluated','withdrawn')),
  nurse_station      TEXT,
  next_review_due    TEXT,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  row_version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX support_plans_person ON support_plans(person_id);
CREATE TABLE plan_steps (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES support_plans(id) ON DELETE CASCADE,
  step          TEXT NOT NULL CHECK (step IN ('application','decision_notice','nurse_request','plan','update','invoice','evaluation')),
  form_no       INTEGER CHECK (form_no BETWEEN 3 AND 8),
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  document_ref  TEXT,
  notes         TEXT
);
CREATE TABLE plan_versions (
  id                    INTEGER PRIMARY KEY,
  plan_id               INTEGER NOT NULL REFERENCES support_plans(id) ON DELETE CASCADE,
  version_no            INTEGER NOT NULL CHECK (version_no >= 1),
  created_at            TEXT NOT NULL,
  author                TEXT NOT NULL,
  kind                  TEXT NOT NULL CHECK (kind IN ('new','update')),
  safety_check_method   TEXT,
  contact_list          TEXT,
  supplies              TEXT,
  outage_procedure      TEXT,
  hazard_procedures     TEXT,
  ventilator_info       TEXT,
  other_items           TEXT,
  UNIQUE (plan_id, version_no)
);
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are immutable: add a new version'); END;
CREATE TABLE plan_evaluations (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES support_plans(id) ON DELETE CASCADE,
  evaluated_at  TEXT NOT NULL,
  item          TEXT NOT NULL,
  result        TEXT NOT NULL CHECK (result IN ('ok','problem','not_applicable')),
  note          TEXT
);
CREATE TABLE invoices (
  id            INTEGER PRIMARY KEY,
  nurse_station TEXT NOT NULL,
  quarter       TEXT NOT NULL,
  new_plans     INTEGER NOT NULL DEFAULT 0,
  updates       INTEGER NOT NULL DEFAULT 0,
  amount_yen    INTEGER NOT NULL,
  issued_at     TEXT NOT NULL
);
)SQL";

// Migration 6: the road network (one imported network at a time, its source
// history, nodes and edges with their geometry for the map) and road
// closures. Ids are dense: road_nodes.id / road_edges.id are the in-memory
// node / edge index + 1. A closure names an edge of the network current when
// it was made (road_source_id) or an area; replacing the network reopens the
// edge closures, whose ids would name other roads.
constexpr std::string_view k_migration_6 = R"SQL(
CREATE TABLE road_sources (
  id              INTEGER PRIMARY KEY,
  path            TEXT NOT NULL,
  format          TEXT NOT NULL CHECK (format IN ('osm_pbf','osm_xml','ogr_lines','uxsim_csv')),
  file_sha256     TEXT NOT NULL,
  network_sha256  TEXT NOT NULL,
  clip            TEXT NOT NULL DEFAULT '',
  imported_at     TEXT NOT NULL,
  node_count      INTEGER NOT NULL CHECK (node_count >= 0),
  edge_count      INTEGER NOT NULL CHECK (edge_count >= 0)
);

CREATE TABLE road_nodes (
  id                    INTEGER PRIMARY KEY,
  source_node_id        INTEGER,
  in_largest_component  INTEGER NOT NULL DEFAULT 0 CHECK (in_largest_component IN (0,1))
);
SELECT AddGeometryColumn('road_nodes', 'geom', 4326, 'POINT', 'XY');
SELECT CreateSpatialIndex('road_nodes', 'geom');

CREATE TABLE road_edges (
  id            INTEGER PRIMARY KEY,
  from_node     INTEGER NOT NULL REFERENCES road_nodes(id),
  to_node       INTEGER NOT NULL REFERENCES road_nodes(id),
  class         TEXT NOT NULL
                CHECK (class IN ('motorway','motorway_link','trunk','trunk_link','primary','primary_link','secondary','secondary_link','tertiary','tertiary_link','unclassified','residential','living_street','service','pedestrian','footway','cycleway','path','steps','track','other')),
  name          TEXT NOT NULL DEFAULT '',
  oneway        TEXT NOT NULL DEFAULT 'no' CHECK (oneway IN ('no','forward','backward')),
  maxspeed_kmh  REAL CHECK (maxspeed_kmh > 0),
  bridge        INTEGER NOT NULL DEFAULT 0 CHECK (bridge IN (0,1)),
  tunnel        INTEGER NOT NULL DEFAULT 0 CHECK (tunnel IN (0,1)),
  length_m      REAL NOT NULL CHECK (length_m >= 0),
  source_id     INTEGER NOT NULL DEFAULT 0
);
SELECT AddGeometryColumn('road_edges', 'geom', 4326, 'LINESTRING', 'XY');
SELECT CreateSpatialIndex('road_edges', 'geom');

CREATE TABLE road_closures (
  id              INTEGER PRIMARY KEY,
  edge_id         INTEGER,
  road_source_id  INTEGER REFERENCES road_sources(id),
  reason          TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  actor           TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  reopened_at     TEXT
);
SELECT AddGeometryColumn('road_closures', 'geom', 4326, 'MULTIPOLYGON', 'XY');
SELECT CreateSpatialIndex('road_closures', 'geom');
CREATE INDEX road_closures_active ON road_closures(active);
-- AddGeometryColumn adds geom after CREATE TABLE, so a table CHECK cannot see it.
CREATE TRIGGER road_closures_edge_or_area BEFORE INSERT ON road_closures
WHEN (NEW.edge_id IS NULL) = (NEW.geom IS NULL)
BEGIN SELECT RAISE(ABORT, 'a road closure names exactly one edge or one area'); END;
)SQL";

// Migration 7: the facility status board (occupancy and power beside the
// existing capacity and status) and the coordinator's destination decisions
// (confirm or override a recommendation; an override carries its reason).
// Decisions are history: a new decision is a new row.
constexpr std::string_view k_migration_7 = R"SQL(
ALTER TABLE facilities ADD COLUMN occupancy INTEGER CHECK (occupancy >= 0);
ALTER TABLE facilities ADD COLUMN power TEXT CHECK (power IN ('grid','generator','none'));

CREATE TABLE destination_decisions (
  id                       INTEGER PRIMARY KEY,
  person_id                INTEGER NOT NULL REFERENCES persons(id),
  incident_id              INTEGER REFERENCES incidents(id),
  judgement                TEXT NOT NULL CHECK (judgement IN ('hospitalise','evacuate')),
  severity                 TEXT CHECK (severity IN ('severe','moderate')),
  recommended_facility_id  INTEGER REFERENCES facilities(id),
  chosen_facility_id       INTEGER NOT NULL REFERENCES facilities(id),
  decision                 TEXT NOT NULL CHECK (decision IN ('confirm','override')),
  reason                   TEXT NOT NULL DEFAULT '',
  profile                  TEXT NOT NULL,
  eta_s                    REAL CHECK (eta_s >= 0),
  road_distance_m          REAL CHECK (road_distance_m >= 0),
  decided_at               TEXT NOT NULL,
  actor                    TEXT NOT NULL,
  CHECK (decision = 'confirm' OR length(trim(reason)) > 0)
);
CREATE INDEX destination_decisions_person ON destination_decisions(person_id, decided_at);
CREATE TRIGGER destination_decisions_no_update BEFORE UPDATE ON destination_decisions
BEGIN SELECT RAISE(ABORT, 'destination decisions are history: record a new decision'); END;
CREATE TRIGGER destination_decisions_no_delete BEFORE DELETE ON destination_decisions
BEGIN SELECT RAISE(ABORT, 'destination decisions are history: record a new decision'); END;
)SQL";

// Migration 8: what the power-outage procedure (Toshima seed IV) and the oxygen
// runway need beyond the form's columns: hours a generator or a car
// cigarette-lighter cable can add, and the cylinders' capacity and fill
// (runway = cylinders x capacity x fill / flow).
constexpr std::string_view k_migration_8 = R"SQL(
ALTER TABLE safety_checks ADD COLUMN generator_h REAL CHECK (generator_h >= 0);
ALTER TABLE safety_checks ADD COLUMN car_charger_h REAL CHECK (car_charger_h >= 0);
ALTER TABLE safety_checks ADD COLUMN oxygen_cylinder_l REAL CHECK (oxygen_cylinder_l > 0);
ALTER TABLE safety_checks ADD COLUMN oxygen_fill_ratio REAL CHECK (oxygen_fill_ratio BETWEEN 0 AND 1);
)SQL";

// Migration 9: what the support-plan cycle (issue 7) needs beyond migration 5: the visiting
// nurse station that did each step's work (a plan may change station within a year, 要領
// 第5条7, and the 第7号 invoice is per station), one invoice per station and quarter, and plan
// versions that cannot be deleted either (an update never destroys the previous version).
constexpr std::string_view k_migration_9 = R"SQL(
ALTER TABLE plan_steps ADD COLUMN nurse_station TEXT;
CREATE INDEX plan_steps_plan ON plan_steps(plan_id, id);
CREATE UNIQUE INDEX invoices_station_quarter ON invoices(nurse_station, quarter);
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are history: they are never deleted'); END;
)SQL";

// Migration 10: drills (issue 8). A drill run belongs to one drill incident: the scenario as
// started (so a changed file cannot change a running drill), its clock, and its timeline of
// actions with when each fired. What a scenario changes in the world (facility status, a
// supporter falling ill, a road closure) is kept per drill and never written to the real
// rows; deliveries gain the drill incident they belong to (NULL for real ones).
constexpr std::string_view k_migration_10 = R"SQL(
CREATE TABLE drill_runs (
  incident_id         INTEGER PRIMARY KEY REFERENCES incidents(id),
  scenario_file       TEXT NOT NULL,
  scenario_text       TEXT NOT NULL,
  started_at          TEXT NOT NULL,
  clock_real_ms       INTEGER NOT NULL,
  clock_scenario      TEXT NOT NULL,
  speed               REAL NOT NULL CHECK (speed >= 1 AND speed <= 60),
  paused              INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0,1)),
  ended_at            TEXT
);
CREATE TABLE drill_actions (
  incident_id  INTEGER NOT NULL REFERENCES drill_runs(incident_id),
  seq          INTEGER NOT NULL CHECK (seq >= 0),
  due_at       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  subject      TEXT NOT NULL DEFAULT '',
  text_ja      TEXT NOT NULL DEFAULT '',
  text_en      TEXT NOT NULL DEFAULT '',
  line         INTEGER NOT NULL DEFAULT 0,
  fired_at     TEXT,
  result       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (incident_id, seq)
);
CREATE TABLE drill_facility_status (
  incident_id  INTEGER NOT NULL REFERENCES drill_runs(incident_id),
  facility_id  INTEGER NOT NULL REFERENCES facilities(id),
  status       TEXT,
  occupancy    INTEGER CHECK (occupancy >= 0),
  power        TEXT,
  changed_at   TEXT NOT NULL,
  PRIMARY KEY (incident_id, facility_id)
);
CREATE TABLE drill_unavailable_supporters (
  incident_id   INTEGER NOT NULL REFERENCES drill_runs(incident_id),
  supporter_id  INTEGER NOT NULL REFERENCES supporters(id),
  since         TEXT NOT NULL,
  PRIMARY KEY (incident_id, supporter_id)
);
CREATE TABLE drill_closures (
  incident_id  INTEGER NOT NULL REFERENCES drill_runs(incident_id),
  seq          INTEGER NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  corners      TEXT NOT NULL,
  starts_at    TEXT NOT NULL,
  ends_at      TEXT,
  PRIMARY KEY (incident_id, seq)
);
ALTER TABLE deliveries ADD COLUMN incident_id INTEGER REFERENCES incidents(id);
ALTER TABLE deliveries ADD COLUMN requested_at TEXT;
ALTER TABLE transport_requests ADD COLUMN assigned_at TEXT;
CREATE INDEX deliveries_incident ON deliveries(incident_id);
)SQL";

const std::vector<Migration> k_migrations = {
    {1, "registry_and_facilities", k_migration_1, {"persons", "supporters", "facilities", "areas"}},
    {2, "audit_log", k_migration_2, {}},
    {3, "incidents_and_safety_checks", k_migration_3, {"outage_areas"}},
    {4, "oxygen_loans_and_dispatch", k_migration_4, {}},
    {5, "support_plans", k_migration_5, {}},
    {6, "road_network_and_closures", k_migration_6, {"road_nodes", "road_edges", "road_closures"}},
    {7, "facility_board_and_destinations", k_migration_7, {}},
    {8, "outage_runway_inputs", k_migration_8, {}},
    {9, "support_plan_cycle", k_migration_9, {}},
    {10, "drills", k_migration_10, {}},
};

bool table_exists(sqlite::Database& db, std::string_view name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, name);
    return st.step();
}

} // namespace

const std::vector<Migration>& migrations() {
    return k_migrations;
}

int latest_schema_version() {
    return k_migrations.back().version;
}

int current_schema_version(sqlite::Database& db) {
    if (!table_exists(db, "schema_migrations")) return 0;
    return static_cast<int>(
        db.query_int64("SELECT MAX(version) FROM schema_migrations").value_or(0));
}

int migrate(sqlite::Database& db, int target) {
    const int latest = latest_schema_version();
    if (target < 0) target = latest;
    const int current = current_schema_version(db);
    if (current > latest) {
        throw DataError(ErrorCode::future_version,
                        "database '" + db.path() + "' has schema version " +
                            std::to_string(current) + ", but this Breathline knows only up to " +
                            std::to_string(latest) +
                            ": open it with a newer Breathline (the file was not changed)");
    }
    if (current >= target) return 0;

    sqlite::Transaction tx(db);
    int applied = 0;
    try {
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));");
        for (const auto& m : k_migrations) {
            if (m.version <= current || m.version > target) continue;
            db.exec(m.sql);
            for (const std::string_view table : m.spatial_tables) {
                auto geom = db.prepare("SELECT spatial_index_enabled FROM geometry_columns WHERE "
                                       "f_table_name=? AND f_geometry_column='geom'");
                geom.bind(1, table);
                if (!geom.step() || geom.column_int64(0) != 1 ||
                    !table_exists(db, "idx_" + std::string(table) + "_geom"))
                    throw DataError(ErrorCode::sql,
                                    "migration " + std::to_string(m.version) +
                                        ": SpatiaLite did not create the geometry column or "
                                        "spatial index of table " +
                                        std::string(table));
            }
            auto st = db.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
            st.bind(1, m.version).bind(2, m.name).run();
            ++applied;
        }
        db.exec("PRAGMA user_version=" + std::to_string(target) + ";");
        // 'BRLN' marks the file as Breathline's for `file` and other tools.
        db.exec("PRAGMA application_id=1112689742;");
        tx.commit();
    } catch (const DataError& e) {
        throw DataError(ErrorCode::migrate_failed, "migrating database '" + db.path() +
                                                       "' from version " + std::to_string(current) +
                                                       " to " + std::to_string(target) +
                                                       " failed, nothing was changed: " + e.what());
    }
    return applied;
}

} // namespace breathline::data::spatialite
