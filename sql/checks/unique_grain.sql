-- unique_grain: every fact table holds one row per its grain, and every *_latest view one row per fact.
-- severity: error
-- Grain: one row per fact table or view × duplicated grain. The tables' primary keys make a duplicate load
-- fail; this rule also guards what no key can: the vintage views' choice of one print per fact.
with grains as (
    select 'fct_trade_by_partner' as relation, release_key,
           concat_ws(' ', period_key, span, flow, partner_key) as grain
    from fct_trade_by_partner
    union all
    select 'fct_trade_by_commodity', release_key, concat_ws(' ', period_key, span, flow, commodity_key)
    from fct_trade_by_commodity
    union all
    select 'fct_trade_by_regime', release_key, concat_ws(' ', period_key, span, flow, regime_key)
    from fct_trade_by_regime
    union all
    select 'fct_trade_by_enterprise', release_key,
           concat_ws(' ', period_key, span, flow, regime_key, enterprise_key)
    from fct_trade_by_enterprise
    union all
    select 'fct_trade_by_partner_latest', null, concat_ws(' ', period_key, span, flow, partner_key, currency)
    from fct_trade_by_partner_latest
    union all
    select 'fct_trade_by_commodity_latest', null,
           concat_ws(' ', period_key, span, flow, commodity_key, currency)
    from fct_trade_by_commodity_latest
    union all
    select 'fct_trade_by_regime_latest', null, concat_ws(' ', period_key, span, flow, regime_key, currency)
    from fct_trade_by_regime_latest
    union all
    select 'fct_trade_by_enterprise_latest', null,
           concat_ws(' ', period_key, span, flow, regime_key, enterprise_key, currency)
    from fct_trade_by_enterprise_latest
)
select
    release_key,
    relation || ' ' || grain as subject,
    count(*) as observed,
    1 as expected,
    0 as tolerance,
    count(*) || ' rows for one ' || relation || ' grain (' || grain || ')' as detail
from grains
group by relation, release_key, grain
having count(*) > 1
