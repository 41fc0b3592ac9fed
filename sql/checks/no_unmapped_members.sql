-- no_unmapped_members: every partner, commodity, regime and enterprise type in a fact table is one the
-- reference data knows (a label that mapped to nothing would have no dimension row to join).
-- severity: error
-- Grain: one row per fact table × member key missing from its dimension, with the pages that print it.
with members as (
    select 'fct_trade_by_partner' as fact_table, partner_key as member_key, release_key, label_printed
    from fct_trade_by_partner
    union all
    select 'fct_trade_by_commodity', commodity_key, release_key, label_printed from fct_trade_by_commodity
    union all
    select 'fct_trade_by_regime', regime_key, release_key, label_printed from fct_trade_by_regime
    union all
    select 'fct_trade_by_enterprise', regime_key, release_key, label_printed from fct_trade_by_enterprise
    union all
    select 'fct_trade_by_enterprise', enterprise_key, release_key, label_printed from fct_trade_by_enterprise
),
known as (
    select 'fct_trade_by_partner' as fact_table, partner_key as member_key from dim_partner
    union all select 'fct_trade_by_commodity', commodity_key from dim_commodity
    union all select 'fct_trade_by_regime', regime_key from dim_regime
    union all select 'fct_trade_by_enterprise', regime_key from dim_regime
    union all select 'fct_trade_by_enterprise', enterprise_key from dim_enterprise_type
),
unmapped as (
    select members.*
    from members
    anti join known using (fact_table, member_key)
)
select
    release_key,
    concat_ws(' ', fact_table, member_key) as subject,
    null as observed,
    null as expected,
    null as tolerance,
    member_key || ' (printed "' || any_value(label_printed) || '") has no row in its dimension' as detail
from unmapped
group by release_key, fact_table, member_key
