-- title: Lanterne rouge
-- description: The last rider classified in the GC (final by default), with the edition's published number of finishers to tell whether the loaded standings reach the real last place.
-- param: race text: race ref or name (accents and case ignored), e.g. tour-de-france
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage
with edition as (
    select e.edition_id, e.finishers
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = palmares_slug(:race)
      and e.year = cast(:year as integer)
),
last_stage as (
    select max(s.stage_order) as stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
),
-- the stage asked for ("8", "10a", "Stage 8": labels start with a digit, so
-- leading letters can go), else the last one
target as (
    select
        s.stage_id,
        s.label,
        s.stage_order = (select stage_order from last_stage) as is_last
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.label = ltrim(lower(trim(:stage)), 'stage ')
    union all
    select
        s.stage_id,
        s.label,
        1
    from stages s
    where s.edition_id = (select edition_id from edition)
      and nullif(trim(:stage), '') is null
      and s.stage_order = (select stage_order from last_stage)
),
official_stage as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id = (select stage_id from target)
),
-- final standings published without a stage are the standings after the last stage
official_final as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id is null
      and (select is_last from target)
),
-- two publications of the same standings (a leader from a stage list, the full
-- final from a results file): the fuller one is shown (more rows, then more times)
fuller as (
    select
        (select count(*) from official_final) > (select count(*) from official_stage)
        or (
            (select count(*) from official_final) = (select count(*) from official_stage)
            and (select count(time_seconds) from official_final)
                > (select count(time_seconds) from official_stage)
        ) as final_first
),
official as (
    select * from official_stage
    where not (select final_first from fuller)
    union all
    select * from official_final
    where (select final_first from fuller)
),
computed as (
    select c.*
    from computed_gc c
    where c.stage_id = (select stage_id from target)
),
-- official wherever anything was published (a leader alone included: a
-- computed GC lacks the bonuses and penalties the stage results do not carry)
use_official as (
    select exists (select 1 from official) as yes
),
rows as (
    select
        o.position as rank,
        o.rider_id,
        o.team_id,
        o.status,
        o.time_seconds,
        o.gap_seconds,
        o.position_order,
        'official' as source
    from official o
    where (select yes from use_official)
    union all
    select
        cp.position,
        cp.rider_id,
        null,
        'finished',
        cp.time_seconds,
        cp.gap_seconds,
        cp.position,
        'computed'
    from computed cp
    where not (select yes from use_official)
),
classified as (
    select *
    from rows
    where status = 'finished'
      and rank is not null
)
select
    lr.rank,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    coalesce(en.team_name, t.name) as team,
    lr.time_seconds,
    lr.gap_seconds,
    palmares_time(lr.time_seconds) as time,
    case
        when lr.gap_seconds is null then null
        else palmares_gap(lr.gap_seconds)
    end as gap,
    lr.source,
    (select label from target) as after_stage,
    (select count(*) from classified) as classified_loaded,
    (select finishers from edition) as finishers_published,
    -- partial standings (a top ten) do not reach the real lanterne rouge
    case
        when (select finishers from edition) is null or not (select is_last from target) then null
        else lr.rank = (select finishers from edition)
    end as is_last_finisher
from classified lr
left join riders ri on ri.rider_id = lr.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = lr.rider_id
left join teams t on t.team_id = coalesce(lr.team_id, en.team_id)
where lr.rank = (select max(rank) from classified)
order by ri.name
