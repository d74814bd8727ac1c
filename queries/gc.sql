-- title: General classification
-- description: The GC after a stage: the official standings where they were published complete, otherwise computed from stage times (a leader alone or a truncated table never hides the whole field). The source column says which.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage
with edition as (
    select e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
last_stage as (
    select max(s.stage_order) as stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
),
-- the stage asked for ("8", "10a", "Stage 8", "08": palmares_stage_label), else
-- the last one
target as (
    select
        s.stage_id,
        s.label,
        s.stage_order = (select stage_order from last_stage) as is_last
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.label = palmares_stage_label(:stage)
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
-- the complete publications of the edition's GC (schema.sql,
-- standings_publications): a leader alone or a truncated table never hides
-- the computed GC
complete as (
    select p.stage_id
    from standings_publications p
    where p.edition_id = (select edition_id from edition)
      and p.kind = 'gc'
      and p.counts
),
official_stage as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id = (select stage_id from target)
      and st.stage_id in (select stage_id from complete)
),
-- final standings published without a stage are the standings after the last stage
official_final as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id is null
      and (select is_last from target)
      and exists (select 1 from complete where stage_id is null)
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
-- official wherever a complete GC was published (a computed GC lacks the
-- bonuses and penalties the stage results do not carry), else computed
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
)
select
    rows.rank,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    coalesce(en.team_name, t.name) as team,
    rows.status,
    rows.time_seconds,
    rows.gap_seconds,
    palmares_time(rows.time_seconds) as time,
    case
        when rows.gap_seconds is null or (rows.gap_seconds = 0 and rows.rank = 1) then null
        else palmares_gap(rows.gap_seconds)
    end as gap,
    rows.source,
    (select label from target) as after_stage
from rows
left join riders ri on ri.rider_id = rows.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = rows.rider_id
left join teams t on t.team_id = coalesce(rows.team_id, en.team_id)
order by rows.position_order, ri.name
