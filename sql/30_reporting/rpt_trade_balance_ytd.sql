-- rpt_trade_balance_ytd: China's exports, imports and balance, for the month and year-to-date.
-- Grain: one row per period × currency, from the most authoritative release (vintage_rank = 1).
-- Inputs: fct_trade_by_partner (partner WORLD), dim_release.
create or replace view rpt_trade_balance_ytd as
with world as (
    select
        facts.period_key,
        facts.currency,
        facts.span,
        facts.flow,
        facts.value,
        releases.unit_code,
        releases.unit_label,
        releases.product,
        releases.url
    from fct_trade_by_partner as facts
    join dim_release as releases using (release_key)
    where facts.partner_key = 'WORLD'
      and releases.vintage_rank = 1
),
pivoted as (
    select
        period_key,
        currency,
        any_value(unit_code) as unit_code,
        any_value(unit_label) as unit,
        bool_or(span = 'jan_feb') as is_jan_feb_combined,
        max(value) filter (where span = 'month' and flow = 'export') as exports_month,
        max(value) filter (where span = 'month' and flow = 'import') as imports_month,
        max(value) filter (where span in ('ytd', 'jan_feb') and flow = 'export') as exports_ytd,
        max(value) filter (where span in ('ytd', 'jan_feb') and flow = 'import') as imports_ytd,
        any_value(product) as product,
        any_value(url) as source_url
    from world
    group by period_key, currency
),
final as (
    select
        period_key,
        strftime(period_key, '%Y-%m') as period_label,
        currency,
        unit_code,
        unit,
        is_jan_feb_combined,
        exports_month,
        imports_month,
        exports_month - imports_month as balance_month,
        exports_ytd,
        imports_ytd,
        exports_ytd - imports_ytd as balance_ytd,
        product,
        source_url
    from pivoted
)
select * from final;
comment on view rpt_trade_balance_ytd is 'Exports, imports and balance (exports FOB minus imports CIF) of China''s total trade, month and year-to-date, per period and currency, in the unit GACC printed; month columns are null for a combined Jan–Feb release.';
