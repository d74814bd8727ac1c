-- title: Teams of an edition
-- description: Every team of one edition under each of its names (as named that year, as stored), with its ref: pages link team names with it.
-- param: race text: race ref
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
team_ids as (
    select en.team_id, en.team_name
    from entries en
    where en.edition_id = (select edition_id from edition)
    union
    select r.team_id, null
    from stages s
    join stage_results r on r.stage_id = s.stage_id
    where s.edition_id = (select edition_id from edition)
)
select coalesce(ti.team_name, t.name) as team, t.team_ref
from team_ids ti
join teams t on t.team_id = ti.team_id
union
select t.name, t.team_ref
from team_ids ti
join teams t on t.team_id = ti.team_id
