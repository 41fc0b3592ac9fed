-- dim_regime: customs regimes (the preliminary release's "trade modes").
-- Grain: one row per regime_key.
-- Inputs: ref.regimes, ref.regime_aliases.
create or replace table dim_regime as
with regimes as (
    select * from ref.regimes
),
aliases as (
    select regime_key, list(distinct printed_label order by printed_label) as printed_labels
    from ref.regime_aliases
    group by regime_key
),
final as (
    select
        regimes.regime_key,
        nullif(regimes.regime_code, '') as regime_code,
        regimes.name_en,
        nullif(regimes.name_zh, '') as name_zh,
        coalesce(aliases.printed_labels, []) as printed_labels
    from regimes
    left join aliases using (regime_key)
)
select * from final;
comment on table dim_regime is 'Customs regimes as GACC classifies them (the query platform''s regime codes), with every label printed for them in the preliminary (trade mode) and bulletin (customs regime) tables.';
comment on column dim_regime.regime_key is 'Stable regime id; total = a table''s total line.';
comment on column dim_regime.regime_code is 'The query platform''s two-digit regime code (kept as text).';
comment on column dim_regime.name_en is 'English name.';
comment on column dim_regime.name_zh is 'Chinese name.';
comment on column dim_regime.printed_labels is 'Every label GACC has printed for it.';
