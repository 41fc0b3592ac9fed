-- rpt_trade_balance_monthly: China's exports, imports and balance for each month, with y/y and m/m.
-- Grain: one row per period × currency × basis (a month, a combined Jan–Feb release, or a derived January).
-- Inputs: fct_trade_by_partner_latest (WORLD), fct_trade_by_partner and dim_release (for derived Januaries).
create or replace view rpt_trade_balance_monthly as
with world as (
    select * from fct_trade_by_partner_latest where partner_key = 'WORLD'
),
published as (
    select
        period_key,
        currency,
        case span when 'jan_feb' then 'jan_feb' else 'month' end as basis,
        max(value_base) filter (where flow = 'export') as exports,
        max(value_base) filter (where flow = 'import') as imports,
        max(value_base) filter (where flow = 'total') as total_trade,
        string_agg(distinct product, ',' order by product) as products,
        list(distinct release_key order by release_key) as release_keys
    from world
    where span in ('month', 'jan_feb')
    group by period_key, currency, basis
),
february_pages as (
    -- Pages that print both February alone and January–February cumulative (GACC's 2026 layout):
    -- January is their difference, inside one page; never across pages.
    select
        months.release_key,
        months.period_key - interval 1 month as period_key,
        months.currency,
        max(cumulative.value_base - months.value_base) filter (where months.flow = 'export') as exports,
        max(cumulative.value_base - months.value_base) filter (where months.flow = 'import') as imports,
        max(cumulative.value_base - months.value_base) filter (where months.flow = 'total') as total_trade
    from fct_trade_by_partner as months
    join fct_trade_by_partner as cumulative
      on cumulative.release_key = months.release_key
     and cumulative.period_key = months.period_key
     and cumulative.flow = months.flow
     and cumulative.partner_key = months.partner_key
    where months.partner_key = 'WORLD'
      and month(months.period_key) = 2
      and months.span = 'month'
      and cumulative.span = 'ytd'
    group by months.release_key, months.period_key, months.currency
),
derived_january as (
    select
        cast(february_pages.period_key as date) as period_key,
        february_pages.currency,
        'derived_january' as basis,
        february_pages.exports,
        february_pages.imports,
        february_pages.total_trade,
        releases.product as products,
        [february_pages.release_key] as release_keys
    from february_pages
    join dim_release as releases using (release_key)
    where not exists (
        select 1 from published
        where published.period_key = february_pages.period_key
          and published.currency = february_pages.currency
    )
    qualify row_number() over (
        partition by february_pages.period_key, february_pages.currency
        order by releases.authority desc, releases.known_on desc, releases.retrieved_at desc
    ) = 1
),
monthly as (
    select *, basis = 'derived_january' as is_derived from published
    union all
    select *, true as is_derived from derived_january
),
compared as (
    select
        this.*,
        case this.basis when 'jan_feb' then 'jan_feb' else 'month' end as kind,
        last_year.exports as exports_last_year,
        last_year.imports as imports_last_year,
        last_year.exports - last_year.imports as balance_last_year,
        previous.basis as previous_basis,
        previous.exports as exports_previous,
        previous.imports as imports_previous
    from monthly as this
    left join monthly as last_year
      on last_year.currency = this.currency
     and last_year.period_key = this.period_key - interval 1 year
     and (last_year.basis = 'jan_feb') = (this.basis = 'jan_feb')
    left join monthly as previous
      on previous.currency = this.currency
     and previous.period_key = this.period_key - interval 1 month
    -- February can be held twice in one currency (the bulletin's February and the preliminary Jan–Feb
    -- release): March compares with the single month, never with both.
    qualify row_number() over (
        partition by this.period_key, this.currency, this.basis
        order by previous.basis = 'jan_feb' nulls last
    ) = 1
),
final as (
    select
        period_key,
        strftime(period_key, '%Y-%m') as period_label,
        currency,
        basis,
        is_derived,
        exports,
        imports,
        exports - imports as balance,
        total_trade,
        round(100 * (exports - exports_last_year) / nullif(exports_last_year, 0), 2) as exports_yoy_pct,
        round(100 * (imports - imports_last_year) / nullif(imports_last_year, 0), 2) as imports_yoy_pct,
        (exports - imports) - balance_last_year as balance_change_yoy,
        case when basis <> 'jan_feb' and previous_basis <> 'jan_feb'
             then round(100 * (exports - exports_previous) / nullif(exports_previous, 0), 2) end as exports_mom_pct,
        case when basis <> 'jan_feb' and previous_basis <> 'jan_feb'
             then round(100 * (imports - imports_previous) / nullif(imports_previous, 0), 2) end as imports_mom_pct,
        case
            when basis = 'jan_feb' then 'combined January–February release: no single month to compare'
            when previous_basis = 'jan_feb' then 'previous period is the combined January–February release'
            when previous_basis is null then 'previous month not loaded'
        end as mom_null_reason,
        case when exports_last_year is null then 'same period of last year not loaded on the same basis' end
            as yoy_null_reason,
        products,
        release_keys
    from compared
)
select * from final;
comment on view rpt_trade_balance_monthly is 'China''s exports, imports and balance (exports FOB minus imports CIF) for each month and currency, from the latest vintage of the by-country tables'' Total row; a combined January–February release is one row with basis jan_feb (no January or February is invented), and January is derived (is_derived) only inside a page that prints both February and January–February.';
comment on column rpt_trade_balance_monthly.period_key is 'First day of the month (for basis jan_feb: February, the end of the combined span).';
comment on column rpt_trade_balance_monthly.period_label is 'YYYY-MM.';
comment on column rpt_trade_balance_monthly.currency is 'CNY or USD.';
comment on column rpt_trade_balance_monthly.basis is 'month = published for the month alone; jan_feb = published for January and February combined; derived_january = January–February minus February, both from one page.';
comment on column rpt_trade_balance_monthly.is_derived is 'True when the figures are computed (derived_january), not printed.';
comment on column rpt_trade_balance_monthly.exports is 'Exports in whole currency units.';
comment on column rpt_trade_balance_monthly.imports is 'Imports in whole currency units.';
comment on column rpt_trade_balance_monthly.balance is 'exports − imports, whole currency units (positive = surplus).';
comment on column rpt_trade_balance_monthly.total_trade is 'Exports + imports as GACC printed it.';
comment on column rpt_trade_balance_monthly.exports_yoy_pct is 'Exports vs the same period of last year on the same basis, in % (computed).';
comment on column rpt_trade_balance_monthly.imports_yoy_pct is 'Imports vs the same period of last year on the same basis, in % (computed).';
comment on column rpt_trade_balance_monthly.balance_change_yoy is 'balance minus the balance of the same period last year, whole currency units.';
comment on column rpt_trade_balance_monthly.exports_mom_pct is 'Exports vs the previous month in %; null across a combined January–February release (see mom_null_reason).';
comment on column rpt_trade_balance_monthly.imports_mom_pct is 'Imports vs the previous month in %; null across a combined January–February release.';
comment on column rpt_trade_balance_monthly.mom_null_reason is 'Why the m/m change is null, when it is.';
comment on column rpt_trade_balance_monthly.yoy_null_reason is 'Why the y/y change is null, when it is.';
comment on column rpt_trade_balance_monthly.products is 'The product(s) the figures come from: bulletin, preliminary.';
comment on column rpt_trade_balance_monthly.release_keys is 'The release(s) the figures come from; join dim_release for URLs and dates.';
