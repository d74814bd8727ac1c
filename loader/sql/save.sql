-- The statements of palmares.loader.save: records -> rows, one file at a time.
--
-- Facts that several sources hold fill each other in (`coalesce`): the first
-- value loaded for a column stays, a later source only fills what is missing.
-- Parameters are positional, in the order the Writer passes them.

-- ------------------------------------------------------------ races

-- name: race_upsert
-- A race an explicit Race record describes: it sets gender and one-day.
insert into races (race_ref, name, country, is_one_day, gender, source_id, line)
values (?, ?, ?, ?, ?, ?, ?)
on conflict (race_ref) do update set
    country = coalesce(races.country, excluded.country),
    is_one_day = excluded.is_one_day,
    gender = excluded.gender;

-- name: race_by_ref
-- The id of a race by its ref.
select race_id from races where race_ref = ?;

-- name: race_insert
-- A race first named by a result or an edition.
insert into races (race_ref, name, source_id, line) values (?, ?, ?, ?);

-- ------------------------------------------------------------ editions

-- name: edition_by_year
-- The id of an edition of a race.
select edition_id from editions where race_id = ? and year = ?;

-- name: edition_insert
-- A new edition.
insert into editions (race_id, year, source_id, line) values (?, ?, ?, ?);

-- name: edition_rules_insert
-- The default rules of a new edition.
insert into edition_rules (edition_id, source_id, line) values (?, ?, ?)
on conflict do nothing;

-- name: edition_update
-- What an Edition record tells of an edition, where nothing is known yet.
update editions set
    number = coalesce(number, ?), start_date = coalesce(start_date, ?),
    end_date = coalesce(end_date, ?), is_cancelled = max(is_cancelled, ?),
    starters = coalesce(starters, ?), finishers = coalesce(finishers, ?),
    distance_km = coalesce(distance_km, ?)
where edition_id = ?;

-- ------------------------------------------------------------ stages

-- name: stages_of_edition
-- The stages an edition already has, with their running order.
select stage_id, label, stage_order from stages where edition_id = ?;

-- name: stage_insert
-- A new stage.
insert into stages (edition_id, label, number, stage_order, source_id, line)
values (?, ?, ?, ?, ?, ?);

-- name: stage_update
-- What a Stage record tells of a stage, where nothing is known yet.
update stages set
    date = coalesce(date, ?), departure = coalesce(departure, ?),
    arrival = coalesce(arrival, ?), distance_km = coalesce(distance_km, ?),
    elevation_m = coalesce(elevation_m, ?), kind = coalesce(kind, ?),
    is_neutralised = max(is_neutralised, ?)
where stage_id = ?;

-- ------------------------------------------------------------ teams

-- name: team_by_key
-- The id of a team by its folded name.
select team_id, name from teams where name_key = ?;

-- name: team_rename
-- A team's display name, when a better spelling of it comes.
update teams set name = ? where team_id = ?;

-- name: team_ref_taken
-- Is this team ref already some team's?
select 1 from teams where team_ref = ?;

-- name: team_insert
-- A new team.
insert into teams (team_ref, name, name_key, source_id, line) values (?, ?, ?, ?, ?);

-- ------------------------------------------------------------ riders

-- name: edition_riders
-- The riders entered in an edition, with their bib, team and facts.
select e.rider_id, e.bib, e.team_id, r.rider_ref, r.name_key, r.name, r.nationality,
    r.birth_date
from entries e
join riders r on r.rider_id = e.rider_id
where e.edition_id = ?;

-- name: edition_ref
-- The race ref and year of an edition.
select ra.race_ref, e.year from editions e join races ra on ra.race_id = e.race_id
where e.edition_id = ?;

-- name: rider_insert
-- A new rider.
insert into riders (rider_ref, name, given_name, family_name, name_key, search_name,
    source_id, line)
values (?, ?, ?, ?, ?, ?, ?, ?);

-- name: alias_insert
-- A spelling of a rider's name a source used.
insert into rider_aliases (rider_id, alias, alias_key, source_id) values (?, ?, ?, ?)
on conflict do nothing;

-- name: rider_name_insert
-- The display form a source's spelling gives (loader/riders.py picks the best).
insert into rider_names (rider_id, display, given_name, family_name, mixed, split, source_id)
values (?, ?, ?, ?, ?, ?, ?)
on conflict do nothing;

-- name: rider_facts_update
-- A rider's nationality and birth date, once a source gives them.
update riders set nationality = ?, birth_date = ? where rider_id = ?;

-- ------------------------------------------------------------ entries

-- name: entry_insert
-- A rider's entry in an edition.
insert into entries (edition_id, rider_id, team_id, team_name, bib, source_id, line)
values (?, ?, ?, ?, ?, ?, ?);

-- name: entry_update
-- An entry's bib and team, once a source gives them.
update entries set bib = coalesce(bib, ?), team_id = coalesce(team_id, ?),
    team_name = coalesce(team_name, ?)
where edition_id = ? and rider_id = ?;

-- ------------------------------------------------------------ results

-- name: result_upsert
-- One rider's stage result; a second source fills in what the first left out.
insert into stage_results (stage_id, rider_id, team_id, status, position,
    position_text, position_order, time_seconds, gap_seconds, bonus_seconds,
    penalty_seconds, points, is_suspect, source_id, line)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
on conflict (stage_id, rider_id) do update set
    team_id = coalesce(stage_results.team_id, excluded.team_id),
    time_seconds = coalesce(stage_results.time_seconds, excluded.time_seconds),
    gap_seconds = coalesce(stage_results.gap_seconds, excluded.gap_seconds),
    bonus_seconds = coalesce(stage_results.bonus_seconds, excluded.bonus_seconds),
    penalty_seconds = coalesce(stage_results.penalty_seconds, excluded.penalty_seconds),
    points = coalesce(stage_results.points, excluded.points);

-- name: team_result_insert
-- One team's row of a stage result (a team time trial).
insert into stage_team_results (stage_id, team_id, position, time_seconds, gap_seconds,
    source_id, line)
values (?, ?, ?, ?, ?, ?, ?)
on conflict do nothing;

-- name: standing_insert
-- One row of a published classification; a rider's row from a second source
-- fills in what the first left out, a team's row is kept once.
insert into standings (edition_id, stage_id, kind, rider_id, team_id, status,
    position, position_text, position_order, time_seconds, gap_seconds, points,
    bonus_seconds, penalty_seconds, source_id, line)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
on conflict (edition_id, ifnull(stage_id, -1), kind, rider_id) where rider_id is not null
do update set
    team_id = coalesce(standings.team_id, excluded.team_id),
    time_seconds = coalesce(standings.time_seconds, excluded.time_seconds),
    gap_seconds = coalesce(standings.gap_seconds, excluded.gap_seconds),
    points = coalesce(standings.points, excluded.points),
    bonus_seconds = coalesce(standings.bonus_seconds, excluded.bonus_seconds),
    penalty_seconds = coalesce(standings.penalty_seconds, excluded.penalty_seconds)
on conflict do nothing;

-- name: jersey_insert
-- Who wore a classification's jersey after a stage.
insert into jerseys (stage_id, kind, rider_id, source_id, line) values (?, ?, ?, ?, ?)
on conflict do nothing;

-- name: adjustment_insert
-- A penalty, bonus, relegation or disqualification.
insert into adjustments (edition_id, stage_id, rider_id, team_id, kind, seconds, points,
    reason, is_derived, source_id, line)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
on conflict do nothing;

-- name: warning_insert
-- Suspicious but loadable data, at its line and column.
insert into warnings (source_id, line, "column", code, message) values (?, ?, ?, ?, ?);
