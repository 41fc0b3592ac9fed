-- fct_trade_by_commodity: major export and import commodities, quantity and value, exactly as published.
-- Grain: one row per release × period × span × flow × commodity.
-- Inputs: preliminary (5)/(6) and bulletin (13)/(14) pages, conformed by warehouse/conform/commodities.py.
create table if not exists fct_trade_by_commodity (
    release_key                 varchar not null,
    period_key                  date not null,
    span                        varchar not null,
    flow                        varchar not null,
    commodity_key               varchar not null,
    parent_commodity_key        varchar,
    currency                    varchar not null,
    unit_code                   varchar not null,
    value                       decimal(18, 3),
    value_base                  decimal(38, 3),
    value_yoy_pct_published     decimal(18, 3),
    quantity                    decimal(18, 3),
    quantity_unit_printed       varchar,
    quantity_unit_code          varchar,
    quantity_base               decimal(38, 3),
    base_unit                   varchar,
    quantity_yoy_pct_published  decimal(18, 3),
    label_printed               varchar not null,
    indent_level                tinyint not null,
    source_row                  integer not null,
    primary key (release_key, period_key, span, flow, commodity_key)
);
comment on table fct_trade_by_commodity is 'Major export (flow export) and import (flow import) commodities as published: one row per release, period, span and commodity; value in the page''s unit and in whole currency units; quantity as printed and in the commodity''s base unit. Null where GACC prints "-" or nothing (value-only lines).';
comment on column fct_trade_by_commodity.release_key is 'The page this row was read from (sha256 of the raw page); joins dim_release.';
comment on column fct_trade_by_commodity.period_key is 'First day of the observation''s month (a prior-year block is a year earlier than the page).';
comment on column fct_trade_by_commodity.span is 'month = the month alone; ytd = January through the month; jan_feb = a combined January–February release.';
comment on column fct_trade_by_commodity.flow is 'export or import.';
comment on column fct_trade_by_commodity.commodity_key is 'Stable commodity id across GACC''s relabels (reference/commodity_aliases.csv); joins dim_commodity.';
comment on column fct_trade_by_commodity.parent_commodity_key is 'The line this one is printed under (by indentation); GACC''s indentation is not always a semantic hierarchy.';
comment on column fct_trade_by_commodity.currency is 'CNY or USD: the currency of the page.';
comment on column fct_trade_by_commodity.unit_code is 'Unit of value as printed: CNY_100M, USD_1M (preliminary) or USD_1K (bulletin); see ref.value_units.';
comment on column fct_trade_by_commodity.value is 'Value as printed, in unit_code.';
comment on column fct_trade_by_commodity.value_base is 'value × unit factor: whole CNY or USD, exact.';
comment on column fct_trade_by_commodity.value_yoy_pct_published is 'Year-on-year change of value in %, as GACC printed it.';
comment on column fct_trade_by_commodity.quantity is 'Quantity as printed, in quantity_unit_printed (after known mislabels are corrected, see quantity_unit_code).';
comment on column fct_trade_by_commodity.quantity_unit_printed is 'The quantity unit token GACC printed (e.g. 10000T, 100MN, Ton).';
comment on column fct_trade_by_commodity.quantity_unit_code is 'What the printed token means (reference/quantity_units.csv), after dated mislabel corrections (reference/quantity_unit_mislabels.csv).';
comment on column fct_trade_by_commodity.quantity_base is 'quantity in base_unit (tonnes, items, pairs, kWh, litres, m³…), exact.';
comment on column fct_trade_by_commodity.base_unit is 'Base unit of quantity_base: t, item, pair, kWh, l, m3.';
comment on column fct_trade_by_commodity.quantity_yoy_pct_published is 'Year-on-year change of quantity in %, as GACC printed it.';
comment on column fct_trade_by_commodity.label_printed is 'The commodity label exactly as printed on this page.';
comment on column fct_trade_by_commodity.indent_level is 'Printed indentation rank (0 = outermost).';
comment on column fct_trade_by_commodity.source_row is 'Row of the page''s table the figures were read from (1-based <tr>).';
