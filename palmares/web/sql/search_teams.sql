-- title: Search teams
-- description: Teams whose folded name contains the folded words.
-- param: words text: folded words, e.g. ineos
select
    t.team_ref,
    t.name
from teams t
where t.name_key like '%' || :words || '%'
   or palmares_fold(t.name) like '%' || :words || '%'
order by t.name
limit 50
