-- dim_commodity: commodities of the major export/import tables, one stable id across GACC's relabels.
-- Grain: one row per commodity_key.
-- Inputs: ref.commodities, ref.commodity_aliases, ref.quantity_units, fct_trade_by_commodity (printed parent).
create or replace view dim_commodity as
with commodities as (
    select * from ref.commodities
),
aliases as (
    select commodity_key, list(distinct printed_label order by printed_label) as printed_labels
    from ref.commodity_aliases
    group by commodity_key
),
base_units as (
    select distinct dimension, base_unit from ref.quantity_units
),
printed_parents as (
    -- The line most often printed above it; GACC's indentation, not a semantic hierarchy.
    select commodity_key, mode(parent_commodity_key) as parent_commodity_key
    from fct_trade_by_commodity
    where parent_commodity_key is not null
    group by commodity_key
),
final as (
    select
        commodities.commodity_key,
        commodities.name_en,
        nullif(commodities.name_zh, '') as name_zh,
        commodities.is_aggregate = 'true' as is_aggregate,
        printed_parents.parent_commodity_key,
        nullif(commodities.dimension, '') as quantity_dimension,
        base_units.base_unit,
        coalesce(aliases.printed_labels, []) as printed_labels
    from commodities
    left join aliases using (commodity_key)
    left join base_units on base_units.dimension = commodities.dimension
    left join printed_parents using (commodity_key)
)
select * from final;
comment on view dim_commodity is 'Commodities of the major export and import tables with a stable id across GACC''s relabels (2019 catalogue, 2026 HS-style names), their aliases, aggregate flag, printed parent, and quantity dimension with its base unit.';
comment on column dim_commodity.commodity_key is 'Stable commodity id; joins fct_trade_by_commodity.';
comment on column dim_commodity.name_en is 'Current English name.';
comment on column dim_commodity.name_zh is 'Chinese name, where known.';
comment on column dim_commodity.is_aggregate is 'True for lines GACC marks with * (aggregates such as agricultural products, mechanical and electrical products).';
comment on column dim_commodity.parent_commodity_key is 'The line GACC most often prints it under (indentation); not a semantic hierarchy.';
comment on column dim_commodity.quantity_dimension is 'mass, count, pairs, volume…; null for value-only lines.';
comment on column dim_commodity.base_unit is 'Base unit of fct_trade_by_commodity.quantity_base for this commodity (kg, piece, pair, m3…).';
comment on column dim_commodity.printed_labels is 'Every label GACC has printed for it (reference/commodity_aliases.csv).';
