-- rpt_release_calendar: GACC's announced release dates against what this warehouse holds — on time, late, overdue.
-- Grain: one row per product × data month in reference/release_calendar.csv (2025 and 2026 calendars).
-- Inputs: ref.release_calendar, meta.page_outcomes. "Today" is the session variable status_date when set
-- (gacc status --today), else current_date.
-- Overdue rule (ours, not GACC's): a preliminary release absent two working days (Mon–Fri; Chinese holidays
-- are not modelled) after its calendar date, a bulletin absent on the 25th of its release month (or on its
-- date, were it ever later). Absent = no table of it loaded.
create or replace view rpt_release_calendar as
with calendar as (
    select
        product,
        cast(period || '-01' as date) as period_key,
        cast(scheduled_on as date) as scheduled_on,
        source
    from ref.release_calendar
),
rules as (
    select
        *,
        case
            when product = 'bulletin' then greatest(scheduled_on, date_trunc('month', scheduled_on)::date + 24)
            else scheduled_on + case isodow(scheduled_on) when 4 then 4 when 5 then 4 when 6 then 3 else 2 end
        end as overdue_from
    from calendar
),
held as (
    -- Held = at least one table loaded: pages of tables without a parser alone do not make a release held
    -- (the English bulletin appears table by table).
    select
        product,
        period_key,
        min(recorded_at) filter (where status = 'loaded') as first_loaded_at,
        count(*) filter (where status = 'loaded') as pages_loaded,
        count(*) filter (where status <> 'loaded') as pages_terminal
    from meta.page_outcomes
    group by product, period_key
),
final as (
    select
        rules.product,
        rules.period_key,
        strftime(rules.period_key, '%Y-%m') as period_label,
        rules.scheduled_on,
        rules.overdue_from,
        held.first_loaded_at,
        coalesce(held.pages_loaded, 0) as pages_loaded,
        coalesce(held.pages_terminal, 0) as pages_terminal,
        case
            when held.pages_loaded > 0 then 'held'
            when coalesce(getvariable('status_date'), current_date) >= rules.overdue_from then 'overdue'
            when coalesce(getvariable('status_date'), current_date) >= rules.scheduled_on then 'due'
            else 'upcoming'
        end as state,
        rules.source
    from rules
    left join held using (product, period_key)
)
select * from final;
comment on view rpt_release_calendar is 'GACC''s announced release dates (reference/release_calendar.csv) against what this warehouse holds: held, due (scheduled, within its grace), overdue (absent two working days after the date for the preliminary release, on the 25th for the bulletin) or upcoming.';
comment on column rpt_release_calendar.product is 'preliminary or bulletin.';
comment on column rpt_release_calendar.period_key is 'The data month released (first day; February = the combined Jan–Feb release).';
comment on column rpt_release_calendar.period_label is 'YYYY-MM.';
comment on column rpt_release_calendar.scheduled_on is 'The release date GACC announced.';
comment on column rpt_release_calendar.overdue_from is 'From this date an absent release is flagged overdue.';
comment on column rpt_release_calendar.first_loaded_at is 'When this warehouse first loaded a page of the release (meta.page_outcomes).';
comment on column rpt_release_calendar.pages_loaded is 'Page versions of the release loaded.';
comment on column rpt_release_calendar.pages_terminal is 'Page versions of the release recorded as terminal (no table, no parser yet): they do not make it held.';
comment on column rpt_release_calendar.state is 'held (a table loaded), due, overdue or upcoming, as of the session variable status_date or else today.';
comment on column rpt_release_calendar.source is 'The calendar announcement the date comes from.';
