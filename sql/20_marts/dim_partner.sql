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
        nullif(name_zh, '') as name_zh,
        nullif(iso3, '') as iso3,
        kind,
        nullif(printed_under, '') as preliminary_parent_key,
        nullif(bulletin_printed_under, '') as bulletin_parent_key
    from partners
)
select * from final;
comment on table dim_partner is 'Trading partners and aggregates (world, country = one customs territory, region = continent, bloc = membership aggregate, residual = a continent''s "other territories" line, unallocated = "countries unknown"), with GACC''s English and Chinese labels.';
comment on column dim_partner.partner_key is 'ISO 3166-1 alpha-3 for single economies that have one; WORLD, continents (ASIA, AFRICA, EUROPE, LATAM, NORTH_AMERICA, OCEANIA) and blocs (EU, ASEAN, APEC, RCEP, BRI) for aggregates.';
comment on column dim_partner.name_en is 'GACC''s English label (the preliminary release''s wording where it prints the partner).';
comment on column dim_partner.name_zh is 'GACC''s Chinese label.';
comment on column dim_partner.iso3 is 'ISO 3166-1 alpha-3 code; null for aggregates and for territories without one.';
comment on column dim_partner.kind is 'world, country, region, bloc, residual ("Other … Territories") or unallocated.';
comment on column dim_partner.preliminary_parent_key is 'The aggregate the preliminary table (4) prints this partner under ("of which").';
comment on column dim_partner.bulletin_parent_key is 'The row the bulletin table (2) nests this partner under (its continent, or WORLD).';
