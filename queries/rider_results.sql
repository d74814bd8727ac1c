-- title: A rider's results
-- description: Every stage result of a rider, oldest first, with the rider's counts of wins, podiums and top-ten places over the rows shown that count (`counts` = 0: a row marked suspect, or the rider's row of a team time trial, shown but never counted), and the GC place after the stage where it was published.
-- param: rider text: rider ref or name, in any order (accents and case ignored), e.g. Alex Aranburu
-- param: race text = all: only this race (ref or name)
-- param: year integer = all: only this year
with exact as (
    -- a ref, a name in any order, or any spelling seen in a source
    select rider_id from riders where rider_ref = palmares_slug(:rider)
    union
    select rider_id from riders where name_key = palmares_name_key(:rider)
    union
    select rider_id from rider_aliases where alias_key = palmares_name_key(:rider)
),
-- part of a name ("pogacar") when nothing matches the whole of it
matched as (
    select rider_id from exact
    union
    select rowid from riders_fts
    where riders_fts match '"' || replace(palmares_fold(:rider), '"', ' ') || '"'
      and not exists (select 1 from exact)
),
results as (
    select
        r.rider_id,
        r.stage_id,
        r.team_id,
        r.status,
        r.position,
        r.position_text,
        r.time_seconds,
        r.gap_seconds,
        s.label,
        s.date,
        s.kind,
        s.stage_order,
        e.edition_id,
        e.year,
        ra.race_ref,
        ra.name as race,
        -- the counting rule (schema.sql): no suspect row, no rider's row of a team's stage
        exists (
            select 1 from counted_stage_results c
            where c.stage_id = r.stage_id and c.rider_id = r.rider_id
        ) as counts
    from matched m
    join stage_results r on r.rider_id = m.rider_id
    join stages s on s.stage_id = r.stage_id
    join editions e on e.edition_id = s.edition_id
    join races ra on ra.race_id = e.race_id
    where (nullif(:race, '') is null or ra.race_ref = (
-- include: _race
))
      and (nullif(:year, '') is null or e.year = cast(:year as integer))
)
select
    res.race,
    res.race_ref,
    res.year,
    res.label as stage,
    res.date,
    res.kind,
    res.position as rank,
    res.position_text,
    res.status,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    res.time_seconds,
    res.gap_seconds,
    palmares_time(res.time_seconds) as time,
    case
        when res.gap_seconds is null or res.position = 1 then null
        when res.gap_seconds = 0 then 's.t.'
        else palmares_gap(res.gap_seconds)
    end as gap,
    gc.position as gc_rank,
    res.counts,
    sum(res.counts and res.position = 1) over rider as wins,
    sum(res.counts and res.position <= 3) over rider as podiums,
    sum(res.counts and res.position <= 10) over rider as top_tens,
    count(*) over rider as results,
    sum(res.counts) over rider as counted_results
from results res
join riders ri on ri.rider_id = res.rider_id
left join entries en on en.edition_id = res.edition_id and en.rider_id = res.rider_id
left join teams t on t.team_id = coalesce(en.team_id, res.team_id)
left join standings gc on gc.rider_id = res.rider_id
    and gc.kind = 'gc'
    and gc.stage_id = res.stage_id
window rider as (partition by res.rider_id)
order by res.year, res.race_ref, res.stage_order, ri.rider_ref
