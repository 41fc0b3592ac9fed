-- fct_trade_by_commodity_latest: trade by commodity, every fact at its latest and most authoritative vintage.
-- Grain: one row per period × span × flow × commodity × currency.
-- Inputs: fct_trade_by_commodity_as_of (with no date limit).
create or replace view fct_trade_by_commodity_latest as
select * from fct_trade_by_commodity_as_of(date '9999-12-31');
comment on view fct_trade_by_commodity_latest is 'Trade by commodity at the latest vintage: for every fact, the bulletin figure where the bulletin printed it, else the newest preliminary figure. Columns as in fct_trade_by_commodity, plus product, known_on and source_url of the release chosen.';
comment on column fct_trade_by_commodity_latest.product is 'The product of the release chosen (bulletin or preliminary).';
comment on column fct_trade_by_commodity_latest.known_on is 'The date the chosen figure was published (or fetched, when the page prints no date).';
comment on column fct_trade_by_commodity_latest.source_url is 'The GACC page the chosen figure was read from.';
