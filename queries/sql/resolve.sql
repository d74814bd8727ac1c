-- What queries/resolve.py checks before a query runs: the race, edition, stage
-- and rider a person asked about, by the same rules as the queries themselves.

-- name: races
-- Every race with how well :race names it (3 ref, 2 name, 1 words), best first.
select race_ref, name, palmares_race_score(race_ref, name, :race) as score
from races
order by score desc, race_ref;

-- name: editions
-- The years a race was loaded for, with their editions.
select e.year, e.edition_id
from editions e
join races ra using (race_id)
where ra.race_ref = :race_ref
order by e.year;

-- name: stage_labels
-- An edition's stage labels in running order.
select label from stages where edition_id = :edition_id order by stage_order;

-- name: rider_known
-- A rider matches as queries/rider_results.sql matches: ref, name, any spelling,
-- or part of a name (full-text phrase).
select 1 from riders where rider_ref = :ref or name_key = :key
union all
select 1 from rider_aliases where alias_key = :key
union all
select 1 from riders_fts where riders_fts match :phrase
limit 1;

-- name: rider_names
-- Every rider's folded name, to suggest the nearest when none matches.
select rider_ref, name, search_name from riders;
