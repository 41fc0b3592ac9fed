-- fct_trade_by_enterprise: exports or imports by type of enterprise and customs regime, exactly as published.
-- Grain: one row per release × period × span × flow × regime × enterprise type.
-- Inputs: bulletin (6) exports and (7) imports, conformed by warehouse/conform/enterprises.py.
create table if not exists fct_trade_by_enterprise (
    release_key        varchar not null,
    period_key         date not null,
    span               varchar not null,
    flow               varchar not null,
    regime_key         varchar not null,
    enterprise_key     varchar not null,
    currency           varchar not null,
    unit_code          varchar not null,
    value              decimal(18, 3),
    value_base         decimal(38, 3),
    yoy_pct_published  decimal(18, 3),
    label_printed      varchar not null,
    source_row         integer not null,
    source_column      integer not null,
    primary key (release_key, period_key, span, flow, regime_key, enterprise_key)
);
comment on table fct_trade_by_enterprise is 'Bulletin tables (6)/(7): exports or imports by type of enterprise (columns) and customs regime (rows), year to date, in US$1,000 as published.';
comment on column fct_trade_by_enterprise.release_key is 'The page this row was read from (sha256 of the raw page); joins dim_release.';
comment on column fct_trade_by_enterprise.period_key is 'First day of the observation''s month.';
comment on column fct_trade_by_enterprise.span is 'ytd = January through the month (the only span these tables print).';
comment on column fct_trade_by_enterprise.flow is 'export (table 6) or import (table 7).';
comment on column fct_trade_by_enterprise.regime_key is 'Customs regime; total = the TOTAL line. Joins dim_regime.';
comment on column fct_trade_by_enterprise.enterprise_key is 'Type of enterprise (total, soe, fie, poe, other; 2019 pages split fie into three sub-types). Joins dim_enterprise_type.';
comment on column fct_trade_by_enterprise.currency is 'USD.';
comment on column fct_trade_by_enterprise.unit_code is 'USD_1K (US$1,000).';
comment on column fct_trade_by_enterprise.value is 'Value as printed, in unit_code; null where GACC prints "-" or leaves the cell empty.';
comment on column fct_trade_by_enterprise.value_base is 'value × unit factor: whole USD, exact.';
comment on column fct_trade_by_enterprise.yoy_pct_published is 'Year-on-year change in %, as GACC printed it (the shaded row under each value row).';
comment on column fct_trade_by_enterprise.label_printed is 'The regime label exactly as printed on this page.';
comment on column fct_trade_by_enterprise.source_row is 'Row of the page''s table (1-based).';
comment on column fct_trade_by_enterprise.source_column is 'Column of the page''s table the value was read from.';
