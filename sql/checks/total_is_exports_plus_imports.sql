-- total_is_exports_plus_imports: a printed export & import total equals exports + imports.
-- severity: error
-- Grain: one row per release × fact table × period × span × member whose total is off by more than rounding.
-- Tolerance: three printed numbers, each within half its last digit.
with observations as (
    select * from int_observations where measure = 'value' and value_base is not null
),
wide as (
    select
        release_key, fact_table, period_key, span, member_key,
        max(value_base) filter (where flow = 'total') as total,
        max(value_base) filter (where flow = 'export') as exports,
        max(value_base) filter (where flow = 'import') as imports,
        3 * max(half_unit_base) as tolerance
    from observations
    group by all
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), span, member_key) as subject,
    total as observed,
    exports + imports as expected,
    tolerance,
    'total ' || total || ' ≠ exports ' || exports || ' + imports ' || imports as detail
from wide
where abs(total - exports - imports) > tolerance
