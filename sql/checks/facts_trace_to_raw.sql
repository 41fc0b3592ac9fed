-- facts_trace_to_raw: every fact comes from a loaded release, every release from a raw file recorded in
-- meta.raw_files, and that file is on disk under the data directory with the sha256 it is recorded under.
-- severity: error
-- Grain: one row per broken link (fact table × release, release, or raw file).
-- Needs: the variables data_dir (the directory holding raw/) and raw_paths (the raw files to hash: all of
-- meta.raw_files, or those of the periods an incremental build checks), set by the gate.
with fact_releases as (
    select distinct 'fct_trade_by_partner' as fact_table, release_key from fct_trade_by_partner
    union all select distinct 'fct_trade_by_commodity', release_key from fct_trade_by_commodity
    union all select distinct 'fct_trade_by_regime', release_key from fct_trade_by_regime
    union all select distinct 'fct_trade_by_enterprise', release_key from fct_trade_by_enterprise
),
checked as (
    select unnest(getvariable('raw_paths')) as filename
),
on_disk as (
    -- A listed file that is missing is simply not read: it shows up below as "not on disk".
    select filename, sha256(content) as sha256
    from read_blob(getvariable('raw_paths'))
),
files as (
    select raw_files.sha256, raw_files.raw_path, on_disk.sha256 as sha256_on_disk
    from meta.raw_files as raw_files
    join checked on checked.filename = getvariable('data_dir') || '/' || raw_files.raw_path
    left join on_disk on on_disk.filename = checked.filename
),
orphan_facts as (
    select
        fact_releases.release_key,
        fact_releases.fact_table || ' ' || fact_releases.release_key as subject,
        'rows of ' || fact_releases.fact_table || ' come from release ' || fact_releases.release_key
            || ', which meta.releases does not hold' as detail
    from fact_releases
    anti join meta.releases using (release_key)
),
releases_without_file as (
    select
        releases.release_key,
        'release ' || releases.release_key as subject,
        releases.url || ' has no row in meta.raw_files (sha256 ' || releases.release_key || ')' as detail
    from meta.releases as releases
    anti join meta.raw_files as raw_files on raw_files.sha256 = releases.release_key
),
files_missing_or_changed as (
    select
        releases.release_key,
        'raw ' || files.raw_path as subject,
        case
            when files.sha256_on_disk is null then files.raw_path || ' is not on disk'
            else files.raw_path || ' hashes to ' || files.sha256_on_disk || ', not ' || files.sha256
        end as detail
    from files
    join meta.releases as releases on releases.release_key = files.sha256
    where files.sha256_on_disk is distinct from files.sha256
),
broken as (
    select * from orphan_facts
    union all select * from releases_without_file
    union all select * from files_missing_or_changed
)
select release_key, subject, null as observed, null as expected, null as tolerance, detail
from broken
