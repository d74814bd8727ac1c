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

-- name: edition_summary
-- What an edition holds, to say why a question about it has no answer.
select
    (select count(*) from stages s where s.edition_id = :edition_id) as stages,
    (select count(distinct r.stage_id) from stage_results r
        join stages s on s.stage_id = r.stage_id where s.edition_id = :edition_id) as with_results,
    (select count(distinct c.stage_id) from computed_gc c where c.edition_id = :edition_id)
        as computed_gc_stages,
    (select group_concat(kind || ' (' || n || ')', ', ') from (
        select kind, count(distinct coalesce(stage_id, 0)) as n from standings
        where edition_id = :edition_id group by kind order by kind)) as standings,
    (select count(*) from stage_team_results t
        join stages s on s.stage_id = t.stage_id where s.edition_id = :edition_id) as team_rows;
