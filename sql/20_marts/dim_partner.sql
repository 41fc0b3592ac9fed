-- dim_partner: trading partners and partner aggregates as GACC prints them.
-- Grain: one row per partner_key.
-- Inputs: ref.partners (reference/partners.csv).
create or replace table dim_partner as
with partners as (
    select * from ref.partners
),
final as (
    select
        partner_key,
        name_en,
        name_zh,
        nullif(iso3, '') as iso3,
        kind
    from partners
)
select * from final;
comment on table dim_partner is 'Trading partners and aggregates (world, country = one customs territory with an ISO code, region = continent-type aggregate, bloc = membership aggregate), with GACC''s English and Chinese labels.';
comment on column dim_partner.partner_key is 'ISO 3166-1 alpha-3 for single economies; WORLD, EU, ASEAN, RCEP, BRI, AFRICA, LATAM for aggregates.';
