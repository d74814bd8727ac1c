-- title: Stages of an edition
-- description: The stages of one edition in running order, with how many results are loaded for each.
-- param: race text: race ref
-- param: year integer: the edition's year
select
    s.label,
    s.number,
    s.date,
    s.departure,
    s.arrival,
    s.distance_km,
    s.elevation_m,
    s.kind,
    k.description as kind_name,
    s.is_neutralised,
    (select count(*) from stage_results r where r.stage_id = s.stage_id) as results
from races ra
join editions e on e.race_id = ra.race_id
join stages s on s.edition_id = e.edition_id
left join stage_kinds k on k.kind = s.kind
where ra.race_ref = (
-- include: _race
)
  and e.year = cast(:year as integer)
order by s.stage_order
