-- balance_is_exports_minus_imports: a printed trade balance equals exports − imports of the same page.
-- severity: error
-- Grain: one row per release × fact table × period × span × member whose printed balance is off by more than
-- rounding. Only pages that print a balance row (flow = 'balance') are checked: of the families loaded today
-- none does (the totals tables, preliminary (1) and bulletin (1), are not loaded), so the rule guards them.
-- Tolerance: three printed numbers, each within half its last digit.
with observations as (
    select * from int_observations where measure = 'value' and value_base is not null
),
wide as (
    select
        release_key, fact_table, period_key, span, member_key,
        max(value_base) filter (where flow = 'balance') as balance,
        max(value_base) filter (where flow = 'export') as exports,
        max(value_base) filter (where flow = 'import') as imports,
        3 * max(half_unit_base) as tolerance
    from observations
    group by all
)
select
    release_key,
    concat_ws(' ', fact_table, strftime(period_key, '%Y-%m'), span, member_key) as subject,
    balance as observed,
    exports - imports as expected,
    tolerance,
    'balance ' || balance || ' ≠ exports ' || exports || ' − imports ' || imports as detail
from wide
where abs(balance - (exports - imports)) > tolerance
