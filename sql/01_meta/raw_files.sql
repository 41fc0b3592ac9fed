-- meta.raw_files: every raw file a loaded release was parsed from, as kept under data/raw.
-- Grain: one row per file version (sha256).
-- Inputs: the raw archive's sidecars (written by warehouse/load/release.py).
create table if not exists meta.raw_files (
    sha256        varchar primary key,
    url           varchar not null,
    fetched_url   varchar not null,
    http_status   integer not null,
    retrieved_at  timestamptz not null,
    content_type  varchar,
    size_bytes    bigint not null,
    raw_path      varchar not null
);
comment on table meta.raw_files is 'Raw files behind loaded releases: canonical GACC URL, what was actually requested, HTTP status, retrieval time, sha256 and path under data/raw.';
