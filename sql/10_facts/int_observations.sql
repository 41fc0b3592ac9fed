-- int_observations: every published number of every fact table in one long shape, for vintages and revisions.
-- Grain: one row per release × fact table × period × span × flow × member × measure.
-- Inputs: fct_trade_by_partner, fct_trade_by_commodity, fct_trade_by_regime, fct_trade_by_enterprise.
create or replace view int_observations as
with partner as (
    select release_key, 'fct_trade_by_partner' as fact_table, period_key, span, flow, currency,
           partner_key as member_key, 'value' as measure, value_base, currency as base_unit
    from fct_trade_by_partner
),
commodity_value as (
    select release_key, 'fct_trade_by_commodity' as fact_table, period_key, span, flow, currency,
           commodity_key as member_key, 'value' as measure, value_base, currency as base_unit
    from fct_trade_by_commodity
),
commodity_quantity as (
    select release_key, 'fct_trade_by_commodity' as fact_table, period_key, span, flow, currency,
           commodity_key as member_key, 'quantity' as measure, quantity_base as value_base, base_unit
    from fct_trade_by_commodity
    where quantity_base is not null
),
regime as (
    select release_key, 'fct_trade_by_regime' as fact_table, period_key, span, flow, currency,
           regime_key as member_key, 'value' as measure, value_base, currency as base_unit
    from fct_trade_by_regime
),
enterprise as (
    select release_key, 'fct_trade_by_enterprise' as fact_table, period_key, span, flow, currency,
           regime_key || '/' || enterprise_key as member_key, 'value' as measure, value_base,
           currency as base_unit
    from fct_trade_by_enterprise
),
final as (
    select * from partner
    union all select * from commodity_value
    union all select * from commodity_quantity
    union all select * from regime
    union all select * from enterprise
)
select * from final;
comment on view int_observations is 'Every published number of every fact table in one long shape (value and commodity quantity, in whole currency units or base units), one row per release; the input of rpt_revisions.';
comment on column int_observations.release_key is 'The page the number was read from; joins dim_release.';
comment on column int_observations.fact_table is 'The fact table the number lives in.';
comment on column int_observations.period_key is 'First day of the observation''s month.';
comment on column int_observations.span is 'month, ytd or jan_feb.';
comment on column int_observations.flow is 'export, import or total.';
comment on column int_observations.currency is 'CNY or USD: the currency of the page.';
comment on column int_observations.member_key is 'partner_key, commodity_key, regime_key, or regime_key/enterprise_key.';
comment on column int_observations.measure is 'value or quantity.';
comment on column int_observations.value_base is 'The number in whole currency units (value) or the base unit (quantity), exact.';
comment on column int_observations.base_unit is 'CNY or USD for values; t, item, pair… for quantities.';
