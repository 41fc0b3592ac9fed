-- dim_enterprise_type: types of enterprise in bulletin tables (6)/(7).
-- Grain: one row per enterprise_key.
-- Inputs: ref.enterprise_types.
create or replace table dim_enterprise_type as
with types as (
    select * from ref.enterprise_types
),
final as (
    select
        enterprise_key,
        name_en,
        nullif(abbreviation, '') as abbreviation,
        nullif(parent_key, '') as parent_enterprise_key
    from types
)
select * from final;
comment on table dim_enterprise_type is 'Types of enterprise of bulletin tables (6)/(7): SOE, FIE (with its 2019 sub-types), POE, other, and the total column.';
comment on column dim_enterprise_type.enterprise_key is 'Stable id; joins fct_trade_by_enterprise.';
comment on column dim_enterprise_type.name_en is 'English name.';
comment on column dim_enterprise_type.abbreviation is 'GACC''s abbreviation (SOE, FIE, POE).';
comment on column dim_enterprise_type.parent_enterprise_key is 'For the 2019 FIE sub-types: fie.';
