-- title: Stage result
-- description: The full result of one stage as published: places, statuses, times and gaps.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text: stage number or label (0 for a prologue, 10a for a split stage)
with target as (
    select s.stage_id, e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    join stages s on s.edition_id = e.edition_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
      -- "8", "10a", "Stage 8" or "08": palmares_stage_label
      and s.label = palmares_stage_label(:stage)
)
select
    r.position as rank,
    r.position_text,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    coalesce(en.team_name, t.name) as team,
    en.bib,
    r.status,
    r.time_seconds,
    r.gap_seconds,
    palmares_time(r.time_seconds) as time,
    case
        when r.gap_seconds is null or (r.gap_seconds = 0 and r.position = 1) then null
        when r.position > 1 and r.gap_seconds = lag(r.gap_seconds) over (order by r.position_order)
            then 's.t.'
        else palmares_gap(r.gap_seconds)
    end as gap,
    r.bonus_seconds,
    r.penalty_seconds,
    r.points
from target
join stage_results r on r.stage_id = target.stage_id
join riders ri on ri.rider_id = r.rider_id
left join entries en on en.edition_id = target.edition_id and en.rider_id = r.rider_id
left join teams t on t.team_id = r.team_id
order by r.position_order
