-- meta.releases: every published page loaded into the warehouse (a page version is a release).
-- Grain: one row per page version; release_key = sha256 of the raw page.
-- Inputs: parsed page identity (warehouse/parse) and its raw file (meta.raw_files).
create table if not exists meta.releases (
    release_key   varchar primary key,
    product       varchar not null,
    table_family  varchar not null,
    currency      varchar not null,
    period_key    date not null,
    layout        varchar not null,
    title         varchar not null,
    url           varchar not null,
    excel_url     varchar,
    published_on  date,
    date_printed  varchar,
    unit_printed  varchar,
    unit_code     varchar not null,
    retrieved_at  timestamptz not null,
    loaded_by_run varchar not null
);
comment on table meta.releases is 'Loaded GACC pages with their identity (product, table family, currency, period, layout) and provenance; release_key is the sha256 of the raw page.';
