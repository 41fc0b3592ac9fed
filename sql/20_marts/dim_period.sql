-- dim_period: calendar months. A Jan–Feb combined release is a span ending in February, not a month.
-- Grain: one row per month, 2015-01 to 2035-12; period_key = first day of the month.
create or replace table dim_period as
with months as (
    select cast(range as date) as period_key
    from range(date '2015-01-01', date '2036-01-01', interval 1 month)
),
final as (
    select
        period_key,
        strftime(period_key, '%Y-%m') as period_label,
        cast(year(period_key) as smallint) as year,
        cast(month(period_key) as tinyint) as month,
        cast(quarter(period_key) as tinyint) as quarter,
        strftime(period_key, '%b %Y') as month_name
    from months
)
select * from final;
comment on table dim_period is 'Calendar months (2015-01..2035-12). period_key is the first day of the month; Jan–Feb combined releases are a span ending in February, never a month.';
comment on column dim_period.period_key is 'First day of the month; joins to every fact''s period_key.';
comment on column dim_period.period_label is 'YYYY-MM.';
comment on column dim_period.year is 'Calendar year.';
comment on column dim_period.month is 'Month number, 1–12.';
comment on column dim_period.quarter is 'Calendar quarter, 1–4.';
comment on column dim_period.month_name is 'Short month and year, e.g. Nov 2025.';
