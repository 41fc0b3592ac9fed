-- fct_trade_by_enterprise_latest: trade by enterprise type and regime, every fact at its latest and most authoritative vintage.
-- Grain: one row per period × span × flow × regime × enterprise type × currency.
-- Inputs: fct_trade_by_enterprise_as_of (with no date limit).
create or replace view fct_trade_by_enterprise_latest as
select * from fct_trade_by_enterprise_as_of(date '9999-12-31');
comment on view fct_trade_by_enterprise_latest is 'Trade by enterprise type and regime at the latest vintage: for every fact, the bulletin figure where the bulletin printed it, else the newest preliminary figure. Columns as in fct_trade_by_enterprise, plus product, known_on and source_url of the release chosen.';
comment on column fct_trade_by_enterprise_latest.product is 'The product of the release chosen (bulletin or preliminary).';
comment on column fct_trade_by_enterprise_latest.known_on is 'The date the chosen figure was published (or fetched, when the page prints no date).';
comment on column fct_trade_by_enterprise_latest.source_url is 'The GACC page the chosen figure was read from.';
