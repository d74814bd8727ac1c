-- title: Computed against published final GC, year by year
-- description: For every edition of a race, how many riders of the published final GC the GC computed from stage times puts at the same place and time (and gap), and who each names the winner; years where they part (a stage missing or defective, bonuses the stage results lack, a winner disqualified) are flagged defective.
-- param: race text = tour-de-france: race ref or name (accents and case ignored)
with publications as (
    select
        p.*,
        (select count(*) from stages s where s.edition_id = p.edition_id) as stages,
        -- where the computed GC stops (the first missing or incomplete stage)
        (
            select s.label
            from stages s
            where s.edition_id = p.edition_id
              and exists (select 1 from computed_gc c where c.stage_id = s.stage_id)
            order by s.stage_order desc
            limit 1
        ) as computed_through
    from final_gc_publications p
    where p.race_ref = palmares_slug(coalesce(nullif(:race, ''), 'tour-de-france'))
),
published as (
    select f.edition_id, f.rider_id, f.position, f.time_seconds, f.gap_seconds
    from final_gc f
    where f.race_ref = palmares_slug(coalesce(nullif(:race, ''), 'tour-de-france'))
      and f.source = 'official'
      and f.position is not null
),
compared as (
    select
        pu.edition_id,
        count(*) as published_riders,
        count(c.rider_id) as computed_found,
        sum(c.time_seconds = pu.time_seconds) as same_time,
        -- the same gap with a different time: one stage's times are off for everyone
        sum(c.gap_seconds = pu.gap_seconds) as same_gap,
        sum(c.position = pu.position) as same_place,
        sum(c.time_seconds = pu.time_seconds and c.position = pu.position) as same_both,
        min(case when c.position is not pu.position or c.time_seconds is not pu.time_seconds
            then pu.position end) as first_difference_at
    from published pu
    join publications p on p.edition_id = pu.edition_id
    left join computed_gc c on c.stage_id = p.last_stage_id and c.rider_id = pu.rider_id
    group by pu.edition_id
),
winners as (
    select
        p.edition_id,
        (
            select ri.name
            from published pu
            join riders ri on ri.rider_id = pu.rider_id
            where pu.edition_id = p.edition_id
              and pu.position = 1
        ) as published_winner,
        (
            select ri.name
            from computed_gc c
            join riders ri on ri.rider_id = c.rider_id
            where c.stage_id = p.last_stage_id
              and c.position = 1
        ) as computed_winner
    from publications p
)
select
    p.year,
    p.stages,
    coalesce(cmp.published_riders, 0) as published_riders,
    (select count(*) from computed_gc c where c.stage_id = p.last_stage_id) as computed_riders,
    coalesce(cmp.same_both, 0) as same_place_and_time,
    coalesce(cmp.same_time, 0) as same_time,
    coalesce(cmp.same_gap, 0) as same_gap,
    coalesce(cmp.same_place, 0) as same_place,
    cmp.first_difference_at,
    w.published_winner,
    w.computed_winner,
    p.computed_through,
    case
        when coalesce(cmp.published_riders, 0) = 0 then 'no published GC'
        when cmp.computed_found = 0 then 'no computed GC'
        when cmp.same_both = cmp.published_riders
            and cmp.published_riders = (
                select count(*) from computed_gc c where c.stage_id = p.last_stage_id
            )
            then 'match'
        else 'defective'
    end as verdict
from publications p
left join compared cmp on cmp.edition_id = p.edition_id
left join winners w on w.edition_id = p.edition_id
order by p.year
