-- title: GC winners of a race
-- description: The history of a race's GC winners, year by year, with the runner-up and the winning margin, from the final standings (published where loaded, else computed).
-- param: race text: race ref or name (accents and case ignored), e.g. tour-de-france
with edition_list as (
    select * from final_gc_publications where race_ref = (
-- include: _race
)
),
-- first and second (the first published when two share a place)
places as (
    select
        f.*,
        row_number() over (partition by f.edition_id, f.position order by f.position_order) as n
    from final_gc f
    where f.race_ref = (
-- include: _race
)
      and f.position <= 2
),
result as (
    select
        el.year,
        el.is_cancelled,
        w.rider as winner,
        w.rider_ref,
        w.team,
        w.time_seconds,
        w.points,
        r.rider as runner_up,
        r.rider_ref as runner_up_ref,
        -- no margin without a winner: a gap to a withdrawn title is not one
        case when w.rider is not null then
            coalesce(r.time_seconds - w.time_seconds, r.gap_seconds)
        end as margin_seconds,
        -- early Tours were decided on points (lowest total first)
        r.points - w.points as margin_points,
        coalesce(w.source, r.source) as source
    from edition_list el
    left join places w on w.edition_id = el.edition_id and w.position = 1 and w.n = 1
    left join places r on r.edition_id = el.edition_id and r.position = 2 and r.n = 1
)
select
    year,
    winner,
    rider_ref,
    team,
    time_seconds,
    palmares_time(time_seconds) as time,
    points,
    runner_up,
    runner_up_ref,
    margin_seconds,
    case
        when margin_seconds is null then null
        when margin_seconds >= 3600 then
            palmares_time(margin_seconds)
        else printf('%d:%02d', margin_seconds / 60, margin_seconds % 60)
    end as margin,
    margin_points,
    source,
    is_cancelled
from result
-- a year without a winner (titles withdrawn) still shows its runner-up
where winner is not null or runner_up is not null or is_cancelled
order by year
