-- title: Races of a rider
-- description: Every edition a rider is known to have ridden: on the start list, in a stage result or in a standing; latest first.
-- param: rider text: rider ref
with rider as (
    select rider_id from riders where rider_ref = :rider
),
ridden as (
    select edition_id from entries where rider_id = (select rider_id from rider)
    union
    select s.edition_id
    from stage_results r
    join stages s on s.stage_id = r.stage_id
    where r.rider_id = (select rider_id from rider)
    union
    select edition_id from standings where rider_id = (select rider_id from rider)
)
select
    ra.race_ref,
    ra.name as race,
    e.year,
    coalesce(en.team_name, t.name) as team,
    t.team_ref,
    en.bib
from ridden
join editions e on e.edition_id = ridden.edition_id
join races ra on ra.race_id = e.race_id
left join entries en on en.edition_id = e.edition_id and en.rider_id = (select rider_id from rider)
left join teams t on t.team_id = en.team_id
order by e.year desc, e.start_date desc, ra.name
