-- Recompute the GC after every stage of one edition (:edition_id) from stage
-- times: the sum of stage times minus time bonuses plus time penalties.
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
--   standings are left out: the computed GC is what the stage results say.
delete from computed_gc where edition_id = :edition_id;

insert into computed_gc (stage_id, rider_id, edition_id, position, time_seconds, gap_seconds,
    bonus_seconds, penalty_seconds, places_sum)
with ordered as (
    select
        s.stage_id,
        s.stage_order,
        (select count(*) from stage_results r where r.stage_id = s.stage_id) as n,
        (
            select count(*)
            from stage_results r
            where r.stage_id = s.stage_id
              and ((r.status = 'finished' and r.time_seconds is null) or r.is_suspect)
        ) as bad
    from stages s
    where s.edition_id = :edition_id
      and s.is_neutralised = 0
),
usable as (
    select stage_id, stage_order, row_number() over (order by stage_order) as k
    from ordered
    where stage_order < coalesce(
        (select min(stage_order) from ordered where n = 0 or bad > 0), 1000000000
    )
),
adjusted as (
    select
        a.stage_id,
        a.rider_id,
        sum(case when a.kind = 'time_penalty' then a.seconds else 0 end) as penalty,
        sum(case when a.kind = 'time_bonus' then a.seconds else 0 end) as bonus,
        max(a.kind = 'disqualification') as is_dsq
    from adjustments a
    where a.edition_id = :edition_id
      and a.is_derived = 0
      and a.rider_id is not null
      and a.stage_id is not null
    group by a.stage_id, a.rider_id
),
running as (
    select
        u.stage_id,
        u.k,
        r.rider_id,
        r.position as last_place,
        count(*) over w as done,
        sum(r.time_seconds) over w as times,
        sum(coalesce(r.bonus_seconds, 0) + coalesce(ad.bonus, 0)) over w as bonus,
        sum(coalesce(r.penalty_seconds, 0) + coalesce(ad.penalty, 0)) over w as penalty,
        sum(coalesce(r.position, 0)) over w as places,
        max(coalesce(ad.is_dsq, 0)) over w as is_dsq
    from usable u
    join stage_results r on r.stage_id = u.stage_id and r.status = 'finished'
    left join adjusted ad on ad.stage_id = u.stage_id and ad.rider_id = r.rider_id
    window w as (partition by r.rider_id order by u.k rows unbounded preceding)
),
standing as (
    select
        stage_id,
        rider_id,
        times - bonus + penalty as total,
        bonus,
        penalty,
        places,
        last_place
    from running
    where done = k and is_dsq = 0
)
select
    stage_id,
    rider_id,
    :edition_id,
    row_number() over (
        partition by stage_id order by total, places, last_place nulls last, rider_id
    ),
    total,
    total - min(total) over (partition by stage_id),
    bonus,
    penalty,
    places
from standing;
