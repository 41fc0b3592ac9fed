-- children_within_parent: parts never exceed their whole, alone or together: "of which" partners, regimes
-- and their total, enterprise types and the Total column, foreign-invested enterprises' sub-types.
-- severity: error
-- Grain: one row per release × fact table × period × span × flow × parent whose children exceed it.
-- Every child alone, and the children that do not overlap together: blocs (printed under WORLD beside the
-- continents) overlap the continents and each other, so they are checked alone and left out of the sum. Commodities are not checked: their
-- printed indentation is layout, not an "of which" hierarchy (bulletin (14) prints crude oil under grain).
-- Tolerance: each printed child and the parent, within half their last digit.
with observations as (
    select * from int_observations
    where measure = 'value' and value_base is not null and fact_table <> 'fct_trade_by_commodity'
      and flow <> 'balance'  -- a balance may be negative: its parts do not bound it
),
partner_kinds as (
    select partner_key as member_key, kind from dim_partner
),
children as (
    select observations.*, coalesce(partner_kinds.kind, 'member') as kind
    from observations
    left join partner_kinds
      on observations.fact_table = 'fct_trade_by_partner' and partner_kinds.member_key = observations.member_key
    where observations.parent_member_key is not null
),
summed as (
    select
        release_key, fact_table, period_key, span, flow, parent_member_key,
        -- blocs overlap the continents and each other: they count alone, never in the sum
        sum(value_base) filter (where kind <> 'bloc') as disjoint_value,
        count(*) filter (where kind <> 'bloc') as disjoint_children,
        sum(half_unit_base) filter (where kind <> 'bloc') as disjoint_rounding,
        max(value_base) as largest_value,
        arg_max(member_key, value_base) as largest_child,
        max(half_unit_base) as child_rounding
    from children
    group by all
),
compared as (
    select
        summed.*,
        parents.value_base as parent_value,
        parents.half_unit_base as parent_rounding
    from summed
    join observations as parents
      on parents.release_key = summed.release_key
     and parents.fact_table = summed.fact_table
     and parents.period_key = summed.period_key
     and parents.span = summed.span
     and parents.flow = summed.flow
     and parents.member_key = summed.parent_member_key
),
violations as (
    select
        *,
        disjoint_value > parent_value + disjoint_rounding + parent_rounding as sum_exceeds,
        largest_value > parent_value + child_rounding + parent_rounding as child_exceeds
    from compared
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), span, flow, parent_member_key) as subject,
    case when child_exceeds then largest_value else disjoint_value end as observed,
    parent_value as expected,
    case when child_exceeds then child_rounding else disjoint_rounding end + parent_rounding as tolerance,
    case
        when child_exceeds then largest_child || ' ' || largest_value || ' > its parent ' || parent_value
        else disjoint_children || ' children add up to ' || disjoint_value || ' > their parent ' || parent_value
    end as detail
from violations
where child_exceeds or sum_exceeds
