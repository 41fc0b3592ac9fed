-- rpt_revisions: every published number printed more than once: its first print against its latest vintage.
-- Grain: one row per fact table × period × span × flow × member × measure × currency with two or more prints.
-- Inputs: int_observations, dim_release.
create or replace view rpt_revisions as
with observations as (
    select observations.*, releases.product, releases.authority, releases.known_on, releases.retrieved_at
    from int_observations as observations
    join dim_release as releases using (release_key)
),
ranked as (
    select
        *,
        row_number() over facts_by_age as print_number,
        row_number() over (
            partition by fact_table, period_key, span, flow, member_key, measure, currency
            order by authority desc, known_on desc, retrieved_at desc
        ) as vintage_rank,
        count(*) over (partition by fact_table, period_key, span, flow, member_key, measure, currency) as prints
    from observations
    window facts_by_age as (
        partition by fact_table, period_key, span, flow, member_key, measure, currency
        order by known_on, authority, retrieved_at
    )
),
first_print as (
    select * from ranked where print_number = 1 and prints > 1
),
latest as (
    select * from ranked where vintage_rank = 1 and prints > 1
),
final as (
    select
        first_print.fact_table,
        first_print.period_key,
        strftime(first_print.period_key, '%Y-%m') as period_label,
        first_print.span,
        first_print.flow,
        first_print.member_key,
        first_print.measure,
        first_print.currency,
        first_print.base_unit,
        first_print.prints,
        first_print.value_base as first_value,
        first_print.product as first_product,
        first_print.known_on as first_known_on,
        first_print.release_key as first_release_key,
        latest.value_base as latest_value,
        latest.product as latest_product,
        latest.known_on as latest_known_on,
        latest.release_key as latest_release_key,
        latest.value_base - first_print.value_base as revision,
        round(100 * (latest.value_base - first_print.value_base) / nullif(first_print.value_base, 0), 4) as revision_pct
    from first_print
    join latest using (fact_table, period_key, span, flow, member_key, measure, currency)
)
select * from final;
comment on view rpt_revisions is 'Every number GACC printed more than once (a preliminary figure restated by the bulletin, a prior-year column reprinted a year later): first print against the latest, most authoritative vintage, absolute and in %.';
comment on column rpt_revisions.fact_table is 'The fact table the number lives in.';
comment on column rpt_revisions.period_key is 'First day of the observation''s month.';
comment on column rpt_revisions.period_label is 'YYYY-MM.';
comment on column rpt_revisions.span is 'month, ytd or jan_feb.';
comment on column rpt_revisions.flow is 'export, import or total.';
comment on column rpt_revisions.member_key is 'partner_key, commodity_key, regime_key or regime_key/enterprise_key.';
comment on column rpt_revisions.measure is 'value or quantity.';
comment on column rpt_revisions.currency is 'CNY or USD: the currency of the pages compared.';
comment on column rpt_revisions.base_unit is 'Unit of the values compared: the currency (whole units) or the quantity''s base unit.';
comment on column rpt_revisions.prints is 'How many loaded pages print this number.';
comment on column rpt_revisions.first_value is 'The number as first printed (earliest known_on).';
comment on column rpt_revisions.first_product is 'The product that first printed it.';
comment on column rpt_revisions.first_known_on is 'When it was first printed.';
comment on column rpt_revisions.first_release_key is 'The page that first printed it.';
comment on column rpt_revisions.latest_value is 'The number at its latest, most authoritative vintage (bulletin over preliminary, then newer).';
comment on column rpt_revisions.latest_product is 'The product of the latest vintage.';
comment on column rpt_revisions.latest_known_on is 'When the latest vintage was printed.';
comment on column rpt_revisions.latest_release_key is 'The page of the latest vintage.';
comment on column rpt_revisions.revision is 'latest_value − first_value (in base_unit); part of it can be the rounding of the two pages'' printed units.';
comment on column rpt_revisions.revision_pct is 'revision as % of first_value.';
