-- rpt_partner_growth: trade with each partner and group: y/y, m/m, year-to-date y/y and share of the total,
-- computed and published side by side.
-- Grain: one row per period × currency × partner × flow.
-- Inputs: fct_trade_by_partner_latest, dim_release (authority), dim_partner.
create or replace view rpt_partner_growth as
with facts as (
    -- One vintage per period, currency, partner and flow: February can be held twice in USD (the bulletin's
    -- month and 1-to-2, the preliminary Jan–Feb release); the most authoritative wins whole, so a row never
    -- pairs a bulletin month with a preliminary year to date, nor reads as combined when the month is held.
    select latest.*
    from fct_trade_by_partner_latest as latest
    join dim_release as releases using (release_key)
    qualify releases.authority = max(releases.authority) over (
        partition by latest.period_key, latest.currency, latest.partner_key, latest.flow
    )
),
partners as (
    select partner_key, name_en, kind from dim_partner
),
by_span as (
    select
        period_key,
        currency,
        partner_key,
        flow,
        bool_or(span = 'jan_feb') as is_jan_feb_combined,
        max(value_base) filter (where span = 'month') as value_month,
        max(value_base) filter (where span in ('ytd', 'jan_feb')) as value_ytd,
        max(yoy_pct_published) filter (where span = 'month') as yoy_pct_published,
        max(yoy_pct_published) filter (where span in ('ytd', 'jan_feb')) as ytd_yoy_pct_published,
        string_agg(distinct product, ',' order by product) as products
    from facts
    group by period_key, currency, partner_key, flow
),
compared as (
    select
        this.*,
        last_year.value_month as value_month_last_year,
        last_year.value_ytd as value_ytd_last_year,
        previous.value_month as value_previous_month,
        previous.is_jan_feb_combined as previous_is_jan_feb_combined,
        world.value_month as world_month,
        world.value_ytd as world_ytd
    from by_span as this
    left join by_span as last_year
      on last_year.currency = this.currency
     and last_year.partner_key = this.partner_key
     and last_year.flow = this.flow
     and last_year.period_key = this.period_key - interval 1 year
    left join by_span as previous
      on previous.currency = this.currency
     and previous.partner_key = this.partner_key
     and previous.flow = this.flow
     and previous.period_key = this.period_key - interval 1 month
    left join by_span as world
      on world.currency = this.currency
     and world.partner_key = 'WORLD'
     and world.flow = this.flow
     and world.period_key = this.period_key
),
final as (
    select
        compared.period_key,
        strftime(compared.period_key, '%Y-%m') as period_label,
        compared.currency,
        compared.partner_key,
        partners.name_en as partner_name,
        partners.kind as partner_kind,
        compared.flow,
        compared.is_jan_feb_combined,
        compared.value_month,
        compared.value_month_last_year,
        round(100 * (value_month - value_month_last_year) / nullif(value_month_last_year, 0), 2) as yoy_pct,
        compared.yoy_pct_published,
        compared.value_previous_month,
        round(100 * (value_month - value_previous_month) / nullif(value_previous_month, 0), 2) as mom_pct,
        case
            when compared.is_jan_feb_combined then 'combined January–February release: no single month'
            when compared.previous_is_jan_feb_combined
                then 'previous period is the combined January–February release'
            when value_previous_month is null then 'previous month not loaded'
        end as mom_null_reason,
        compared.value_ytd,
        compared.value_ytd_last_year,
        round(100 * (value_ytd - value_ytd_last_year) / nullif(value_ytd_last_year, 0), 2) as ytd_yoy_pct,
        compared.ytd_yoy_pct_published,
        round(100 * value_month / nullif(world_month, 0), 2) as share_of_world_month_pct,
        round(100 * value_ytd / nullif(world_ytd, 0), 2) as share_of_world_ytd_pct,
        compared.products
    from compared
    left join partners using (partner_key)
)
select * from final;
comment on view rpt_partner_growth is 'Trade with every partner and printed group (EU, ASEAN, continents…), per month, currency and flow, at the latest vintage: the month and year-to-date values with their computed y/y beside GACC''s published y/y, m/m (null across a combined January–February release, with the reason), and the share of China''s total.';
comment on column rpt_partner_growth.period_key is 'First day of the month (for a combined January–February release: February).';
comment on column rpt_partner_growth.period_label is 'YYYY-MM.';
comment on column rpt_partner_growth.currency is 'CNY or USD.';
comment on column rpt_partner_growth.partner_key is 'Partner or group; joins dim_partner.';
comment on column rpt_partner_growth.partner_name is 'GACC''s English label.';
comment on column rpt_partner_growth.partner_kind is 'world, country, region, bloc, residual ("Other … Territories") or unallocated.';
comment on column rpt_partner_growth.flow is 'export, import or total.';
comment on column rpt_partner_growth.is_jan_feb_combined is 'True when the period is a combined January–February release (value_month is then null).';
comment on column rpt_partner_growth.value_month is 'Value for the month alone, whole currency units.';
comment on column rpt_partner_growth.value_month_last_year is 'Value for the same month last year, when loaded.';
comment on column rpt_partner_growth.yoy_pct is 'value_month vs the same month last year, in % (computed).';
comment on column rpt_partner_growth.yoy_pct_published is 'GACC''s printed y/y for the month, in % (the by-country tables print it for the cumulative span only, so mostly null).';
comment on column rpt_partner_growth.value_previous_month is 'Value for the previous month, when loaded as a single month.';
comment on column rpt_partner_growth.mom_pct is 'value_month vs the previous month, in %.';
comment on column rpt_partner_growth.mom_null_reason is 'Why mom_pct is null, when it is.';
comment on column rpt_partner_growth.value_ytd is 'Value from January through the month, whole currency units.';
comment on column rpt_partner_growth.value_ytd_last_year is 'The same span last year, when loaded.';
comment on column rpt_partner_growth.ytd_yoy_pct is 'value_ytd vs the same span last year, in % (computed).';
comment on column rpt_partner_growth.ytd_yoy_pct_published is 'GACC''s printed y/y for the cumulative span, in %.';
comment on column rpt_partner_growth.share_of_world_month_pct is 'value_month as % of China''s total (WORLD) for the month and flow.';
comment on column rpt_partner_growth.share_of_world_ytd_pct is 'value_ytd as % of China''s total for the span and flow.';
comment on column rpt_partner_growth.products is 'The product(s) the figures come from.';
