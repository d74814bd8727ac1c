-- The statements of palmares.loader.riders: rider identity at load time
-- (candidates, evidence, merges, display names and refs).

-- name: rider_by_id
-- The facts of one rider the Writer has not read yet.
select rider_ref, name_key, name, nationality, birth_date from riders where rider_id = ?;

-- name: all_spellings
-- Every spelling of every rider: the word index of candidates is built from them.
select rider_id, alias from rider_aliases
union all
select rider_id, name from riders;

-- name: rider_spellings
-- The spellings a rider was seen under.
select alias from rider_aliases where rider_id = ? order by alias;

-- name: rider_appearances
-- Where a rider rode, line by line: race, year, bib, team, source and spelling.
select ra.race_ref, e.year, l.bib, en.team_name, l.source_id, l.spelling
from rider_lines l
join editions e on e.edition_id = l.edition_id
join races ra on ra.race_id = e.race_id
left join entries en on en.edition_id = l.edition_id and en.rider_id = l.rider_id
where l.rider_id = ?;

-- name: line_insert
-- A line a source gave a rider in an edition.
insert into rider_lines (rider_id, edition_id, source_id, bib, spelling) values (?, ?, ?, ?, ?)
on conflict do nothing;

-- name: rider_row
-- A rider's facts.
select name_key, nationality, birth_date from riders where rider_id = ?;

-- name: rider_order
-- What orders riders deterministically (never their ids): the first edition
-- ridden, then the name.
select coalesce(min(e.year), 9999), coalesce(min(ra.race_ref), ''),
    coalesce(min(en.bib), 1000000), r.name_key, r.name
from riders r
left join entries en on en.rider_id = r.rider_id
left join editions e on e.edition_id = en.edition_id
left join races ra on ra.race_id = e.race_id
where r.rider_id = ?
group by r.rider_id;

-- name: rider_first_edition_bib
-- The bib in the rider's first edition (a tie-break between namesakes).
select en.bib from entries en join editions e on e.edition_id = en.edition_id
where en.rider_id = ? order by e.year, en.bib limit 1;

-- name: names_of_rider
-- The display forms of a rider's name, one row a source.
select display, given_name, family_name, mixed, split, source_id
from rider_names where rider_id = ?;

-- name: rider_rename
-- A rider's display name, from the best of its forms.
update riders set name = ?, given_name = ?, family_name = ?, search_name = ?, name_key = ?
where rider_id = ?;

-- name: refs_of_base
-- The riders whose ref is a base or the base with a number.
-- (a range on the unique index of refs; the caller keeps the numbered ones)
select rider_id, name, rider_ref from riders
where rider_ref = :base or (rider_ref > :base || '-' and rider_ref < :base || '.');

-- name: rider_set_ref
-- A rider's ref.
update riders set rider_ref = ? where rider_id = ?;

-- name: rider_delete
-- A rider merged into another.
delete from riders where rider_id = ?;

-- name: editions_of_rider
-- The editions a rider rode (their computed GC is refreshed after a merge).
select edition_id from entries where rider_id = ?;

-- name: merged_entry
-- An entry of the merged rider in an edition the survivor also rode: fill in the survivor's.
update entries set bib = coalesce(entries.bib, m.bib), team_id = coalesce(entries.team_id, m.team_id),
    team_name = coalesce(entries.team_name, m.team_name)
from (select edition_id, bib, team_id, team_name from entries where rider_id = :loser) as m
where entries.rider_id = :survivor and entries.edition_id = m.edition_id;
