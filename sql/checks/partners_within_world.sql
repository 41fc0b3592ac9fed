-- partners_within_world: no partner, continent or bloc exceeds the world total printed on the same page.
-- severity: error
-- Grain: one row per release × period × span × flow × partner whose value exceeds the page's WORLD row.
-- Tolerance: two printed numbers, each within half its last digit.
with partners as (
    select * from int_observations
    where fact_table = 'fct_trade_by_partner' and value_base is not null
),
world as (
    select * from partners where member_key = 'WORLD'
)
select
    partners.release_key,
    concat_ws(' ', strftime(partners.period_key, '%Y-%m'), partners.span, partners.flow, partners.member_key)
        as subject,
    partners.value_base as observed,
    world.value_base as expected,
    partners.half_unit_base + world.half_unit_base as tolerance,
    partners.member_key || ' ' || partners.value_base || ' > world ' || world.value_base as detail
from partners
join world using (release_key, period_key, span, flow)
where partners.member_key <> 'WORLD'
  and partners.value_base > world.value_base + partners.half_unit_base + world.half_unit_base
