-- yoy_matches_same_page: a printed y/y % agrees with the current and prior-year values printed on the
-- same page (the preliminary commodity tables print both years).
-- severity: error
-- Grain: one row per release × fact table × period × span × flow × member whose printed y/y is further from
-- the one computed from the page's own values than their rounding allows.
-- Tolerance: the printed % is within 0.05; the values within half their last digit, which moves the ratio
-- by at most 100 × (h_now × prior + h_prior × |now|) / (prior × (prior − h_prior)).
with observations as (
    select * from int_observations
    where measure = 'value' and value_base is not null and half_unit_base is not null
),
paired as (
    select
        now.release_key, now.fact_table, now.period_key, now.span, now.flow, now.member_key,
        now.yoy_pct_published,
        now.value_base as now_value,
        prior.value_base as prior_value,
        100 * (now.value_base / prior.value_base - 1) as yoy_pct_computed,
        100 * (now.half_unit_base * prior.value_base + prior.half_unit_base * abs(now.value_base))
            / (prior.value_base * (prior.value_base - prior.half_unit_base)) + 0.05 as tolerance
    from observations as now
    join observations as prior
      on prior.release_key = now.release_key
     and prior.fact_table = now.fact_table
     and prior.period_key = now.period_key - interval 1 year
     and prior.span = now.span
     and prior.flow = now.flow
     and prior.member_key = now.member_key
    where now.yoy_pct_published is not null and prior.value_base > prior.half_unit_base
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), span, flow, member_key) as subject,
    yoy_pct_published as observed,
    round(yoy_pct_computed, 3) as expected,
    round(tolerance, 3) as tolerance,
    'printed y/y ' || yoy_pct_published || ' %, but ' || now_value || ' against ' || prior_value
        || ' printed a year earlier is ' || round(yoy_pct_computed, 3) || ' %' as detail
from paired
where abs(yoy_pct_published - yoy_pct_computed) > tolerance
