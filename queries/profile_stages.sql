-- title: Stages with results
-- description: The stages that have at least one ranked rider, with how many (and how many of those rows are marked suspect), for one race, one year, or all of them: the stages a Race Profile box (`palmares profile`) can be written for.
-- param: race text = all: race ref or name (accents and case ignored); default every race
-- param: year integer = all: the edition's year; default every year
select
    ra.race_ref,
    ra.name as race,
    ra.is_one_day,
    e.year,
    s.label,
    s.kind,
    count(*) as ranked,
    -- ranked rows marked suspect (known source defects): all of them means the
    -- table is not the stage's result (a source that put the GC in its place)
    sum(r.is_suspect) as suspect
from races ra
join editions e on e.race_id = ra.race_id
join stages s on s.edition_id = e.edition_id
join stage_results r on r.stage_id = s.stage_id
where r.position is not null
  and (nullif(:race, '') is null or ra.race_ref = (
-- include: _race
))
  and (nullif(:year, '') is null or e.year = cast(:year as integer))
group by s.stage_id
order by ra.race_ref, e.year, s.stage_order
