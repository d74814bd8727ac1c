-- title: Editions of a race
-- description: The editions of one race, latest first, with their number of stages.
-- param: race text: race ref
select
    e.year,
    e.number,
    e.start_date,
    e.end_date,
    e.is_cancelled,
    e.distance_km,
    e.starters,
    e.finishers,
    (select count(*) from stages s where s.edition_id = e.edition_id) as stages
from races ra
join editions e on e.race_id = ra.race_id
where ra.race_ref = (
-- include: _race
)
order by e.year desc
