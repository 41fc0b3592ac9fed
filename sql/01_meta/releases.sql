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
comment on column meta.releases.release_key is 'sha256 of the raw page.';
comment on column meta.releases.product is 'preliminary or bulletin.';
comment on column meta.releases.table_family is 'by_country, major_exports, major_imports, trade_mode or enterprise_trade_mode.';
comment on column meta.releases.currency is 'CNY or USD.';
comment on column meta.releases.period_key is 'The month the page reports (first day).';
comment on column meta.releases.layout is 'The table layout read.';
comment on column meta.releases.title is 'The page title as printed.';
comment on column meta.releases.url is 'Canonical GACC URL of the page.';
comment on column meta.releases.excel_url is 'The page''s Excel download link, where it has one.';
comment on column meta.releases.published_on is 'The page date, when unambiguous.';
comment on column meta.releases.date_printed is 'The page date text as printed.';
comment on column meta.releases.unit_printed is 'The unit row as printed.';
comment on column meta.releases.unit_code is 'The unit values are read in.';
comment on column meta.releases.retrieved_at is 'When the raw page was fetched.';
comment on column meta.releases.loaded_by_run is 'The run id that loaded the page.';
