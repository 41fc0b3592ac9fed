-- meta.check_runs: every quality rule's outcome for every run that built this file.
-- Grain: one row per run × rule.
-- Inputs: warehouse/quality/gate.py running sql/checks against the build before it is published.
create table if not exists meta.check_runs (
    run_id       varchar not null,
    rule         varchar not null,
    severity     varchar not null,
    description  varchar not null,
    violations   integer not null,
    excepted     integer not null,
    blocking     boolean not null,
    checked_at   timestamptz not null,
    primary key (run_id, rule)
);
comment on table meta.check_runs is 'Outcome of every quality rule (sql/checks) for every run that built this file: violations, how many are documented exceptions, and whether the rule blocked publishing.';
comment on column meta.check_runs.run_id is 'The run that checked the build (meta.build_info run_id of that build).';
comment on column meta.check_runs.rule is 'Rule name = file name in sql/checks.';
comment on column meta.check_runs.severity is 'error (blocks publishing) or warn (recorded).';
comment on column meta.check_runs.description is 'What the rule asserts, from its file header.';
comment on column meta.check_runs.violations is 'Rows that violate the rule (see meta.check_failures).';
comment on column meta.check_runs.excepted is 'Violations matching a documented exception (reference/check_exceptions.csv).';
comment on column meta.check_runs.blocking is 'True when an error rule has violations that are not excepted: the build was not published.';
comment on column meta.check_runs.checked_at is 'When the rule ran.';
