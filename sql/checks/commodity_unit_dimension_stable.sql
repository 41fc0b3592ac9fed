-- commodity_unit_dimension_stable: a commodity's quantity is counted in its one dimension (mass, count…):
-- reference/commodities.csv's, or commodity_dimension_history.csv's for years GACC counted it otherwise.
-- severity: error
-- Grain: one row per release × period × span × commodity whose quantity unit has another dimension.
-- Inputs: fct_trade_by_commodity, dim_release (the page's period), ref.quantity_units, ref.commodities,
-- ref.commodity_dimension_history.
-- A quantity printed without a unit (the April 2025 USD (5) page prints no unit cells) has no dimension to
-- compare: it stays as printed, with no quantity_base, and is not checked here.
-- The dimension is the one of the page's period, not of the row's: a page prints its prior-year block in its
-- own catalogue (the Jan–Feb 2020 page counts 2019's footwear in pairs, as it counts 2020's).
with quantities as (
    select facts.*, units.dimension, releases.period_key as page_period_key
    from fct_trade_by_commodity as facts
    join dim_release as releases using (release_key)
    left join (select distinct unit_code, dimension from ref.quantity_units) as units
      on units.unit_code = facts.quantity_unit_code
    where facts.quantity is not null and facts.quantity_unit_code is not null
),
history as (
    select commodity_key, dimension, last_day(strptime(valid_to || '-01', '%Y-%m-%d')::date) as valid_to
    from ref.commodity_dimension_history
),
expected as (
    select
        quantities.*,
        coalesce(
            (select history.dimension from history
             where history.commodity_key = quantities.commodity_key
               and quantities.page_period_key <= history.valid_to
             order by history.valid_to limit 1),
            nullif(commodities.dimension, '')
        ) as expected_dimension
    from quantities
    left join ref.commodities as commodities using (commodity_key)
)
select
    release_key,
    concat_ws(' ', strftime(period_key, '%Y-%m'), span, flow, commodity_key) as subject,
    null as observed,
    null as expected,
    null as tolerance,
    commodity_key || ' printed in ' || quantity_unit_printed || ' (' || coalesce(dimension, 'unknown unit')
        || '), but it is counted in ' || coalesce(expected_dimension, 'no dimension (value only)') as detail
from expected
where dimension is distinct from expected_dimension
