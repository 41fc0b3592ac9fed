-- rpt_trade_balance_ytd: China's exports, imports and balance year to date, against last year and earlier
-- full years ("the January–November surplus beat all of last year").
-- Grain: one row per period × currency.
-- Inputs: fct_trade_by_partner_latest (WORLD: spans ytd and jan_feb, and January's month).
create or replace view rpt_trade_balance_ytd as
with candidates as (
    select latest.*, releases.authority
    from fct_trade_by_partner_latest as latest
    join dim_release as releases using (release_key)
    where latest.partner_key = 'WORLD'
      -- January alone is January to date: the bulletin's January page prints only the month.
      and (latest.span in ('ytd', 'jan_feb') or (latest.span = 'month' and month(latest.period_key) = 1))
),
world as (
    -- One vintage per period and currency: February to date can be held twice (the bulletin's 1-to-2 and
    -- the preliminary Jan–Feb release, two spans of one figure); the most authoritative wins whole, so no
    -- column mixes a bulletin export with a preliminary import.
    select * from candidates
    qualify authority = max(authority) over (partition by period_key, currency)
),
ytd as (
    select
        period_key,
        currency,
        bool_or(span = 'jan_feb') as is_jan_feb_combined,
        max(value_base) filter (where flow = 'export') as exports_ytd,
        max(value_base) filter (where flow = 'import') as imports_ytd,
        max(value_base) filter (where flow = 'total') as total_trade_ytd,
        max(yoy_pct_published) filter (where flow = 'export') as exports_ytd_yoy_pct_published,
        max(yoy_pct_published) filter (where flow = 'import') as imports_ytd_yoy_pct_published,
        string_agg(distinct product, ',' order by product) as products,
        list(distinct release_key order by release_key) as release_keys
    from world
    group by period_key, currency
),
full_years as (
    select year(period_key) as year, currency, exports_ytd - imports_ytd as balance
    from ytd
    where month(period_key) = 12
),
compared as (
    select
        this.*,
        this.exports_ytd - this.imports_ytd as balance_ytd,
        last_year.exports_ytd as exports_ytd_last_year,
        last_year.imports_ytd as imports_ytd_last_year,
        last_year.exports_ytd - last_year.imports_ytd as balance_ytd_last_year,
        last_full.balance as balance_last_full_year,
        (
            select max(earlier.balance) from full_years as earlier
            where earlier.currency = this.currency and earlier.year < year(this.period_key)
        ) as best_earlier_full_year_balance,
        (
            select arg_max(earlier.year, earlier.balance) from full_years as earlier
            where earlier.currency = this.currency and earlier.year < year(this.period_key)
        ) as best_earlier_full_year
    from ytd as this
    left join ytd as last_year
      on last_year.currency = this.currency
     and last_year.period_key = this.period_key - interval 1 year
    left join full_years as last_full
      on last_full.currency = this.currency
     and last_full.year = year(this.period_key) - 1
),
final as (
    select
        period_key,
        strftime(period_key, '%Y-%m') as period_label,
        currency,
        is_jan_feb_combined,
        exports_ytd,
        imports_ytd,
        balance_ytd,
        total_trade_ytd,
        round(100 * (exports_ytd - exports_ytd_last_year) / nullif(exports_ytd_last_year, 0), 2) as exports_ytd_yoy_pct,
        round(100 * (imports_ytd - imports_ytd_last_year) / nullif(imports_ytd_last_year, 0), 2) as imports_ytd_yoy_pct,
        exports_ytd_yoy_pct_published,
        imports_ytd_yoy_pct_published,
        balance_ytd_last_year,
        balance_last_full_year,
        balance_ytd - balance_last_full_year as balance_ytd_minus_last_full_year,
        best_earlier_full_year,
        best_earlier_full_year_balance,
        balance_ytd > best_earlier_full_year_balance as is_above_every_earlier_full_year,
        products,
        release_keys
    from compared
)
select * from final;
comment on view rpt_trade_balance_ytd is 'China''s exports, imports and balance from January through each month (a combined January–February release is the February row), per currency, from the latest vintage; with last year''s same span, last full year and the best earlier full year loaded, for statements like "the Jan–Nov surplus beat 2024''s full year".';
comment on column rpt_trade_balance_ytd.period_key is 'First day of the last month of the span (January through this month).';
comment on column rpt_trade_balance_ytd.period_label is 'YYYY-MM.';
comment on column rpt_trade_balance_ytd.currency is 'CNY or USD.';
comment on column rpt_trade_balance_ytd.is_jan_feb_combined is 'True when the figures come from a combined January–February release.';
comment on column rpt_trade_balance_ytd.exports_ytd is 'Exports year to date, whole currency units.';
comment on column rpt_trade_balance_ytd.imports_ytd is 'Imports year to date, whole currency units.';
comment on column rpt_trade_balance_ytd.balance_ytd is 'exports_ytd − imports_ytd (positive = surplus).';
comment on column rpt_trade_balance_ytd.total_trade_ytd is 'Exports + imports year to date as GACC printed it.';
comment on column rpt_trade_balance_ytd.exports_ytd_yoy_pct is 'Exports year to date vs the same span last year, in % (computed from the loaded figures).';
comment on column rpt_trade_balance_ytd.imports_ytd_yoy_pct is 'Imports year to date vs the same span last year, in % (computed).';
comment on column rpt_trade_balance_ytd.exports_ytd_yoy_pct_published is 'GACC''s printed y/y for exports year to date, in %.';
comment on column rpt_trade_balance_ytd.imports_ytd_yoy_pct_published is 'GACC''s printed y/y for imports year to date, in %.';
comment on column rpt_trade_balance_ytd.balance_ytd_last_year is 'The balance of the same span last year.';
comment on column rpt_trade_balance_ytd.balance_last_full_year is 'The balance of all of last year (its January–December figures), when loaded.';
comment on column rpt_trade_balance_ytd.balance_ytd_minus_last_full_year is 'balance_ytd − balance_last_full_year: positive = this year''s surplus so far already exceeds all of last year''s.';
comment on column rpt_trade_balance_ytd.best_earlier_full_year is 'The earlier year (loaded) with the largest full-year balance.';
comment on column rpt_trade_balance_ytd.best_earlier_full_year_balance is 'That year''s full-year balance.';
comment on column rpt_trade_balance_ytd.is_above_every_earlier_full_year is 'True when the balance so far exceeds every earlier full year loaded.';
comment on column rpt_trade_balance_ytd.products is 'The product(s) the figures come from.';
comment on column rpt_trade_balance_ytd.release_keys is 'The release(s) the figures come from; join dim_release.';
