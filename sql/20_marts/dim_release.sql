-- dim_release: loaded GACC pages with provenance and their vintage rank.
-- Grain: one row per release (page version); release_key = sha256 of the raw page.
-- Inputs: meta.releases, meta.raw_files, ref.value_units.
create or replace view dim_release as
with releases as (
    select * from meta.releases
),
raw_files as (
    select sha256, raw_path, fetched_url from meta.raw_files
),
units as (
    select distinct unit_code, unit_label, cast(factor as decimal(38, 0)) as unit_factor
    from ref.value_units
),
final as (
    select
        releases.*,
        units.unit_label,
        units.unit_factor,
        raw_files.raw_path,
        raw_files.fetched_url,
        releases.release_key as sha256,
        -- 1 = the most authoritative print of this table, currency and period: bulletin over preliminary,
        -- then the newer page.
        row_number() over (
            partition by releases.table_family, releases.currency, releases.period_key
            order by case releases.product when 'bulletin' then 2 else 1 end desc,
                     releases.published_on desc nulls last,
                     releases.retrieved_at desc
        ) as vintage_rank
    from releases
    left join units using (unit_code)
    left join raw_files on raw_files.sha256 = releases.release_key
)
select * from final;
comment on view dim_release is 'Loaded GACC pages (product, table family, currency, period, layout, URL, page date, retrieval time, sha256) with vintage_rank: 1 = most authoritative print of that table, currency and period.';
