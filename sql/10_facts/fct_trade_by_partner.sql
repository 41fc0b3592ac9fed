-- fct_trade_by_partner: trade values by partner exactly as published, with published YoY beside them.
-- Grain: one row per release × period × span × flow × partner.
-- Inputs: preliminary (4) and bulletin (2) by-country pages, conformed by warehouse/conform/partners.py.
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
comment on column fct_trade_by_partner.release_key is 'The page this row was read from (sha256 of the raw page); joins dim_release.';
comment on column fct_trade_by_partner.period_key is 'First day of the observation''s month; joins dim_period.';
comment on column fct_trade_by_partner.span is 'month = the month alone; ytd = January through the month; jan_feb = the combined January–February release.';
comment on column fct_trade_by_partner.flow is 'export, import, or total (exports + imports as printed).';
comment on column fct_trade_by_partner.partner_key is 'Partner or aggregate (WORLD, continents, blocs); joins dim_partner.';
comment on column fct_trade_by_partner.parent_partner_key is 'The row this partner is printed under on this page (an "of which" bloc on preliminary pages, a continent on bulletin pages).';
comment on column fct_trade_by_partner.currency is 'CNY or USD: the currency of the page.';
comment on column fct_trade_by_partner.unit_code is 'Unit of value as printed: CNY_100M, USD_1M (preliminary) or USD_1K (bulletin); see ref.value_units.';
comment on column fct_trade_by_partner.value is 'Value as printed, in the unit of unit_code (e.g. CNY_100M = CNY 100 million).';
comment on column fct_trade_by_partner.value_base is 'value × unit factor: whole CNY or USD, exact.';
comment on column fct_trade_by_partner.yoy_pct_published is 'Year-on-year change in % as GACC printed it (by-country pages print it for the cumulative span only).';
comment on column fct_trade_by_partner.label_printed is 'The partner label exactly as printed on this page.';
comment on column fct_trade_by_partner.indent_level is 'Printed indentation rank (0 = outermost).';
comment on column fct_trade_by_partner.source_row is 'Row of the page''s table the value was read from (1-based <tr>).';
comment on column fct_trade_by_partner.source_column is 'Column of the page''s table the value was read from (0 = label).';
