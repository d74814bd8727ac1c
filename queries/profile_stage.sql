-- title: Stage heading of a Race Profile box
-- description: The race as named in the database (and whether it is a one-day race), and one stage of an edition: route, distance and kind, for the heading of `palmares profile`. One row when the race is known; edition_id is null when the year is not, label is null when the stage is not; results and suspect_results count the stage's result rows and those marked suspect (known source defects); stage_labels lists the edition's stages in running order.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text: stage number or label (0 for a prologue, 10a for a split stage)
select
    ra.name as race,
    ra.race_ref,
    ra.is_one_day,
    e.edition_id,
    e.year,
    s.label,
    s.number,
    s.kind,
    s.departure,
    s.arrival,
    s.distance_km,
    (select count(*) from stage_results r where r.stage_id = s.stage_id) as results,
    -- every row suspect: the source put something else (the GC) in the stage's place
    (
        select count(*) from stage_results r where r.stage_id = s.stage_id and r.is_suspect
    ) as suspect_results,
    (
        select group_concat(o.label, ' ')
        from (
            select s2.label
            from stages s2
            where s2.edition_id = e.edition_id
            order by s2.stage_order
        ) o
    ) as stage_labels
from races ra
left join editions e
    on e.race_id = ra.race_id
    and e.year = cast(:year as integer)
left join stages s
    on s.edition_id = e.edition_id
    and s.label = palmares_stage_label(:stage)
where ra.race_ref = (
-- include: _race
)
