-- meta.page_outcomes: what became of every page version the warehouse has read — loaded, or terminal.
-- Grain: one row per page version (url × sha256).
-- Inputs: the flow's page outcomes (warehouse/load/build.py); failed pages are not here (the run that met
-- them did not publish: see data/runs/), nor are pages the server did not have.
create table if not exists meta.page_outcomes (
    url              varchar not null,
    sha256           varchar not null,
    product          varchar not null,
    table_family     varchar not null,
    currency         varchar,
    period_key       date not null,
    status           varchar not null,
    detail           varchar,
    recorded_by_run  varchar not null,
    recorded_at      timestamptz not null,
    primary key (url, sha256)
);
comment on table meta.page_outcomes is 'Every page version read into this warehouse and what became of it: loaded (see meta.releases) or terminal (no table on the page, no parser for the table yet). A later run skips these versions instead of parsing them again; failed pages are recorded in data/runs/, not here.';
comment on column meta.page_outcomes.url is 'Canonical GACC URL of the page.';
comment on column meta.page_outcomes.sha256 is 'sha256 of the raw page version (the file under data/raw).';
comment on column meta.page_outcomes.product is 'preliminary or bulletin, as the index listed it.';
comment on column meta.page_outcomes.table_family is 'Table family, as the index row title says.';
comment on column meta.page_outcomes.currency is 'CNY or USD from the index row title; null where the title names none (bulletin).';
comment on column meta.page_outcomes.period_key is 'The month the index links the page under (first day).';
comment on column meta.page_outcomes.status is 'loaded, no table on the page, or no parser for this table yet.';
comment on column meta.page_outcomes.detail is 'Why a terminal page loads nothing, as the parser said.';
comment on column meta.page_outcomes.recorded_by_run is 'The run that first read this page version.';
comment on column meta.page_outcomes.recorded_at is 'When that run recorded it.';
