-- fct_trade_by_partner: trade values by partner exactly as published, with published YoY beside them.
-- Grain: one row per release × period × span × flow × partner.
-- Inputs: conformed by-country pages (warehouse/conform/partners.py), loaded one release per transaction.
create table if not exists fct_trade_by_partner (
    release_key         varchar not null,
    period_key          date not null,
    span                varchar not null,
    flow                varchar not null,
    partner_key         varchar not null,
    parent_partner_key  varchar,
    currency            varchar not null,
    unit_code           varchar not null,
    value               decimal(18, 3),
    value_base          decimal(38, 3),
    yoy_pct_published   decimal(18, 3),
    label_printed       varchar not null,
    indent_level        tinyint not null,
    source_row          integer not null,
    source_column       integer not null,
    primary key (release_key, period_key, span, flow, partner_key)
);
comment on table fct_trade_by_partner is 'Trade by partner as published: one row per release, period, span (month, ytd, jan_feb), flow (export, import, total) and partner. Values in the page''s unit; null where GACC prints "-".';
comment on column fct_trade_by_partner.value is 'Value as printed, in the unit of unit_code (e.g. CNY_100M = CNY 100 million).';
comment on column fct_trade_by_partner.value_base is 'value × unit factor: whole CNY or USD, exact.';
comment on column fct_trade_by_partner.yoy_pct_published is 'Year-on-year change in % as GACC printed it (by-country pages print it for the cumulative span only).';
comment on column fct_trade_by_partner.span is 'month = the month alone; ytd = January through the month; jan_feb = the combined January–February release.';
