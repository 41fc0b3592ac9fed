-- meta: the warehouse's own bookkeeping (raw files, releases, build information).
-- Grain: a schema, no rows.
create schema if not exists meta;
