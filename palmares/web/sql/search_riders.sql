-- title: Search riders
-- description: Riders whose folded name matches a full-text query ("pogacar" finds Pogačar).
-- param: match text: an FTS5 query over folded words, e.g. "pogac"*
select
    ri.rider_ref,
    ri.name,
    ri.nationality,
    ri.birth_date
from riders_fts
join riders ri on ri.rider_id = riders_fts.rowid
where riders_fts match :match
order by riders_fts.rank, ri.name
limit 50
