-- bridge_partner_group: which partners make up each group (bloc or continent), and when.
-- Grain: one row per group × member × validity interval.
-- Inputs: ref.partner_groups (reference/partner_groups.csv, with sources).
create or replace table bridge_partner_group as
with memberships as (
    select * from ref.partner_groups
),
final as (
    select
        group_key,
        partner_key,
        coalesce(strptime(nullif(valid_from, '') || '-01', '%Y-%m-%d')::date, date '1900-01-01') as valid_from,
        coalesce(
            last_day(strptime(nullif(valid_to, '') || '-01', '%Y-%m-%d')::date), date '9999-12-31'
        ) as valid_to,
        source
    from memberships
)
select * from final;
comment on table bridge_partner_group is 'Group membership with validity dates (EU-28 until January 2020, EU-27 from February 2020; ASEAN; APEC; RCEP; continents as the bulletin nests them). Join on partner_key and period_key between valid_from and valid_to.';
comment on column bridge_partner_group.group_key is 'The group''s partner_key in dim_partner (EU, ASEAN, AFRICA…).';
comment on column bridge_partner_group.partner_key is 'A member''s partner_key.';
comment on column bridge_partner_group.valid_from is 'First day the membership counts (1900-01-01 = before the warehouse''s first month).';
comment on column bridge_partner_group.valid_to is 'Last day the membership counts (9999-12-31 = still a member).';
comment on column bridge_partner_group.source is 'Where the membership and its dates come from.';
