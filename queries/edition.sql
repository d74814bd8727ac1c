-- title: An edition
-- description: One edition of a race: dates, distance, starters and finishers as published, its rules, and how much of it is loaded (stages, stage results, standings).
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
select
    ra.name as race,
    ra.race_ref,
    e.year,
    e.number,
    e.start_date,
    e.end_date,
    ra.gender,
    ra.country,
    e.distance_km,
    e.starters,
    e.finishers,
    e.is_cancelled,
    er.finish_bonus_seconds,
    er.team_riders_counted,
    er.youth_max_age,
    (select count(*) from stages s where s.edition_id = e.edition_id) as stages,
    (
        select count(*)
        from stages s
        where s.edition_id = e.edition_id
          and exists (select 1 from stage_results r where r.stage_id = s.stage_id)
    ) as stages_with_results,
    (
        select count(*)
        from stages s
        join stage_results r on r.stage_id = s.stage_id
        where s.edition_id = e.edition_id
    ) as stage_results,
    (select count(*) from entries en where en.edition_id = e.edition_id) as riders_entered,
    (select count(*) from standings st where st.edition_id = e.edition_id) as standings_rows
from races ra
join editions e on e.race_id = ra.race_id
left join edition_rules er on er.edition_id = e.edition_id
where ra.race_ref = (
-- include: _race
)
  and e.year = cast(:year as integer)
