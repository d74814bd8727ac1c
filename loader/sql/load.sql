-- The statements of palmares.loader.load: which files are loaded, and
-- forgetting the facts of an earlier version of a file loaded again.
-- Tables whose rows a source owns, and the provenance columns it leaves, are
-- walked over by name in load.py (`FACT_TABLES`, `PROVENANCE_TABLES`).

-- name: is_loaded
-- Is a file with these bytes (and this meaning, see `context` in the readers)
-- already loaded?
select 1 from sources where sha256 = ? and context = ?;

-- name: add_source
-- The sources row of a file being loaded: every fact row names it.
insert into sources (path, sha256, context, format, loaded_at) values (?, ?, ?, ?, ?);

-- name: set_row_count
-- How many rows the file gave, once they are saved.
update sources set row_count = ? where source_id = ?;

-- name: sources_at_path
-- The earlier versions of a file, by the path it was loaded from.
select source_id from sources where path = ?;

-- name: fed_computed
-- Where the facts of a source entered a computed GC: its stage results and the
-- adjustments the computation counts. One row an edition, with the earliest
-- stage_order concerned.
select s.edition_id, min(s.stage_order)
from (
    select stage_id from stage_results where source_id = ?
    union
    select stage_id from adjustments
    where source_id = ? and is_derived = 0 and rider_id is not null
) fed
join stages s on s.stage_id = fed.stage_id
group by s.edition_id;

-- name: forget_source
-- The sources row itself, once nothing points at it.
delete from sources where source_id = ?;
