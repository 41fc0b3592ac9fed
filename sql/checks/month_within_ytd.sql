-- month_within_ytd: on one page, a month never exceeds its year to date, and January's year to date is
-- January itself.
-- severity: error
-- Grain: one row per release × fact table × period × flow × member whose month and year-to-date columns
-- disagree: the signature of swapped or shifted columns.
-- Tolerance: two printed numbers, each within half its last digit.
with observations as (
    -- a balance may change sign within the year: only exports, imports and totals accumulate
    select * from int_observations where measure = 'value' and value_base is not null and flow <> 'balance'
),
paired as (
    select
        months.release_key, months.fact_table, months.period_key, months.flow, months.member_key,
        months.value_base as month_value,
        ytd.value_base as ytd_value,
        months.half_unit_base + ytd.half_unit_base as tolerance
    from observations as months
    join observations as ytd
      on ytd.release_key = months.release_key
     and ytd.fact_table = months.fact_table
     and ytd.period_key = months.period_key
     and ytd.flow = months.flow
     and ytd.member_key = months.member_key
     and ytd.span = 'ytd'
    where months.span = 'month'
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), flow, member_key) as subject,
    month_value as observed,
    ytd_value as expected,
    tolerance,
    case
        when month(period_key) = 1 then 'January ' || month_value || ' ≠ January to date ' || ytd_value
        else 'month ' || month_value || ' > year to date ' || ytd_value
    end as detail
from paired
where month_value > ytd_value + tolerance
   or (month(period_key) = 1 and abs(month_value - ytd_value) > tolerance)
