-- palmares: cycling race results in one normalised SQLite database.
--
-- The only DDL of the project. Every table is STRICT; the connection turns
-- foreign keys on (`palmares.db.connect`). Conventions, after Ergast and
-- sqlite-utils: tables plural, `<singular>_id` integer keys for joins, stable
-- `<entity>_ref` slugs for people and URLs, durations as integer `*_seconds`,
-- booleans `is_*` (0/1). Every fact row names the `sources` row and the line it
-- came from, so any number can be traced to a file.

pragma foreign_keys = on;

-- Which schema.sql built or last upgraded this database (see palmares/db.py):
-- an unchanged schema is not applied again, so opening never writes.
create table if not exists schema_version (
    version integer not null,
    sha256 text not null
) strict;

-- ---------------------------------------------------------------- lookups

-- Result statuses: kept apart from the position, as in Ergast's `status`.
create table if not exists statuses (
    status text primary key,
    description text not null,
    is_classified integer not null check (is_classified in (0, 1)),
    sort_order integer not null
) strict;

insert or ignore into statuses (status, description, is_classified, sort_order) values
    ('finished', 'Finished', 1, 0),
    ('dnq', 'Finished, not classified', 0, 1),
    ('otl', 'Outside the time limit', 0, 2),
    ('dnf', 'Did not finish', 0, 3),
    ('dns', 'Did not start', 0, 4),
    ('dsq', 'Disqualified', 0, 5),
    ('unknown', 'Not known', 0, 6);

create table if not exists stage_kinds (
    kind text primary key,
    description text not null
) strict;

insert or ignore into stage_kinds (kind, description) values
    ('road', 'Road stage'),
    ('itt', 'Individual time trial'),
    ('ttt', 'Team time trial'),
    ('prologue', 'Prologue');

create table if not exists classification_kinds (
    kind text primary key,
    description text not null,
    is_timed integer not null check (is_timed in (0, 1)),
    is_team integer not null check (is_team in (0, 1))
) strict;

insert or ignore into classification_kinds (kind, description, is_timed, is_team) values
    ('gc', 'General classification', 1, 0),
    ('points', 'Points classification', 0, 0),
    ('mountains', 'Mountains classification', 0, 0),
    ('youth', 'Young rider classification', 1, 0),
    ('teams', 'Team classification', 1, 1),
    ('sprint', 'Intermediate sprints classification', 0, 0),
    ('combativity', 'Combativity classification', 0, 0);

-- ---------------------------------------------------------------- provenance

-- One row per file loaded. Loading a file whose sha256 (and context) is
-- already here is a no-op: that is what makes loading the same file twice
-- change nothing.
create table if not exists sources (
    source_id integer primary key,
    path text not null,
    sha256 text not null check (length(sha256) = 64),
    -- what the file means beyond its bytes: a native file's edition and name, a
    -- scraper file's name (race, year and stage live there); '' for the others
    context text not null default '',
    format text not null,
    loaded_at text not null,
    row_count integer not null default 0,
    unique (sha256, context)
) strict;

-- Loading a file first looks for an earlier version by its path (to replace
-- it): without this index every file loaded reads the whole table, and a
-- corpus of many small files loads in time that grows with its square.
create index if not exists sources_path on sources (path);

-- Suspicious but loadable data, kept rather than silently accepted.
create table if not exists warnings (
    warning_id integer primary key,
    source_id integer not null references sources (source_id) on delete cascade,
    line integer,
    "column" text,
    code text not null,
    message text not null
) strict;

create index if not exists warnings_source on warnings (source_id, line);

-- ---------------------------------------------------------------- races

create table if not exists races (
    race_id integer primary key,
    race_ref text not null unique check (race_ref glob '[a-z0-9]*' and race_ref not glob '*[^a-z0-9-]*'),
    name text not null,
    country text,
    is_one_day integer not null default 0 check (is_one_day in (0, 1)),
    gender text not null default 'men' check (gender in ('men', 'women')),
    source_id integer references sources (source_id),
    line integer
) strict;

create table if not exists editions (
    edition_id integer primary key,
    race_id integer not null references races (race_id),
    year integer not null check (year between 1868 and 2100),
    number integer check (number > 0),
    start_date text check (start_date is null or date(start_date) = start_date),
    end_date text check (end_date is null or date(end_date) = end_date),
    is_cancelled integer not null default 0 check (is_cancelled in (0, 1)),
    -- as published, when known (a partial edition has few rows but these counts)
    starters integer check (starters >= 0),
    finishers integer check (finishers >= 0),
    distance_km real check (distance_km > 0),
    source_id integer references sources (source_id),
    line integer,
    unique (race_id, year)
) strict;

-- The rules the standings of an edition depend on. Defaults are the usual
-- WorldTour ones; an edition file may override each.
create table if not exists edition_rules (
    edition_id integer primary key references editions (edition_id) on delete cascade,
    -- finish bonuses for places 1, 2, 3 ..., space separated ("10 6 4")
    finish_bonus_seconds text not null default '10 6 4',
    -- riders whose times count for the team classification, per stage
    team_riders_counted integer not null default 3 check (team_riders_counted > 0),
    -- the young riders' classification: born on or after 1 January of (year - limit)
    -- (Gaudu, born October 1996, was the 2021 Dauphiné's best young rider at limit 25)
    youth_max_age integer not null default 25 check (youth_max_age > 0),
    -- how equal GC times are ordered: time-trial hundredths, then the sum of
    -- stage places, then the place on the last stage (UCI 2.6.015)
    gc_tie_break text not null default 'stage_places_then_last_stage'
        check (gc_tie_break in ('stage_places_then_last_stage', 'published_order')),
    source_id integer references sources (source_id),
    line integer
) strict;

-- Race rules as data: one row per race and year range, from the files
-- data/rules/<race_ref>.csv (shipped as palmares/rules/), copied here by
-- `palmares.db.ensure_schema` whenever they change. Bonuses are seconds for
-- places 1, 2, 3..., space separated ("10 6 4"); "0" is none; null is a rule
-- nobody knows. `evidence` says where each row comes from (a rulebook, or the
-- data it was inferred from).
create table if not exists race_rules (
    race_ref text not null,
    from_year integer not null,
    to_year integer not null check (to_year >= from_year),
    finish_bonus_seconds text,
    intermediate_bonus_seconds text,
    bonus_on_time_trials integer check (bonus_on_time_trials in (0, 1)),
    youth_max_age integer check (youth_max_age > 0),
    team_riders_counted integer check (team_riders_counted > 0),
    evidence text not null,
    primary key (race_ref, from_year)
) strict;

create table if not exists stages (
    stage_id integer primary key,
    edition_id integer not null references editions (edition_id),
    -- "0" is the prologue; split stages are "10a", "10b"
    label text not null check (label glob '[0-9]*' and label not glob '*[^0-9a-z]*'),
    number integer not null check (number >= 0),
    -- running order within the edition (10a before 10b before 11)
    stage_order integer not null,
    date text check (date is null or date(date) = date),
    departure text,
    arrival text,
    distance_km real check (distance_km is null or distance_km > 0),
    elevation_m integer check (elevation_m is null or elevation_m >= 0),
    kind text references stage_kinds (kind),
    is_neutralised integer not null default 0 check (is_neutralised in (0, 1)),
    source_id integer references sources (source_id),
    line integer,
    unique (edition_id, label),
    unique (edition_id, stage_order)
) strict;

-- ---------------------------------------------------------------- people

create table if not exists riders (
    rider_id integer primary key,
    rider_ref text not null unique check (rider_ref not glob '*[^a-z0-9-]*'),
    -- given name first, as people write it, with its accents ("Tadej Pogačar")
    name text not null,
    given_name text,
    family_name text,
    -- folded, order-free identity key ("pogacar tadej"); not unique: two
    -- different riders may share a name
    name_key text not null,
    -- folded display name for search ("tadej pogacar")
    search_name text not null,
    nationality text,
    birth_date text check (birth_date is null or date(birth_date) = birth_date),
    source_id integer references sources (source_id),
    line integer
) strict;

create index if not exists riders_name_key on riders (name_key);

-- Search that forgives accents and case: "pogacar" finds Pogačar. The
-- Datasette metadata names it as the riders table's fts_table (palmares/web/config.py).
create virtual table if not exists riders_fts using fts5(
    search_name, name, content = 'riders', content_rowid = 'rider_id'
);

create trigger if not exists riders_fts_insert after insert on riders begin
    insert into riders_fts (rowid, search_name, name) values (new.rider_id, new.search_name, new.name);
end;

create trigger if not exists riders_fts_update after update of search_name, name on riders begin
    insert into riders_fts (riders_fts, rowid, search_name, name)
        values ('delete', old.rider_id, old.search_name, old.name);
    insert into riders_fts (rowid, search_name, name) values (new.rider_id, new.search_name, new.name);
end;

create trigger if not exists riders_fts_delete after delete on riders begin
    insert into riders_fts (riders_fts, rowid, search_name, name)
        values ('delete', old.rider_id, old.search_name, old.name);
end;

-- Every spelling of a rider seen in any source.
create table if not exists rider_aliases (
    rider_id integer not null references riders (rider_id),
    alias text not null,
    alias_key text not null,
    source_id integer references sources (source_id),
    primary key (rider_id, alias)
) strict;

create index if not exists rider_aliases_key on rider_aliases (alias_key);

-- Every display form of a rider's name a source gave (given name first, proper
-- case), with whether the source wrote it in mixed case: a rider's `name` is the
-- best of them by a rule that does not depend on load order (loader/riders.py).
create table if not exists rider_names (
    rider_id integer not null references riders (rider_id),
    display text not null,
    given_name text,
    family_name text,
    mixed integer not null,
    -- 1 when the source gave the given and family names apart
    split integer not null default 0,
    source_id integer,
    unique (rider_id, display, given_name, family_name, source_id)
) strict;

create index if not exists rider_names_rider on rider_names (rider_id);

-- Every line a source gave a rider in an edition (its bib, '' for none, and the
-- spelling): the evidence identity weighs whatever the order files came in (two
-- lines of one list are two people; one bib in two sources is one).
create table if not exists rider_lines (
    rider_id integer not null references riders (rider_id),
    edition_id integer not null references editions (edition_id),
    source_id integer,
    bib text not null,
    spelling text not null,
    unique (rider_id, edition_id, source_id, bib, spelling)
) strict;

create index if not exists rider_lines_rider on rider_lines (rider_id);

-- Hand corrections to identity, the rows of an identity.csv (docs/formats.md):
-- applied after every file loaded (loader/corrections.py), whatever the order.
create table if not exists identity_corrections (
    action text not null check (action in ('merge', 'apart', 'name', 'id')),
    rider text not null,
    other text,
    value text,
    note text,
    source_id integer references sources (source_id),
    line integer
) strict;

-- A rider's ids elsewhere (`pcs`: a ProCyclingStats slug, `wikidata`: a Q number),
-- from the `id` corrections.
create table if not exists rider_ids (
    rider_id integer not null references riders (rider_id),
    scheme text not null check (scheme in ('pcs', 'wikidata')),
    value text not null,
    primary key (scheme, value)
) strict;

create table if not exists teams (
    team_id integer primary key,
    team_ref text not null unique check (team_ref not glob '*[^a-z0-9-]*'),
    name text not null,
    -- folded name: "Astana – Premier Tech" and "Astana-Premier Tech" are one team
    name_key text not null unique,
    source_id integer references sources (source_id),
    line integer
) strict;

-- A rider in an edition: the team as named that year, and the bib.
create table if not exists entries (
    entry_id integer primary key,
    edition_id integer not null references editions (edition_id),
    rider_id integer not null references riders (rider_id),
    team_id integer references teams (team_id),
    team_name text,
    bib integer check (bib is null or bib > 0),
    source_id integer references sources (source_id),
    line integer,
    unique (edition_id, rider_id)
) strict;

create index if not exists entries_team on entries (team_id, edition_id);
create index if not exists entries_rider on entries (rider_id);
create index if not exists entries_bib on entries (edition_id, bib);

-- ---------------------------------------------------------------- results

-- One row per (stage, rider): a stage as published. `position` is null when
-- the rider is not classified; `position_text` is what was published ("1",
-- "DNF"); `position_order` sorts everyone, classified first (Ergast).
create table if not exists stage_results (
    stage_id integer not null references stages (stage_id),
    rider_id integer not null references riders (rider_id),
    team_id integer references teams (team_id),
    status text not null default 'finished' references statuses (status),
    position integer check (position is null or position > 0),
    position_text text not null,
    position_order integer not null check (position_order > 0),
    -- absolute stage time when known; riders in one group share a time
    time_seconds integer check (time_seconds is null or time_seconds >= 0),
    gap_seconds integer check (gap_seconds is null or gap_seconds >= 0),
    bonus_seconds integer check (bonus_seconds is null or bonus_seconds >= 0),
    penalty_seconds integer check (penalty_seconds is null or penalty_seconds >= 0),
    points integer,
    -- 1 when this row must not enter a computed standing (a known source defect)
    is_suspect integer not null default 0 check (is_suspect in (0, 1)),
    source_id integer references sources (source_id),
    line integer,
    primary key (stage_id, rider_id),
    -- a place is only ever given to a rider who finished
    check (position is null or status = 'finished')
) strict, without rowid;

create index if not exists stage_results_rider on stage_results (rider_id, stage_id);
create index if not exists stage_results_order on stage_results (stage_id, position_order);

-- Team rows of a stage (a team time trial's team times).
create table if not exists stage_team_results (
    stage_id integer not null references stages (stage_id),
    team_id integer not null references teams (team_id),
    position integer check (position is null or position > 0),
    time_seconds integer check (time_seconds is null or time_seconds >= 0),
    gap_seconds integer check (gap_seconds is null or gap_seconds >= 0),
    source_id integer references sources (source_id),
    line integer,
    primary key (stage_id, team_id)
) strict, without rowid;

-- Standings as published after a stage, per classification. A null stage_id
-- means the final standings of the edition published without a stage.
create table if not exists standings (
    standing_id integer primary key,
    edition_id integer not null references editions (edition_id),
    stage_id integer references stages (stage_id),
    kind text not null references classification_kinds (kind),
    rider_id integer references riders (rider_id),
    team_id integer references teams (team_id),
    status text not null default 'finished' references statuses (status),
    position integer check (position is null or position > 0),
    position_text text not null,
    position_order integer not null check (position_order > 0),
    time_seconds integer check (time_seconds is null or time_seconds >= 0),
    gap_seconds integer check (gap_seconds is null or gap_seconds >= 0),
    points integer,
    bonus_seconds integer check (bonus_seconds is null or bonus_seconds >= 0),
    penalty_seconds integer check (penalty_seconds is null or penalty_seconds >= 0),
    source_id integer references sources (source_id),
    line integer,
    -- a rider's row, or a team's row in the team classification
    check (rider_id is not null or (kind = 'teams' and team_id is not null)),
    check (position is null or status = 'finished')
) strict;

create unique index if not exists standings_rider
    on standings (edition_id, ifnull(stage_id, -1), kind, rider_id) where rider_id is not null;
create unique index if not exists standings_team
    on standings (edition_id, ifnull(stage_id, -1), kind, team_id) where rider_id is null;
create index if not exists standings_order
    on standings (edition_id, kind, stage_id, position_order);
create index if not exists standings_by_rider on standings (rider_id, kind);

-- Who wore each classification's jersey after a stage, as a stage list
-- publishes it. Not a standing: when the GC leader also leads the points,
-- the green jersey is worn by the second of the points classification.
create table if not exists jerseys (
    stage_id integer not null references stages (stage_id),
    kind text not null references classification_kinds (kind),
    rider_id integer not null references riders (rider_id),
    source_id integer references sources (source_id),
    line integer,
    primary key (stage_id, kind)
) strict, without rowid;

create index if not exists jerseys_rider on jerseys (rider_id);

-- Penalties, relegations and disqualifications, with the reason. Bonuses and
-- penalties derived by palmares from published standings are `is_derived`.
create table if not exists adjustments (
    adjustment_id integer primary key,
    edition_id integer not null references editions (edition_id),
    stage_id integer references stages (stage_id),
    rider_id integer references riders (rider_id),
    team_id integer references teams (team_id),
    kind text not null check (kind in (
        'time_penalty', 'time_bonus', 'points_penalty', 'relegation', 'disqualification'
    )),
    seconds integer,
    points integer,
    reason text,
    is_derived integer not null default 0 check (is_derived in (0, 1)),
    source_id integer references sources (source_id),
    line integer,
    check (rider_id is not null or team_id is not null)
) strict;

create unique index if not exists adjustments_unique
    on adjustments (edition_id, ifnull(stage_id, -1), ifnull(rider_id, -1), ifnull(team_id, -1), kind, is_derived);
create index if not exists adjustments_rider on adjustments (rider_id);

-- ---------------------------------------------------------------- computed

-- GC after every stage, computed by palmares from stage times (`palmares
-- refresh`, run after every load): sum of stage times minus bonuses plus
-- penalties, riders who missed a stage out. Stored so that standings are
-- index lookups.
create table if not exists computed_gc (
    stage_id integer not null references stages (stage_id) on delete cascade,
    rider_id integer not null references riders (rider_id),
    edition_id integer not null references editions (edition_id),
    position integer not null check (position > 0),
    time_seconds integer not null,
    gap_seconds integer not null,
    bonus_seconds integer not null default 0,
    penalty_seconds integer not null default 0,
    -- sum of stage places, the UCI tie-break
    places_sum integer not null,
    primary key (stage_id, rider_id)
) strict, without rowid;

create index if not exists computed_gc_order on computed_gc (stage_id, position);
create index if not exists computed_gc_rider on computed_gc (rider_id);

-- ---------------------------------------------------------------- views

-- Stage results with names and times for people.
create view if not exists stage_results_view as
select
    ra.race_ref,
    ra.name as race,
    e.year,
    s.label as stage,
    r.position_text as rank,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    r.status,
    case when r.time_seconds is not null then
        printf('%d:%02d:%02d', r.time_seconds / 3600, r.time_seconds % 3600 / 60, r.time_seconds % 60)
    end as time,
    case
        when r.gap_seconds is null then null
        when r.gap_seconds >= 3600 then
            printf('+%d:%02d:%02d', r.gap_seconds / 3600, r.gap_seconds % 3600 / 60, r.gap_seconds % 60)
        else printf('+%d:%02d', r.gap_seconds / 60, r.gap_seconds % 60)
    end as gap,
    r.time_seconds,
    r.gap_seconds,
    r.bonus_seconds,
    r.penalty_seconds,
    r.points,
    r.position_order
from stage_results r
join stages s on s.stage_id = r.stage_id
join editions e on e.edition_id = s.edition_id
join races ra on ra.race_id = e.race_id
join riders ri on ri.rider_id = r.rider_id
left join entries en on en.edition_id = e.edition_id and en.rider_id = r.rider_id
left join teams t on t.team_id = r.team_id;

-- The counting rule, stated once: the stage results that count toward wins,
-- podiums, places and totals. A row counts unless the loader marked it
-- suspect (a copied split-stage half, a GC published as a stage) or it is a
-- rider's row of a stage won by a team: a team time trial, or a stage whose
-- first three places go to riders of one team with no time and one gap (a
-- team time trial the source did not name as one: rushworth's 1971 Tour
-- prologue lists Molteni's riders first, untimed). Every query that counts
-- wins or places reads this view, never stage_results.
create view if not exists counted_stage_results as
select r.*
from stage_results r
join stages s on s.stage_id = r.stage_id
where r.is_suspect = 0
  and s.kind is not 'ttt'
  and not (
      select count(*) = 3
          and count(x.position) = 3
          and count(x.team_id) = 3
          and count(distinct x.team_id) = 1
          and count(x.time_seconds) = 0
          and count(distinct ifnull(x.gap_seconds, -1)) = 1
      from stage_results x
      where x.stage_id = r.stage_id and x.position_order <= 3
  );

-- The time-bonus rule of every edition, stated once: the race's rules
-- (race_rules, from data/rules/) where a row covers the year; otherwise null, a
-- rule not known. edition_rules.finish_bonus_seconds is not read: its '10 6 4'
-- is a schema default every edition gets, which no row tells from a rule an
-- edition file stated. `evidence` says which.
create view if not exists edition_bonus_rules as
select
    e.edition_id,
    ra.race_ref,
    e.year,
    rr.finish_bonus_seconds,
    rr.intermediate_bonus_seconds,
    rr.bonus_on_time_trials,
    case
        when rr.race_ref is not null then 'race rules: ' || rr.evidence
        else 'no known rule for ' || ra.race_ref || ' ' || e.year
    end as evidence
from editions e
join races ra on ra.race_id = e.race_id
left join race_rules rr
    on rr.race_ref = ra.race_ref and e.year between rr.from_year and rr.to_year;

-- How the time bonuses of every stage are known, stated once for the computed
-- GC (loader/sql/refresh_computed_gc.sql), `gc_computed` and `reconcile`:
-- * `finish_bonuses`: 'from the source' when a file the stage's results come
--   from gives a bonus anywhere in the edition (so a stage of it without any
--   had none: a time trial of the ASO's Tour de France Femmes file); else
--   'derived from the places' by the edition's rule (edition_bonus_rules; a
--   time trial only when the rule says so; the native files of the Dauphiné
--   2021, one a stage, give bonuses for stage 2 only); 'none by the rules';
--   or 'rule not known' (then the computed GC has no bonus for the stage).
-- * `sprint_bonuses`: intermediate sprints cannot be derived from a stage's
--   places: 'missing' where the rule has them and the source lacks them (the
--   computed GC is then approximate).
-- `finish_bonus_seconds` and `intermediate_bonus_seconds` are the rule for the
-- stage, whatever the source ('0' for none, null not known): the derivation
-- applies the first, `reconcile` explains differences with both.
create view if not exists stage_bonus_rules as
select
    q.stage_id,
    q.edition_id,
    q.stage_order,
    q.evidence,
    case
        when q.is_time_trial and q.bonus_on_time_trials is not 1 then '0'
        else q.finish_bonus_seconds
    end as finish_bonus_seconds,
    case
        when q.is_time_trial then '0'
        else q.intermediate_bonus_seconds
    end as intermediate_bonus_seconds,
    case
        when q.from_source then 'from the source'
        when q.is_time_trial and q.bonus_on_time_trials is not 1 then 'none by the rules'
        when q.finish_bonus_seconds is null then 'rule not known'
        when trim(replace(q.finish_bonus_seconds, '0', '')) = '' then 'none by the rules'
        else 'derived from the places'
    end as finish_bonuses,
    case
        when q.from_source then 'from the source'
        when q.is_time_trial then 'none by the rules'
        when q.intermediate_bonus_seconds is null then 'rule not known'
        when trim(replace(q.intermediate_bonus_seconds, '0', '')) = '' then 'none by the rules'
        else 'missing'
    end as sprint_bonuses
from (
    select
        s.stage_id,
        s.edition_id,
        s.stage_order,
        coalesce(s.kind in ('itt', 'ttt', 'prologue'), 0) as is_time_trial,
        b.finish_bonus_seconds,
        b.intermediate_bonus_seconds,
        b.bonus_on_time_trials,
        b.evidence,
        exists (
            select 1
            from stages xs
            join stage_results x on x.stage_id = xs.stage_id
            where xs.edition_id = s.edition_id
              and x.bonus_seconds is not null
              and x.source_id in (
                  select r.source_id from stage_results r where r.stage_id = s.stage_id
              )
        ) as from_source
    from stages s
    join edition_bonus_rules b on b.edition_id = s.edition_id
) q;

-- Published standings with names and times for people.
create view if not exists standings_view as
select
    ra.race_ref,
    ra.name as race,
    e.year,
    s.label as after_stage,
    st.kind,
    st.position_text as rank,
    coalesce(ri.name, t.name) as name,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    st.status,
    case when st.time_seconds is not null then
        printf('%d:%02d:%02d', st.time_seconds / 3600, st.time_seconds % 3600 / 60, st.time_seconds % 60)
    end as time,
    case
        when st.gap_seconds is null then null
        when st.gap_seconds >= 3600 then
            printf('+%d:%02d:%02d', st.gap_seconds / 3600, st.gap_seconds % 3600 / 60, st.gap_seconds % 60)
        else printf('+%d:%02d', st.gap_seconds / 60, st.gap_seconds % 60)
    end as gap,
    st.points,
    st.time_seconds,
    st.gap_seconds,
    st.position_order
from standings st
join editions e on e.edition_id = st.edition_id
join races ra on ra.race_id = e.race_id
left join stages s on s.stage_id = st.stage_id
left join riders ri on ri.rider_id = st.rider_id
left join entries en on en.edition_id = e.edition_id and en.rider_id = st.rider_id
left join teams t on t.team_id = st.team_id;

-- Which published standings count, stated once: every publication (edition,
-- stage or null for final standings published without a stage, kind) with its
-- rows, its timed rows and, for the GC, the rows of the GC computed after that
-- stage (the last stage for final standings). A publication is complete when
-- nothing was computed, or it has more than one row and lacks at most
-- max(5, a tenth) of the computed GC's riders: riders taken out of the
-- standings after the race (disqualified, annulled) stay in a GC computed from
-- stage times, and the Tour's published final GCs lack 1 to 4 of them (1904,
-- 1914, 2006, 2007, 2010, 2012). The stage list's yellow jersey (a GC of one
-- row, the leader alone) and the 1923 final GC (29 of 48 finishers) are not
-- complete. Only a complete publication replaces the computed GC; a
-- leader-only or truncated one checks it, never hides it; but where it
-- disagrees with the computed GC (a place given to another rider: a winner
-- disqualified after the race, 1904; the Tours decided on points, 1905-12)
-- the computed GC is the wrong one, and the publication counts (`counts`).
create view if not exists standings_publications as
select
    q.*,
    q.is_complete or q.disagreements > 0 as counts
from (
select
    p.*,
    comp.computed_rows,
    (
        select count(*)
        from standings x
        left join computed_gc cg on cg.stage_id = comp.stage_id and cg.rider_id = x.rider_id
        where x.edition_id = p.edition_id
          and x.kind = p.kind
          and x.stage_id is p.stage_id
          and x.position is not null
          and cg.position is not x.position
    ) as disagreements,
    case
        when comp.computed_rows is null then 1
        else p.rows > 1 and p.rows + max(5, comp.computed_rows / 10) >= comp.computed_rows
    end as is_complete
from (
    select edition_id, stage_id, kind, count(*) as rows, count(time_seconds) as timed
    from standings
    group by edition_id, stage_id, kind
) p
-- (no window function here: SQLite then flattens this into the caller's query
-- and reads only the edition asked about)
left join (
    select
        s.edition_id,
        s.stage_id,
        s.stage_order = (
            select max(s2.stage_order) from stages s2 where s2.edition_id = s.edition_id
        ) as is_last,
        (select count(*) from computed_gc cg where cg.stage_id = s.stage_id) as computed_rows
    from stages s
) comp on p.kind = 'gc'
    and comp.edition_id = p.edition_id
    and (comp.stage_id = p.stage_id or (p.stage_id is null and comp.is_last))
    and comp.computed_rows > 0
) q;

-- Every edition with its last stage and how many rows (and timed rows) its
-- final GC has as published after the last stage and without a stage: the
-- final standings appear twice in some sources, and the fuller publication
-- counts (more rows, then more times).
create view if not exists final_gc_publications as
select
    el.*,
    (
        select count(*) from standings x
        where x.edition_id = el.edition_id and x.kind = 'gc' and x.stage_id is null
    ) as final_rows,
    (
        select count(*) from standings x
        where x.edition_id = el.edition_id and x.kind = 'gc' and x.stage_id = el.last_stage_id
    ) as last_rows,
    (
        select count(x.time_seconds) from standings x
        where x.edition_id = el.edition_id and x.kind = 'gc' and x.stage_id is null
    ) as final_timed,
    (
        select count(x.time_seconds) from standings x
        where x.edition_id = el.edition_id and x.kind = 'gc' and x.stage_id = el.last_stage_id
    ) as last_timed
from (
    select
        e.edition_id,
        e.year,
        e.is_cancelled,
        ra.race_ref,
        ra.name as race,
        ra.is_one_day,
        (
            select s.stage_id
            from stages s
            where s.edition_id = e.edition_id
            order by s.stage_order desc
            limit 1
        ) as last_stage_id
    -- cross join keeps the few races outside: editions are found by race
    from races ra
    cross join editions e on e.race_id = ra.race_id
) el;

-- The final GC of every edition, named: the fuller official publication where
-- one was loaded, else the GC computed after the last stage. Select from it by
-- race_ref (and position).
create view if not exists final_gc as
select
    g.*,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team
from (
    select
        p.edition_id,
        p.race_ref,
        p.year,
        st.rider_id,
        st.position,
        st.time_seconds,
        st.gap_seconds,
        st.points,
        st.position_order,
        'official' as source
    from final_gc_publications p
    -- over many editions (every race) the planner would rather build an
    -- automatic index on the whole of standings: the index it has is better
    join standings st indexed by standings_order on st.edition_id = p.edition_id
        and st.kind = 'gc'
        and st.stage_id is (
            case
                when p.final_rows > p.last_rows
                    or (p.final_rows = p.last_rows and p.final_timed > p.last_timed) then null
                else p.last_stage_id
            end
        )
    where max(p.final_rows, p.last_rows) > 0
    union all
    select
        p.edition_id,
        p.race_ref,
        p.year,
        c.rider_id,
        c.position,
        c.time_seconds,
        c.gap_seconds,
        null,
        c.position,
        'computed'
    from final_gc_publications p
    join computed_gc c on c.stage_id = p.last_stage_id
    where max(p.final_rows, p.last_rows) = 0
) g
join riders ri on ri.rider_id = g.rider_id
left join entries en on en.edition_id = g.edition_id and en.rider_id = g.rider_id
left join teams t on t.team_id = en.team_id;
