-- Recompute the GC after every stage of one edition from stage times: the sum
-- of stage times minus time bonuses plus time penalties.
--
-- By the rules:
-- * a rider is in the GC after stage k only if they finished every stage up to k
--   (abandoned, non-starters, outside the time limit and disqualified riders leave);
-- * riders in one group share a time (the stage results already say so);
-- * equal times are broken by the sum of stage places, then the place on the
--   last stage (UCI 2.6.015; time-trial hundredths are not in the sources);
-- * the chain stops at the first stage whose result is missing, incomplete
--   (a finisher without a time) or suspect (a known source defect): a computed
--   GC is never built on a guess.
-- * bonuses and penalties that palmares derived itself from the published
--   standings are left out: the computed GC is what the stage results say;
-- * time bonuses are the source's where it gives them; where it does not, the
--   finish bonuses come from the stage places and the race's rule for the
--   year (schema.sql: stage_bonus_rules, which also says where intermediate
--   sprint bonuses are missing, and where no rule is known: no bonus then).
--
-- The GC after a stage is the GC after the stage before it plus this stage's
-- result, and depends on no later stage. So `palmares.loader.load.refresh_computed`
-- recomputes only from the earliest stage a file changed (:from_order; 0 for
-- the whole edition): `forget` the stored GC from there, list the `chain` of
-- stages that count, and run `gc_after_stage` for each from there on, each
-- building on the GC stored for the stage before it. A Grand Tour stage is
-- then ~170 rows joined by primary key, whatever the size of the database.

-- name: forget
delete from computed_gc
where stage_id in (
    select s.stage_id
    from stages s
    where s.edition_id = :edition_id
      and s.stage_order >= :from_order
);

-- name: chain
-- The stages whose results count, in running order: every stage not
-- neutralised, up to the first one whose result is missing, incomplete or suspect.
with ordered as (
    select
        s.stage_id,
        s.stage_order,
        not exists (select 1 from stage_results r where r.stage_id = s.stage_id)
        or exists (
            select 1
            from stage_results r
            where r.stage_id = s.stage_id
              and ((r.status = 'finished' and r.time_seconds is null) or r.is_suspect)
        ) as is_broken
    from stages s
    where s.edition_id = :edition_id
      and s.is_neutralised = 0
)
select stage_id, stage_order
from ordered
where stage_order < coalesce(
    (select min(stage_order) from ordered where is_broken), 1000000000
)
order by stage_order;

-- name: gc_after_stage
-- The GC after :stage_id: the riders in the GC after :previous_stage_id (the
-- stage before it in the chain; null for the first) who finished this stage.
insert into computed_gc (stage_id, rider_id, edition_id, position, time_seconds, gap_seconds,
    bonus_seconds, penalty_seconds, places_sum)
with adjusted as (
    select
        a.rider_id,
        sum(case when a.kind = 'time_penalty' then a.seconds else 0 end) as penalty,
        sum(case when a.kind = 'time_bonus' then a.seconds else 0 end) as bonus,
        max(a.kind = 'disqualification') as is_dsq
    from adjustments a
    where a.edition_id = :edition_id
      and a.stage_id = :stage_id
      and a.is_derived = 0
      and a.rider_id is not null
    group by a.rider_id
),
rule as (
    select finish_bonuses, finish_bonus_seconds
    from stage_bonus_rules
    where stage_id = :stage_id
),
stage as (
    select
        r.rider_id,
        r.time_seconds,
        r.position,
        case
            when (select finish_bonuses from rule) = 'derived from the places' then
                coalesce(palmares_bonus((select finish_bonus_seconds from rule), r.position), 0)
            else coalesce(r.bonus_seconds, 0)
        end + coalesce(ad.bonus, 0) as bonus,
        coalesce(r.penalty_seconds, 0) + coalesce(ad.penalty, 0) as penalty,
        p.time_seconds as before_total,
        p.bonus_seconds as before_bonus,
        p.penalty_seconds as before_penalty,
        p.places_sum as before_places
    from stage_results r
    left join computed_gc p on p.stage_id = :previous_stage_id and p.rider_id = r.rider_id
    left join adjusted ad on ad.rider_id = r.rider_id
    where r.stage_id = :stage_id
      and r.status = 'finished'
      -- after the first stage, only riders still in the GC
      and (:previous_stage_id is null or p.rider_id is not null)
      and coalesce(ad.is_dsq, 0) = 0
),
standing as (
    select
        rider_id,
        coalesce(before_total, 0) + time_seconds - bonus + penalty as total,
        coalesce(before_bonus, 0) + bonus as bonus,
        coalesce(before_penalty, 0) + penalty as penalty,
        coalesce(before_places, 0) + coalesce(position, 0) as places,
        position as last_place
    from stage
)
select
    :stage_id,
    rider_id,
    :edition_id,
    row_number() over (order by total, places, last_place nulls last, rider_id),
    total,
    total - min(total) over (),
    bonus,
    penalty,
    places
from standing;
