-- title: A team's riders
-- description: A team's riders and their places on a stage or in the GC after it, best first ("Astana – Premier Tech top 3"). The GC is the official one where published complete, otherwise computed.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: team text: team name as that year's start list or results write it, or a word of it (accents, case and "Team" ignored)
-- param: stage text = last: stage number or label; default the last stage
-- param: on text = stage: stage for the stage result, gc for the GC after the stage
-- param: top integer = all: only the team's best N riders
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
mode as (
    select coalesce(nullif(lower(trim(:on)), ''), 'stage') as what
),
-- the GC rows as the gc query chooses them
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
    select st.rider_id, st.team_id, st.status, st.position, st.position_order,
        st.time_seconds, st.gap_seconds
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id = (select stage_id from target)
      and st.stage_id in (select stage_id from complete)
      and (select what from mode) = 'gc'
),
official_final as (
    select st.rider_id, st.team_id, st.status, st.position, st.position_order,
        st.time_seconds, st.gap_seconds
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id is null
      and (select is_last from target)
      and exists (select 1 from complete where stage_id is null)
      and (select what from mode) = 'gc'
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
    select c.rider_id, null as team_id, 'finished' as status, c.position,
        c.position as position_order, c.time_seconds, c.gap_seconds
    from computed_gc c
    where c.stage_id = (select stage_id from target)
      and (select what from mode) = 'gc'
),
-- official wherever a complete GC was published (a computed GC lacks the
-- bonuses and penalties the stage results do not carry), else computed
use_official as (
    select exists (select 1 from official) as yes
),
stage_rows as (
    select r.rider_id, r.team_id, r.status, r.position, r.position_order,
        r.time_seconds, r.gap_seconds
    from stage_results r
    where r.stage_id = (select stage_id from target)
      and (select what from mode) = 'stage'
),
rows as (
    select *, 'official' as source from official where (select yes from use_official)
    union all
    select *, 'computed' from computed where not (select yes from use_official)
    union all
    select *, 'official' from stage_rows
),
named as (
    select
        rows.*,
        ri.name as rider,
        ri.rider_ref,
        coalesce(en.team_name, t.name) as team,
        palmares_team_key(coalesce(en.team_name, t.name)) as row_team_key,
        palmares_team_words(coalesce(en.team_name, t.name)) as row_team_words,
        t.name_key as team_key
    from rows
    join riders ri on ri.rider_id = rows.rider_id
    left join entries en
        on en.edition_id = (select edition_id from edition)
        and en.rider_id = rows.rider_id
    left join teams t on t.team_id = coalesce(en.team_id, rows.team_id)
),
wanted as (
    select palmares_team_key(:team) as team_key, palmares_team_words(:team) as team_words
),
-- the exact name first; a word of it ("Astana", "INEOS") when nothing is exact
matched as (
    select
        n.*,
        n.team_key = w.team_key or n.row_team_key = w.team_key as is_exact
    from named n, wanted w
    where n.team_key = w.team_key
       or n.row_team_key = w.team_key
       or instr(' ' || n.row_team_words || ' ', ' ' || w.team_words || ' ') > 0
),
team_rows as (
    select
        m.*,
        row_number() over (order by m.position_order, m.rider) as team_rank
    from matched m
    where m.is_exact or not exists (select 1 from matched m2 where m2.is_exact)
)
select
    team_rank,
    position as rank,
    rider,
    rider_ref,
    team,
    status,
    time_seconds,
    gap_seconds,
    palmares_time(time_seconds) as time,
    case
        when gap_seconds is null or (gap_seconds = 0 and position = 1) then null
        else palmares_gap(gap_seconds)
    end as gap,
    (select what from mode) as "on",
    source,
    (select label from target) as stage
from team_rows
where team_rank <= coalesce(cast(nullif(:top, '') as integer), 1000000)
order by team_rank
