-- yoy_matches_prior_year: a printed y/y % agrees with the prior year's value as this warehouse holds it
-- (the most authoritative print of another release).
-- severity: warn
-- Grain: one row per release × fact table × period × span × flow × member whose printed y/y is further from
-- the one computed against the held prior year than rounding allows.
-- Why warn: GACC computes y/y against the prior year as revised since (bulletin, then yearbook); a held
-- preliminary or bulletin print may legitimately differ. A large gap still flags a mis-keyed partner or
-- commodity or a wrong prior-year page, so each one is recorded.
-- Tolerance: as in yoy_matches_same_page, with each value's own printed precision.
with observations as (
    select observations.*, releases.authority, releases.known_on, releases.retrieved_at
    from int_observations as observations
    join dim_release as releases using (release_key)
    where observations.measure = 'value' and observations.value_base is not null
      and observations.half_unit_base is not null
),
best_print as (
    select * from observations
    qualify row_number() over (
        partition by fact_table, period_key, span, flow, member_key, currency
        order by authority desc, known_on desc, retrieved_at desc
    ) = 1
),
paired as (
    select
        now.release_key, now.fact_table, now.period_key, now.span, now.flow, now.member_key,
        now.yoy_pct_published,
        now.value_base as now_value,
        prior.value_base as prior_value,
        prior.release_key as prior_release_key,
        100 * (now.value_base / prior.value_base - 1) as yoy_pct_computed,
        100 * (now.half_unit_base * prior.value_base + prior.half_unit_base * abs(now.value_base))
            / (prior.value_base * (prior.value_base - prior.half_unit_base)) + 0.05 as tolerance
    from observations as now
    join best_print as prior
      on prior.fact_table = now.fact_table
     and prior.currency = now.currency
     and prior.period_key = now.period_key - interval 1 year
     and prior.span = now.span
     and prior.flow = now.flow
     and prior.member_key = now.member_key
     and prior.release_key <> now.release_key
    where now.yoy_pct_published is not null and prior.value_base > prior.half_unit_base
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), span, flow, member_key) as subject,
    yoy_pct_published as observed,
    round(yoy_pct_computed, 3) as expected,
    round(tolerance, 3) as tolerance,
    'printed y/y ' || yoy_pct_published || ' %, but ' || now_value || ' against the held prior year '
        || prior_value || ' (release ' || left(prior_release_key, 12) || ') is ' || round(yoy_pct_computed, 3)
        || ' %' as detail
from paired
where abs(yoy_pct_published - yoy_pct_computed) > tolerance
