-- The questions of `palmares check` (palmares/reports/check.py). They only read.
-- The pragmas (integrity_check, foreign_key_check, foreign_key_list) stay in
-- check.py: they are one line each, or name a table SQLite itself reported.

-- ---------------------------------------------------------------- orphans
-- Rows that nothing refers to, or that miss the row they should come with:
-- each names the rows it finds, one a row.

-- name: riders_without_entries
-- Riders in no edition (no entries row).
select r.rider_ref from riders r
where not exists (select 1 from entries e where e.rider_id = r.rider_id)
order by r.rider_id;

-- name: results_without_entries
-- Stage results of riders not entered in their edition.
select ri.rider_ref || ' in ' || ra.race_ref || ' ' || e.year || ' stage ' || s.label
from stage_results r
join stages s on s.stage_id = r.stage_id
join editions e on e.edition_id = s.edition_id
join races ra on ra.race_id = e.race_id
join riders ri on ri.rider_id = r.rider_id
where not exists (
    select 1 from entries en where en.edition_id = s.edition_id and en.rider_id = r.rider_id
);

-- name: editions_without_rules
-- Editions without an edition_rules row.
select ra.race_ref || ' ' || e.year from editions e join races ra using (race_id)
where not exists (select 1 from edition_rules ru where ru.edition_id = e.edition_id);

-- name: riders_not_in_search
-- Riders missing from the search index riders_fts.
select r.rider_ref from riders r
where not exists (select 1 from riders_fts_docsize d where d.id = r.rider_id);

-- name: entries_without_results
-- Entries with no stage result or standing (start-list riders without results).
select ri.rider_ref || ' in ' || ra.race_ref || ' ' || e.year
from entries en
join editions e on e.edition_id = en.edition_id
join races ra on ra.race_id = e.race_id
join riders ri on ri.rider_id = en.rider_id
where not exists (
    select 1 from standings st
    where st.edition_id = en.edition_id and st.rider_id = en.rider_id
)
and not exists (
    select 1 from stage_results r join stages s on s.stage_id = r.stage_id
    where r.rider_id = en.rider_id and s.edition_id = en.edition_id
);

-- ---------------------------------------------------------------- computed vs official GC

-- name: reconcile
-- Every official GC row of a rider after a stage, beside the computed GC row of
-- the same rider after the same stage (null when there is none), and whether a
-- computed GC exists after that stage at all.
select
    st.edition_id,
    s.label,
    s.stage_order,
    st.position,
    st.time_seconds,
    c.position as computed_position,
    c.time_seconds as computed_time,
    exists (select 1 from computed_gc c2 where c2.stage_id = st.stage_id) as has_computed
from standings st
join stages s on s.stage_id = st.stage_id
left join computed_gc c on c.stage_id = st.stage_id and c.rider_id = st.rider_id
where st.kind = 'gc'
  and st.rider_id is not null
  and st.position is not null;

-- name: edition_names
-- Each edition's id and how findings name it: 'tour-de-france 2021'.
select e.edition_id, ra.race_ref || ' ' || e.year from editions e join races ra using (race_id);

-- ---------------------------------------------------------------- warnings

-- name: warnings_by_source
-- How many warnings each source recorded, by code.
select s.path, w.code, count(*) from warnings w join sources s using (source_id)
group by s.source_id, w.code order by s.path;

-- ---------------------------------------------------------------- derived tables

-- name: computed_gc_ddl
-- The table computed_gc and its indexes, to make an empty copy in the temp schema.
select type, sql from main.sqlite_master
where tbl_name = 'computed_gc' and sql is not null
order by type = 'index', name;

-- name: computed_gc_differences
-- Per edition: rows of the fresh GC (temp.computed_gc) that main.computed_gc
-- lacks or holds otherwise, and rows of main.computed_gc the fresh GC lacks.
with
fresh_only as (
    select edition_id, stage_id, rider_id, position, time_seconds, gap_seconds,
           bonus_seconds, penalty_seconds, places_sum
    from temp.computed_gc
    except
    select edition_id, stage_id, rider_id, position, time_seconds, gap_seconds,
           bonus_seconds, penalty_seconds, places_sum
    from main.computed_gc
),
stored_only as (
    select edition_id, stage_id, rider_id, position, time_seconds, gap_seconds,
           bonus_seconds, penalty_seconds, places_sum
    from main.computed_gc
    except
    select edition_id, stage_id, rider_id, position, time_seconds, gap_seconds,
           bonus_seconds, penalty_seconds, places_sum
    from temp.computed_gc
),
tally as (
    select edition_id, 1 as missing, 0 as extra from fresh_only
    union all
    select edition_id, 0, 1 from stored_only
)
select edition_id, sum(missing), sum(extra) from tally group by edition_id order by edition_id;
