-- group_members_within_group: the members of a continent or bloc printed on a page never add up to more
-- than the group's own row on that page.
-- severity: error
-- Grain: one row per release × period × span × flow × group whose printed members (bridge_partner_group,
-- valid in the period) exceed it. A page need not print every member (the preliminary release prints a
-- handful), so the members may fall short of the group, never exceed it.
-- Tolerance: each printed member and the group, within half their last digit.
with partners as (
    select * from int_observations
    where fact_table = 'fct_trade_by_partner' and value_base is not null
),
members as (
    select
        partners.release_key, partners.period_key, partners.span, partners.flow, groups.group_key,
        sum(partners.value_base) as members_value,
        count(*) as members_printed,
        sum(partners.half_unit_base) as members_rounding
    from partners
    join bridge_partner_group as groups
      on groups.partner_key = partners.member_key
     and partners.period_key between groups.valid_from and groups.valid_to
    group by all
)
select
    members.release_key,
    concat_ws(' ', strftime(members.period_key, '%Y-%m'), members.span, members.flow, members.group_key)
        as subject,
    members.members_value as observed,
    grouped.value_base as expected,
    members.members_rounding + grouped.half_unit_base as tolerance,
    members.members_printed || ' members of ' || members.group_key || ' add up to ' || members.members_value
        || ' > ' || grouped.value_base || ' printed for the group' as detail
from members
join partners as grouped
  on grouped.release_key = members.release_key
 and grouped.period_key = members.period_key
 and grouped.span = members.span
 and grouped.flow = members.flow
 and grouped.member_key = members.group_key
where members.members_value > grouped.value_base + members.members_rounding + grouped.half_unit_base
