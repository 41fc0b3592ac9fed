-- fct_trade_by_regime: trade by trade mode / customs regime, exactly as published.
-- Grain: one row per release × period × span × flow × regime.
-- Inputs: preliminary (2)/(3) "by Trade Mode" and bulletin (5) "by Customs Regime", conformed by
-- warehouse/conform/regimes.py.
create table if not exists fct_trade_by_regime (
    release_key        varchar not null,
    period_key         date not null,
    span               varchar not null,
    flow               varchar not null,
    regime_key         varchar not null,
    currency           varchar not null,
    unit_code          varchar not null,
    value              decimal(18, 3),
    value_base         decimal(38, 3),
    yoy_pct_published  decimal(18, 3),
    label_printed      varchar not null,
    source_row         integer not null,
    source_column      integer not null,
    primary key (release_key, period_key, span, flow, regime_key)
);
comment on table fct_trade_by_regime is 'Trade by customs regime (the preliminary release''s "trade mode") as published: one row per release, period, span, flow and regime; regime_key total is the table''s total line.';
comment on column fct_trade_by_regime.release_key is 'The page this row was read from (sha256 of the raw page); joins dim_release.';
comment on column fct_trade_by_regime.period_key is 'First day of the observation''s month.';
comment on column fct_trade_by_regime.span is 'month = the month alone; ytd = January through the month; jan_feb = a combined January–February release.';
comment on column fct_trade_by_regime.flow is 'export, import, or total (exports + imports, where the page prints it).';
comment on column fct_trade_by_regime.regime_key is 'Customs regime (reference/regimes.csv, with the query platform''s code); joins dim_regime.';
comment on column fct_trade_by_regime.currency is 'CNY or USD: the currency of the page.';
comment on column fct_trade_by_regime.unit_code is 'Unit of value as printed; see ref.value_units.';
comment on column fct_trade_by_regime.value is 'Value as printed, in unit_code; null where GACC prints "-".';
comment on column fct_trade_by_regime.value_base is 'value × unit factor: whole CNY or USD, exact.';
comment on column fct_trade_by_regime.yoy_pct_published is 'Year-on-year change in %, as GACC printed it.';
comment on column fct_trade_by_regime.label_printed is 'The regime label exactly as printed on this page.';
comment on column fct_trade_by_regime.source_row is 'Row of the page''s table (1-based).';
comment on column fct_trade_by_regime.source_column is 'Column of the page''s table the value was read from (0 = label).';
