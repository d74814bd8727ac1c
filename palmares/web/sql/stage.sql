-- title: Stage
-- description: One stage of an edition, with the labels of the stages before and after it.
-- param: race text: race ref
-- param: year integer: the edition's year
-- param: stage text: stage label
with stages_of_edition as (
    select
        s.*,
        lag(s.label) over (order by s.stage_order) as previous_label,
        lead(s.label) over (order by s.stage_order) as next_label,
        count(*) over () as stage_count
    from races ra
    join editions e on e.race_id = ra.race_id
    join stages s on s.edition_id = e.edition_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
)
select
    ra.race_ref,
    ra.name as race,
    e.year,
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
    s.previous_label,
    s.next_label,
    s.stage_count
from stages_of_edition s
join editions e on e.edition_id = s.edition_id
join races ra on ra.race_id = e.race_id
left join stage_kinds k on k.kind = s.kind
where s.label = palmares_stage_label(:stage)
