-- title: Race
-- description: One race by its ref.
-- param: race text: race ref or name
select
    ra.race_id,
    ra.race_ref,
    ra.name,
    ra.country,
    ra.gender,
    ra.is_one_day
from races ra
where ra.race_ref = (
-- include: _race
)
