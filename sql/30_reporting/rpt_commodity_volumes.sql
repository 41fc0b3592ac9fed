-- rpt_commodity_volumes: major commodities' quantity in base units, value, unit value, m/m and y/y.
-- Grain: one row per period × currency × flow × commodity.
-- Inputs: fct_trade_by_commodity, dim_release (authority, page period, known_on), dim_commodity.
create or replace view rpt_commodity_volumes as
with facts as (
    -- One page per period, currency, flow and commodity, so a row's month and year to date are one print:
    -- the most authoritative; then the page of that very month (a later page's prior-year block restates
    -- only the year to date, in its own catalogue's unit: 2020's pages count 2019's footwear in pairs, 2019's
    -- in tonnes); then the newest. February in USD is also in the preliminary Jan–Feb release: the bulletin
    -- wins whole, so a row never reads as combined when the month is held.
    select facts.*, releases.product
    from fct_trade_by_commodity as facts
    join dim_release as releases using (release_key)
    qualify facts.release_key = first(facts.release_key) over (
        partition by facts.period_key, facts.currency, facts.flow, facts.commodity_key
        order by
            releases.authority desc,
            releases.period_key = facts.period_key desc,
            releases.known_on desc,
            releases.retrieved_at desc,
            facts.release_key
    )
),
commodities as (
    select commodity_key, name_en, is_aggregate from dim_commodity
),
by_span as (
    select
        period_key,
        currency,
        flow,
        commodity_key,
        bool_or(span = 'jan_feb') as is_jan_feb_combined,
        max(quantity_base) filter (where span = 'month') as quantity_month,
        max(value_base) filter (where span = 'month') as value_month,
        max(quantity_base) filter (where span in ('ytd', 'jan_feb')) as quantity_ytd,
        max(value_base) filter (where span in ('ytd', 'jan_feb')) as value_ytd,
        any_value(base_unit) as base_unit,
        max(quantity_yoy_pct_published) filter (where span = 'month') as quantity_yoy_pct_published,
        max(value_yoy_pct_published) filter (where span = 'month') as value_yoy_pct_published,
        max(quantity_yoy_pct_published) filter (where span in ('ytd', 'jan_feb'))
            as quantity_ytd_yoy_pct_published,
        max(value_yoy_pct_published) filter (where span in ('ytd', 'jan_feb')) as value_ytd_yoy_pct_published,
        string_agg(distinct product, ',' order by product) as products
    from facts
    group by period_key, currency, flow, commodity_key
),
compared as (
    select
        this.*,
        -- Quantities compare only in one unit: a catalogue change of dimension (footwear: tonnes, then pairs)
        -- leaves the change null rather than comparing pairs with kilograms. (A page printing no unit cells
        -- has no base unit: nothing to compare either way.)
        case when last_year.base_unit <> this.base_unit then null else last_year.quantity_month end
            as quantity_month_last_year,
        last_year.value_month as value_month_last_year,
        case when last_year.base_unit <> this.base_unit then null else last_year.quantity_ytd end
            as quantity_ytd_last_year,
        case when previous.base_unit <> this.base_unit then null else previous.quantity_month end
            as quantity_previous_month,
        previous.base_unit as previous_base_unit,
        previous.is_jan_feb_combined as previous_is_jan_feb_combined
    from by_span as this
    left join by_span as last_year
      on last_year.currency = this.currency
     and last_year.flow = this.flow
     and last_year.commodity_key = this.commodity_key
     and last_year.period_key = this.period_key - interval 1 year
    left join by_span as previous
      on previous.currency = this.currency
     and previous.flow = this.flow
     and previous.commodity_key = this.commodity_key
     and previous.period_key = this.period_key - interval 1 month
),
final as (
    select
        compared.period_key,
        strftime(compared.period_key, '%Y-%m') as period_label,
        compared.currency,
        compared.flow,
        compared.commodity_key,
        commodities.name_en as commodity_name,
        commodities.is_aggregate,
        compared.is_jan_feb_combined,
        compared.base_unit,
        compared.quantity_month,
        compared.value_month,
        round(value_month / nullif(quantity_month, 0), 4) as unit_value_month,
        compared.quantity_previous_month,
        round(100 * (quantity_month - quantity_previous_month) / nullif(quantity_previous_month, 0), 2) as quantity_mom_pct,
        case
            when compared.is_jan_feb_combined then 'combined January–February release: no single month'
            when compared.previous_is_jan_feb_combined
                then 'previous period is the combined January–February release'
            when compared.previous_base_unit <> compared.base_unit then 'previous month counted in another unit'
            when quantity_previous_month is null then 'previous month''s quantity not loaded'
        end as mom_null_reason,
        compared.quantity_month_last_year,
        round(100 * (quantity_month - quantity_month_last_year) / nullif(quantity_month_last_year, 0), 2)
            as quantity_yoy_pct,
        compared.quantity_yoy_pct_published,
        round(100 * (value_month - value_month_last_year) / nullif(value_month_last_year, 0), 2) as value_yoy_pct,
        compared.value_yoy_pct_published,
        compared.quantity_ytd,
        compared.value_ytd,
        round(value_ytd / nullif(quantity_ytd, 0), 4) as unit_value_ytd,
        round(100 * (quantity_ytd - quantity_ytd_last_year) / nullif(quantity_ytd_last_year, 0), 2) as quantity_ytd_yoy_pct,
        compared.quantity_ytd_yoy_pct_published,
        compared.value_ytd_yoy_pct_published,
        compared.products
    from compared
    left join commodities using (commodity_key)
)
select * from final;
comment on view rpt_commodity_volumes is 'Major export and import commodities per month, currency and flow, from one page per row (the most authoritative, then the page of that month, then the newest): quantity in the commodity''s base unit (kg, piece, pair…), value in whole currency units, unit value, quantity m/m and y/y, value y/y, computed beside GACC''s published y/y. Quantities are identical on the CNY and USD pages; values differ by currency.';
comment on column rpt_commodity_volumes.period_key is 'First day of the month (for a combined January–February release: February).';
comment on column rpt_commodity_volumes.period_label is 'YYYY-MM.';
comment on column rpt_commodity_volumes.currency is 'CNY or USD (of the values).';
comment on column rpt_commodity_volumes.flow is 'export or import.';
comment on column rpt_commodity_volumes.commodity_key is 'Stable commodity id; joins dim_commodity.';
comment on column rpt_commodity_volumes.commodity_name is 'Current English name.';
comment on column rpt_commodity_volumes.is_aggregate is 'True for aggregate lines (marked * by GACC).';
comment on column rpt_commodity_volumes.is_jan_feb_combined is 'True when the period is a combined January–February release.';
comment on column rpt_commodity_volumes.base_unit is 'Unit of the quantity columns: kg, piece, pair, m3, litre…';
comment on column rpt_commodity_volumes.quantity_month is 'Quantity for the month alone, in base_unit.';
comment on column rpt_commodity_volumes.value_month is 'Value for the month alone, whole currency units.';
comment on column rpt_commodity_volumes.unit_value_month is 'value_month / quantity_month: currency units per base unit.';
comment on column rpt_commodity_volumes.quantity_previous_month is 'Quantity for the previous month, when loaded as a single month.';
comment on column rpt_commodity_volumes.quantity_mom_pct is 'quantity_month vs the previous month, in %.';
comment on column rpt_commodity_volumes.mom_null_reason is 'Why quantity_mom_pct is null, when it is.';
comment on column rpt_commodity_volumes.quantity_month_last_year is 'Quantity for the same month last year, when loaded and counted in the same base unit.';
comment on column rpt_commodity_volumes.quantity_yoy_pct is 'quantity_month vs the same month last year, in % (computed); null when last year''s is counted in another unit.';
comment on column rpt_commodity_volumes.quantity_yoy_pct_published is 'GACC''s printed quantity y/y for the month, in %.';
comment on column rpt_commodity_volumes.value_yoy_pct is 'value_month vs the same month last year, in % (computed).';
comment on column rpt_commodity_volumes.value_yoy_pct_published is 'GACC''s printed value y/y for the month, in %.';
comment on column rpt_commodity_volumes.quantity_ytd is 'Quantity from January through the month, in base_unit.';
comment on column rpt_commodity_volumes.value_ytd is 'Value from January through the month, whole currency units.';
comment on column rpt_commodity_volumes.unit_value_ytd is 'value_ytd / quantity_ytd.';
comment on column rpt_commodity_volumes.quantity_ytd_yoy_pct is 'quantity_ytd vs the same span last year, in % (computed).';
comment on column rpt_commodity_volumes.quantity_ytd_yoy_pct_published is 'GACC''s printed quantity y/y for the cumulative span, in %.';
comment on column rpt_commodity_volumes.value_ytd_yoy_pct_published is 'GACC''s printed value y/y for the cumulative span, in %.';
comment on column rpt_commodity_volumes.products is 'The product(s) the figures come from.';
