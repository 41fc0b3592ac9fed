-- dim_release: loaded GACC pages with provenance, authority and their vintage rank.
-- Grain: one row per release (page version); release_key = sha256 of the raw page.
-- Inputs: meta.releases, meta.raw_files, ref.value_units, int_observations (spans printed).
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
spans as (
    select release_key, list(distinct span order by span) as spans
    from int_observations
    group by release_key
),
dated as (
    select
        releases.*,
        -- The bulletin restates the preliminary release: it is the more authoritative print.
        case releases.product when 'bulletin' then 2 else 1 end as authority,
        -- What "as known on date D" compares with: the page's own date, else when we fetched it.
        coalesce(releases.published_on, cast(releases.retrieved_at as date)) as known_on
    from releases
),
final as (
    select
        dated.release_key,
        dated.product,
        dated.table_family,
        dated.currency,
        dated.period_key,
        spans.spans,
        dated.layout,
        dated.title,
        dated.url,
        dated.excel_url,
        dated.published_on,
        dated.date_printed,
        dated.known_on,
        dated.retrieved_at,
        dated.release_key as sha256,
        raw_files.raw_path,
        raw_files.fetched_url,
        dated.unit_printed,
        dated.unit_code,
        units.unit_label,
        units.unit_factor,
        dated.authority,
        row_number() over (
            partition by dated.table_family, dated.currency, dated.period_key
            order by dated.authority desc, dated.known_on desc, dated.retrieved_at desc
        ) as vintage_rank,
        dated.loaded_by_run
    from dated
    left join units using (unit_code)
    left join raw_files on raw_files.sha256 = dated.release_key
    left join spans using (release_key)
)
select * from final;
comment on view dim_release is 'Loaded GACC pages (product, table family, currency, period, spans, layout, URL, page date, retrieval time, sha256, raw file) with authority and vintage_rank: 1 = most authoritative print of that table, currency and period.';
comment on column dim_release.release_key is 'sha256 of the raw page: a page version. Joins every fact table.';
comment on column dim_release.product is 'preliminary (the release of about the 7th–14th) or bulletin (the monthly bulletin of about the 18th).';
comment on column dim_release.table_family is 'What the table is about: by_country, major_exports, major_imports, trade_mode, enterprise_trade_mode.';
comment on column dim_release.currency is 'CNY or USD.';
comment on column dim_release.period_key is 'The month the page reports (first day).';
comment on column dim_release.spans is 'The spans the page prints (month, ytd, jan_feb).';
comment on column dim_release.layout is 'The table layout read (e.g. month_ytd, jan_feb, with_units).';
comment on column dim_release.title is 'The page title as printed.';
comment on column dim_release.url is 'Canonical GACC URL of the page.';
comment on column dim_release.excel_url is 'The page''s Excel download link, where it has one.';
comment on column dim_release.published_on is 'The page''s date as printed (YYYY/MM/DD), when unambiguous.';
comment on column dim_release.date_printed is 'The page''s date text exactly as printed.';
comment on column dim_release.known_on is 'The date from which the figures count as known: published_on, else the retrieval date. Used by the *_as_of macros.';
comment on column dim_release.retrieved_at is 'When the raw page was fetched.';
comment on column dim_release.sha256 is 'sha256 of the raw page (= release_key).';
comment on column dim_release.raw_path is 'Path of the raw page under data/.';
comment on column dim_release.fetched_url is 'The URL actually requested (GACC or a mirror).';
comment on column dim_release.unit_printed is 'The unit row as printed (may be a known mislabel; see unit_code).';
comment on column dim_release.unit_code is 'The unit values are read in (CNY_100M, USD_1M, USD_1K).';
comment on column dim_release.unit_label is 'Readable unit, e.g. CNY 100 million.';
comment on column dim_release.unit_factor is 'Whole currency units per printed unit.';
comment on column dim_release.authority is '2 = bulletin, 1 = preliminary: the more authoritative print of a fact wins in the *_latest views.';
comment on column dim_release.vintage_rank is '1 = the most authoritative and newest print of this table family, currency and period.';
comment on column dim_release.loaded_by_run is 'The run id that loaded the page.';
