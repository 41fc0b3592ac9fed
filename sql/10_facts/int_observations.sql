-- int_observations: every published number of every fact table in one long shape, for vintages, revisions and
-- the quality checks.
-- Grain: one row per release × fact table × period × span × flow × member × measure.
-- Inputs: fct_trade_by_partner, fct_trade_by_commodity, fct_trade_by_regime, fct_trade_by_enterprise,
-- ref.enterprise_types (sub-types' parent), ref.value_units (the printed precision).
create or replace view int_observations as
with partner as (
    select release_key, 'fct_trade_by_partner' as fact_table, period_key, span, flow, currency,
           partner_key as member_key, parent_partner_key as parent_member_key, 'value' as measure,
           unit_code, value, value_base, currency as base_unit, yoy_pct_published, source_row
    from fct_trade_by_partner
),
commodity_value as (
    select release_key, 'fct_trade_by_commodity' as fact_table, period_key, span, flow, currency,
           commodity_key as member_key, parent_commodity_key as parent_member_key, 'value' as measure,
           unit_code, value, value_base, currency as base_unit, value_yoy_pct_published as yoy_pct_published,
           source_row
    from fct_trade_by_commodity
),
commodity_quantity as (
    select release_key, 'fct_trade_by_commodity' as fact_table, period_key, span, flow, currency,
           commodity_key as member_key, parent_commodity_key as parent_member_key, 'quantity' as measure,
           quantity_unit_code as unit_code, quantity as value, quantity_base as value_base, base_unit,
           quantity_yoy_pct_published as yoy_pct_published, source_row
    from fct_trade_by_commodity
    where quantity_base is not null
),
regime as (
    -- every regime is a part of the table's total line, which the parser checked they add up to
    select release_key, 'fct_trade_by_regime' as fact_table, period_key, span, flow, currency,
           regime_key as member_key, case when regime_key <> 'total' then 'total' end as parent_member_key,
           'value' as measure,
           unit_code, value, value_base, currency as base_unit, yoy_pct_published, source_row
    from fct_trade_by_regime
),
enterprise as (
    select facts.release_key, 'fct_trade_by_enterprise' as fact_table, facts.period_key, facts.span, facts.flow,
           facts.currency, facts.regime_key || '/' || facts.enterprise_key as member_key,
           -- a sub-type is part of its parent type (FIE), every other type part of the Total column
           facts.regime_key || '/' || coalesce(
               nullif(types.parent_key, ''), case when facts.enterprise_key <> 'total' then 'total' end
           ) as parent_member_key,
           'value' as measure,
           facts.unit_code, facts.value, facts.value_base, facts.currency as base_unit, facts.yoy_pct_published,
           facts.source_row
    from fct_trade_by_enterprise as facts
    left join ref.enterprise_types as types using (enterprise_key)
),
observations as (
    select * from partner
    union all select * from commodity_value
    union all select * from commodity_quantity
    union all select * from regime
    union all select * from enterprise
),
precision as (
    -- A printed value is exact to half its last digit: 0.05 of CNY 100 million is CNY 5 million.
    -- one row per unit code, so the join cannot fan out (unique_grain checks the codes agree)
    select
        unit_code,
        max(cast(0.5 * cast(factor as decimal(38, 0)) / pow(10, cast(decimals as integer)) as decimal(38, 3)))
            as half_unit_base
    from ref.value_units
    group by unit_code
),
final as (
    select observations.*, precision.half_unit_base
    from observations
    left join precision on observations.measure = 'value' and precision.unit_code = observations.unit_code
)
select * from final;
comment on view int_observations is 'Every published number of every fact table in one long shape (value and commodity quantity, as printed and in whole currency units or base units, with its printed y/y and precision), one row per release; the input of rpt_revisions and the quality checks (sql/checks).';
comment on column int_observations.release_key is 'The page the number was read from; joins dim_release.';
comment on column int_observations.fact_table is 'The fact table the number lives in.';
comment on column int_observations.period_key is 'First day of the observation''s month.';
comment on column int_observations.span is 'month, ytd or jan_feb.';
comment on column int_observations.flow is 'export, import or total.';
comment on column int_observations.currency is 'CNY or USD: the currency of the page.';
comment on column int_observations.member_key is 'partner_key, commodity_key, regime_key, or regime_key/enterprise_key.';
comment on column int_observations.parent_member_key is 'The member this one is printed under on the page (partners, commodities by indentation) or is a part of (every regime of total; enterprise types of regime_key/total, FIE sub-types of regime_key/fie).';
comment on column int_observations.measure is 'value or quantity.';
comment on column int_observations.unit_code is 'Unit the number is printed in: a value unit (ref.value_units) or a quantity unit (ref.quantity_units).';
comment on column int_observations.value is 'The number as printed, in unit_code.';
comment on column int_observations.value_base is 'The number in whole currency units (value) or the base unit (quantity), exact.';
comment on column int_observations.base_unit is 'CNY or USD for values; t, item, pair… for quantities.';
comment on column int_observations.yoy_pct_published is 'Year-on-year change in % as GACC printed it beside the number.';
comment on column int_observations.source_row is 'Row of the page''s table the number was read from.';
comment on column int_observations.half_unit_base is 'Half the last printed digit, in base units: how far the printed value may be from the exact one (values only; null for quantities).';
