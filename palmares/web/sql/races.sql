-- title: Races
-- description: Every race with the span of its editions, for the home page.
select
    ra.race_ref,
    ra.name,
    ra.country,
    ra.gender,
    ra.is_one_day,
    count(e.edition_id) as editions,
    min(e.year) as first_year,
    max(e.year) as last_year
from races ra
left join editions e on e.race_id = ra.race_id
group by ra.race_id
order by ra.gender desc, ra.name
