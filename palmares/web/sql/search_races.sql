-- title: Search races
-- description: Races whose folded name contains the folded words.
-- param: words text: folded words, e.g. dauphine
select
    ra.race_ref,
    ra.name,
    ra.country
from races ra
where palmares_fold(ra.name) like '%' || :words || '%'
   or ra.race_ref like '%' || replace(:words, ' ', '-') || '%'
order by ra.name
limit 50
