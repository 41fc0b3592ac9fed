-- meta.check_failures: every row that violated a quality rule in the run that built this file, with its page.
-- Grain: one row per rule × violating subject (a fact, a page or a file), for the file's own run.
-- Inputs: warehouse/quality/gate.py running sql/checks against the build before it is published.
create table if not exists meta.check_failures (
    run_id            varchar not null,
    rule              varchar not null,
    severity          varchar not null,
    release_key       varchar,
    url               varchar,
    subject           varchar not null,
    observed          double,
    expected          double,
    tolerance         double,
    detail            varchar not null,
    exception_reason  varchar,
    exception_source  varchar
);
comment on table meta.check_failures is 'Rows that violated a quality rule (sql/checks) in the run that built this file (earlier runs: counts in meta.check_runs): the fact or page, what was found against what was expected within the printed rounding, and the documented exception when one applies.';
comment on column meta.check_failures.run_id is 'The run that checked the build.';
comment on column meta.check_failures.rule is 'Rule name = file name in sql/checks.';
comment on column meta.check_failures.severity is 'error or warn.';
comment on column meta.check_failures.release_key is 'The page (sha256 of the raw file) the violation is on; joins dim_release. Null for whole-warehouse rules.';
comment on column meta.check_failures.url is 'GACC URL of that page.';
comment on column meta.check_failures.subject is 'What violates the rule: fact table, period, span, flow and member, or a raw file.';
comment on column meta.check_failures.observed is 'The value found (whole currency units, % for y/y rules), where the rule compares numbers.';
comment on column meta.check_failures.expected is 'The value the rule expects.';
comment on column meta.check_failures.tolerance is 'The rounding allowed by the printed precision of the numbers compared.';
comment on column meta.check_failures.detail is 'The violation in words, with the numbers as compared.';
comment on column meta.check_failures.exception_reason is 'Why this violation is a known GACC inconsistency (reference/check_exceptions.csv); null = a real failure.';
comment on column meta.check_failures.exception_source is 'Where the exception is documented.';
