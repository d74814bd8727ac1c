-- title: Team classification
-- description: The team classification after a stage, computed from stage times: on each stage the three best times of each team (the edition's team_riders_counted), bonuses and penalties excluded, summed over the stages; in a team time trial the team's own time counts for each of the three. A team with fewer riders with a time on any stage is out; a stage with missing or defective times stops the classification.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage
with edition as (
    select e.edition_id, coalesce(er.team_riders_counted, 3) as counted
    from races ra
    join editions e on e.race_id = ra.race_id
    left join edition_rules er on er.edition_id = e.edition_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
-- the stage asked for ("8", "10a", "Stage 8", "08": palmares_stage_label), else
-- the last one
target as (
    select s.stage_id, s.label, s.stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.label = palmares_stage_label(:stage)
    union all
    select s.stage_id, s.label, s.stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
      and nullif(trim(:stage), '') is null
      and s.stage_order = (
          select max(s2.stage_order)
          from stages s2
          where s2.edition_id = (select edition_id from edition)
      )
),
-- stages up to the target; a neutralised stage's times do not count
counted_stages as (
    select
        s.stage_id,
        s.stage_order,
        s.kind,
        -- results with every finisher timed and no known defect; or a team time
        -- trial with a time for every team that has riders in it
        (
            exists (select 1 from stage_results r where r.stage_id = s.stage_id)
            and not exists (
                select 1
                from stage_results r
                where r.stage_id = s.stage_id
                  and r.status = 'finished'
                  and (r.time_seconds is null or r.is_suspect)
            )
        ) or (
            s.kind = 'ttt'
            and (
                select count(tr.time_seconds) from stage_team_results tr where tr.stage_id = s.stage_id
            ) >= (
                select count(distinct r.team_id) from stage_results r where r.stage_id = s.stage_id
            )
            and exists (select 1 from stage_team_results tr where tr.stage_id = s.stage_id)
        ) as is_usable
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.stage_order <= (select stage_order from target)
      and s.is_neutralised = 0
),
-- a rider's team is the start list's, else the result's
rider_times as (
    select
        cs.stage_id,
        coalesce(en.team_id, r.team_id) as team_id,
        r.time_seconds,
        r.position,
        row_number() over (
            partition by cs.stage_id, coalesce(en.team_id, r.team_id)
            order by r.time_seconds, r.position_order
        ) as team_place
    from counted_stages cs
    join stage_results r on r.stage_id = cs.stage_id
    left join entries en
        on en.edition_id = (select edition_id from edition)
        and en.rider_id = r.rider_id
    where r.status = 'finished'
      and r.time_seconds is not null
      and r.is_suspect = 0
      and coalesce(en.team_id, r.team_id) is not null
),
best_riders as (
    select
        stage_id,
        team_id,
        sum(time_seconds) as time_seconds,
        sum(coalesce(position, 0)) as places,
        count(*) as riders
    from rider_times
    where team_place <= (select counted from edition)
    group by stage_id, team_id
    having count(*) = (select counted from edition)
),
-- team time trial: the team's time, once for each rider counted
team_trial as (
    select
        cs.stage_id,
        tr.team_id,
        tr.time_seconds * (select counted from edition) as time_seconds,
        coalesce(tr.position, 0) as places
    from counted_stages cs
    join stage_team_results tr on tr.stage_id = cs.stage_id
    where cs.kind = 'ttt'
      and tr.time_seconds is not null
),
stage_times as (
    select stage_id, team_id, time_seconds, places
    from team_trial
    union all
    select b.stage_id, b.team_id, b.time_seconds, b.places
    from best_riders b
    where not exists (
        select 1 from team_trial tt where tt.stage_id = b.stage_id and tt.team_id = b.team_id
    )
),
totals as (
    select
        team_id,
        sum(time_seconds) as time_seconds,
        sum(places) as places,
        count(*) as stages,
        sum(case when stage_id = (select stage_id from target) then time_seconds end)
            as stage_time_seconds
    from stage_times
    -- never built on a guess: a stage with missing or defective times stops it
    where not exists (select 1 from counted_stages where not is_usable)
    group by team_id
    -- out of the classification once short of riders on any stage
    having count(*) = (select count(*) from counted_stages)
),
ranked as (
    select
        totals.*,
        rank() over (order by time_seconds, places) as position,
        time_seconds - min(time_seconds) over () as gap_seconds,
        rank() over (order by stage_time_seconds) as stage_rank
    from totals
)
select
    ranked.position as rank,
    t.name as team,
    t.team_ref,
    ranked.time_seconds,
    ranked.gap_seconds,
    palmares_time(ranked.time_seconds) as time,
    case
        when ranked.gap_seconds = 0 then null
        else palmares_gap(ranked.gap_seconds)
    end as gap,
    ranked.stage_time_seconds,
    palmares_time(ranked.stage_time_seconds) as stage_time,
    ranked.stage_rank,
    ranked.places as places_sum,
    ranked.stages,
    'computed' as source,
    (select label from target) as after_stage
from ranked
join teams t on t.team_id = ranked.team_id
order by ranked.position, t.name
