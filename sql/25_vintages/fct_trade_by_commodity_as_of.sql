-- fct_trade_by_commodity_as_of: trade by commodity as it was known on a date — per fact, the most authoritative print known by then.
-- Grain: one row per period × span × flow × commodity × currency (the fct_trade_by_commodity grain without the release).
-- Inputs: fct_trade_by_commodity, dim_release (authority, known_on).
create or replace macro fct_trade_by_commodity_as_of(as_of_date) as table
select
    facts.*,
    releases.product,
    releases.known_on,
    releases.url as source_url
from fct_trade_by_commodity as facts
join dim_release as releases using (release_key)
where releases.known_on <= as_of_date
qualify row_number() over (
    partition by facts.period_key, facts.span, facts.flow, facts.commodity_key, facts.currency
    -- bulletin over preliminary, then the newer print, then the later fetch of the same page
    order by releases.authority desc, releases.known_on desc, releases.retrieved_at desc
) = 1;
comment on macro table fct_trade_by_commodity_as_of is 'Trade by commodity as known on as_of_date: for every fact, the most authoritative release (bulletin over preliminary, then newer) whose known_on is on or before the date. Usage: select * from fct_trade_by_commodity_as_of(date ''2025-12-10'').';
