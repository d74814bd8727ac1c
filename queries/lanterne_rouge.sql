-- title: Lanterne rouge
-- description: The last rider classified in the GC (final by default), with the edition's published number of finishers to tell whether the loaded standings reach the real last place.
-- param: race text: race ref or name (accents and case ignored), e.g. tour-de-france
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage
-- The GC's own rows (official where published, else computed), not a copy of its SQL.
with standing as (
-- include: gc
),
edition as (
    select e.finishers, (
        select max(s.stage_order) from stages s where s.edition_id = e.edition_id
    ) as last_order
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
classified as (
    select *
    from standing
    where status = 'finished'
      and rank is not null
),
target as (
    -- whether the standings are the final ones: after the last stage
    select coalesce((
        select s.stage_order = (select last_order from edition)
        from stages s
        join editions e on e.edition_id = s.edition_id
        join races ra on ra.race_id = e.race_id
        where ra.race_ref = (
-- include: _race
)
          and e.year = cast(:year as integer)
          and s.label = (select after_stage from classified limit 1)
    ), nullif(trim(:stage), '') is null) as is_last
)
select
    lr.rank,
    lr.rider,
    lr.rider_ref,
    lr.nationality,
    lr.team,
    lr.time_seconds,
    lr.gap_seconds,
    lr.time,
    palmares_gap(lr.gap_seconds) as gap,
    lr.source,
    lr.after_stage,
    (select count(*) from classified) as classified_loaded,
    (select finishers from edition) as finishers_published,
    -- partial standings (a top ten) do not reach the real lanterne rouge
    case
        when (select finishers from edition) is null or not (select is_last from target) then null
        else lr.rank = (select finishers from edition)
    end as is_last_finisher
from classified lr
where lr.rank = (select max(rank) from classified)
order by lr.rider
