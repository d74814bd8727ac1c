-- The questions of `palmares export` (palmares/reports/export.py): the rows of
-- one edition's native files (docs/formats.md), in the order the files list them.

-- name: edition_ids
-- Every edition, in the order they were made.
select edition_id from editions order by edition_id;

-- name: edition
-- edition.csv: the edition, its race and its rules.
select ra.name, ra.race_ref, ra.country, ra.gender, ra.is_one_day, e.*,
    ru.finish_bonus_seconds, ru.team_riders_counted, ru.youth_max_age
from editions e join races ra on ra.race_id = e.race_id
left join edition_rules ru on ru.edition_id = e.edition_id
where e.edition_id = ?;

-- name: stages
-- stages.csv: the stages of an edition in running order.
select * from stages where edition_id = ? order by stage_order;

-- name: riders
-- riders.csv: the start list, by bib (riders without one last, as entered).
select en.bib, ri.name, en.team_name, ri.nationality, ri.birth_date, ri.given_name,
    ri.family_name, ri.rider_ref
from entries en join riders ri on ri.rider_id = en.rider_id
where en.edition_id = ? order by en.bib is null, en.bib, en.entry_id;

-- name: stage_results
-- stage-<label>.csv: a stage's riders in published order, with the team of
-- their entry (as the start list wrote it) or else of their result.
select r.*, ri.name, en.bib, ri.nationality, coalesce(en.team_name, t.name) as team
from stage_results r join riders ri on ri.rider_id = r.rider_id
left join entries en on en.edition_id = ? and en.rider_id = r.rider_id
left join teams t on t.team_id = r.team_id
where r.stage_id = ? order by r.position_order;

-- name: stage_team_results
-- stage-<label>.csv, after the riders: the team rows of a team time trial.
select tr.*, t.name from stage_team_results tr join teams t on t.team_id = tr.team_id
where tr.stage_id = ? order by tr.position is null, tr.position;

-- name: standing_groups
-- <kind>-<label>.csv: which published classifications an edition has, after
-- which stage (label null: the final one).
select distinct st.kind, st.stage_id, s.label from standings st
left join stages s on s.stage_id = st.stage_id where st.edition_id = ?;

-- name: standings
-- One published classification in published order.
select st.*, ri.name, en.bib, coalesce(en.team_name, t.name) as team
from standings st left join riders ri on ri.rider_id = st.rider_id
left join entries en on en.edition_id = st.edition_id and en.rider_id = st.rider_id
left join teams t on t.team_id = st.team_id
where st.edition_id = ? and st.kind = ? and st.stage_id is ?
order by st.position_order;

-- name: adjustments
-- adjustments.csv: the penalties and bonuses a source gave (not those palmares
-- derived from the standings), of riders, in the order they were loaded.
select s.label, ri.name, a.kind, a.seconds, a.points, a.reason
from adjustments a left join stages s on s.stage_id = a.stage_id
left join riders ri on ri.rider_id = a.rider_id
where a.edition_id = ? and a.is_derived = 0 and a.rider_id is not null
order by a.adjustment_id;
