-- month_chains_to_ytd: year to date M = year to date M−1 + month M, across two releases of one product,
-- table family and currency.
-- severity: warn
-- Grain: one row per release × fact table × period × flow × member whose chain breaks by more than rounding.
-- Why warn: GACC revises earlier months in every new release ("data verification after dissemination"), so
-- the gap is the implied revision of January..M−1 — recorded for analysts, not a reason to hold a release
-- (the bulletin's 2019 regime table restates the year to date by up to 0.2 % a month).
-- Tolerance: three printed numbers, each within half its last digit.
with observations as (
    select observations.*, releases.product, releases.table_family, releases.known_on, releases.retrieved_at
    from int_observations as observations
    join dim_release as releases using (release_key)
    where observations.measure = 'value' and observations.value_base is not null
),
earlier as (
    -- the newest print, per product and family, of each year to date (a combined January–February counts)
    select * from observations
    where span in ('ytd', 'jan_feb')
    qualify row_number() over (
        partition by product, table_family, currency, fact_table, period_key, flow, member_key
        order by known_on desc, retrieved_at desc
    ) = 1
),
chained as (
    select
        months.release_key, months.fact_table, months.period_key, months.flow, months.member_key,
        earlier.value_base as earlier_ytd,
        months.value_base as month_value,
        ytd.value_base as ytd_value,
        months.half_unit_base + ytd.half_unit_base + earlier.half_unit_base as tolerance
    from observations as months
    join observations as ytd
      on ytd.release_key = months.release_key
     and ytd.fact_table = months.fact_table
     and ytd.period_key = months.period_key
     and ytd.flow = months.flow
     and ytd.member_key = months.member_key
     and ytd.span = 'ytd'
    join earlier
      on earlier.product = months.product
     and earlier.table_family = months.table_family
     and earlier.currency = months.currency
     and earlier.fact_table = months.fact_table
     and earlier.period_key = months.period_key - interval 1 month
     and earlier.flow = months.flow
     and earlier.member_key = months.member_key
    where months.span = 'month' and month(months.period_key) > 1
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), flow, member_key) as subject,
    ytd_value as observed,
    earlier_ytd + month_value as expected,
    tolerance,
    'year to date ' || ytd_value || ' = earlier year to date ' || earlier_ytd || ' + month ' || month_value
        || ' + ' || (ytd_value - earlier_ytd - month_value) || ' (revision of earlier months)' as detail
from chained
where abs(ytd_value - earlier_ytd - month_value) > tolerance
