-- title: Riders of a team
-- description: The riders of one team in every edition it rode, latest first, with the team's name that year.
-- param: team text: team ref
select
    ra.race_ref,
    ra.name as race,
    e.year,
    coalesce(en.team_name, t.name) as team_name,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    en.bib
from teams t
join entries en on en.team_id = t.team_id
join editions e on e.edition_id = en.edition_id
join races ra on ra.race_id = e.race_id
join riders ri on ri.rider_id = en.rider_id
where t.team_ref = :team
order by e.year desc, e.start_date desc, ra.name, en.bib, ri.name
