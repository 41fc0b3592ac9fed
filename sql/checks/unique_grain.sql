-- unique_grain: every fact table holds one row per its grain, and every dimension one row per key.
-- severity: error
-- Grain: one row per table × duplicated key. The fact tables' primary keys already refuse a duplicate load;
-- the dimensions and the reference codes the views join on have no key, and a duplicate there would fan out
-- every join (a second value unit row would double int_observations).
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
    union all select 'dim_partner', null, partner_key from dim_partner
    union all select 'dim_commodity', null, commodity_key from dim_commodity
    union all select 'dim_regime', null, regime_key from dim_regime
    union all select 'dim_enterprise_type', null, enterprise_key from dim_enterprise_type
    union all select 'dim_period', null, cast(period_key as varchar) from dim_period
    union all select 'dim_release', release_key, release_key from dim_release
    union all select 'bridge_partner_group', null, concat_ws(' ', group_key, partner_key, valid_from)
    from bridge_partner_group
    union all select 'ref.enterprise_types', null, enterprise_key from ref.enterprise_types
    -- a unit code may have several printed spellings, but one factor and one precision
    union all select 'ref.value_units', null, unit_code
    from (select distinct unit_code, factor, decimals from ref.value_units)
    union all select 'ref.quantity_units', null, unit_code
    from (select distinct unit_code, dimension, base_unit, factor from ref.quantity_units)
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
