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
comment on column meta.raw_files.sha256 is 'sha256 of the raw bytes; the file''s identity.';
comment on column meta.raw_files.url is 'Canonical GACC URL of the file.';
comment on column meta.raw_files.fetched_url is 'The URL actually requested (GACC or a mirror).';
comment on column meta.raw_files.http_status is 'HTTP status of the response that was kept.';
comment on column meta.raw_files.retrieved_at is 'When the file was fetched.';
comment on column meta.raw_files.content_type is 'Content-Type header of the response.';
comment on column meta.raw_files.size_bytes is 'Size of the raw file in bytes.';
comment on column meta.raw_files.raw_path is 'Path of the raw file under data/.';
