-- meta.build_info: facts about the build that produced this file (code fingerprint, run id).
-- Grain: one row per key.
create table if not exists meta.build_info (
    key   varchar primary key,
    value varchar not null
);
comment on table meta.build_info is 'Key/value facts about the build: the fingerprint of the SQL, reference data and parsers that produced it, and the run that published it.';
comment on column meta.build_info.key is 'fingerprint (hash of sql/, reference/ and the warehouse package) or run_id.';
comment on column meta.build_info.value is 'The value of the key.';
