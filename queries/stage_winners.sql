-- title: Stage winners
-- description: The winner of every stage of an edition, with runs of consecutive stage wins (Padun, stages 7 and 8 of the 2021 Dauphiné). A team time trial with no rider placed first names the winning team.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
with edition as (
    select e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
-- stage_order leaves gaps (10, 20, 21 for 1, 2a, 2b): number the stages 1, 2, 3
stage_list as (
    select
        s.stage_id,
        s.label,
        s.date,
        s.departure,
        s.arrival,
        s.distance_km,
        s.kind,
        s.stage_order,
        row_number() over (order by s.stage_order) as n
    from stages s
    where s.edition_id = (select edition_id from edition)
),
rider_wins as (
    select
        sl.stage_id,
        r.rider_id,
        r.team_id,
        r.time_seconds
    from stage_list sl
    -- the counting rule (schema.sql): no suspect row, no rider's row of a team's stage
    join counted_stage_results r on r.stage_id = sl.stage_id and r.position = 1
),
team_wins as (
    select
        sl.stage_id,
        null as rider_id,
        tr.team_id,
        tr.time_seconds
    from stage_list sl
    join stage_team_results tr on tr.stage_id = sl.stage_id and tr.position = 1
    where not exists (select 1 from rider_wins w where w.stage_id = sl.stage_id)
),
wins as (
    select * from rider_wins
    union all
    select * from team_wins
),
-- consecutive stages won by one rider share n minus the rider's count of wins so far
runs as (
    select
        w.stage_id,
        w.rider_id,
        sl.n,
        sl.n - row_number() over (partition by w.rider_id order by sl.n) as run
    from wins w
    join stage_list sl on sl.stage_id = w.stage_id
    where w.rider_id is not null
),
streaks as (
    select
        stage_id,
        rider_id,
        row_number() over (partition by rider_id, run order by n) as consecutive_wins,
        count(*) over (partition by rider_id) as wins_in_race
    from runs
)
select
    sl.label as stage,
    sl.date,
    sl.departure,
    sl.arrival,
    sl.distance_km,
    sl.kind,
    coalesce(ri.name, t.name) as winner,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    w.time_seconds,
    palmares_time(w.time_seconds) as time,
    -- the how-many-th of a run of consecutive wins this one is (1 for a single win)
    sk.consecutive_wins,
    sk.wins_in_race
from stage_list sl
left join wins w on w.stage_id = sl.stage_id
left join streaks sk on sk.stage_id = w.stage_id and sk.rider_id = w.rider_id
left join riders ri on ri.rider_id = w.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = w.rider_id
left join teams t on t.team_id = coalesce(en.team_id, w.team_id)
order by sl.stage_order, winner
