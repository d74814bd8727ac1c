-- title: GC winners of a race
-- description: The history of a race's GC winners, year by year, with the runner-up and the winning margin, from the final standings (published where loaded, else computed).
-- param: race text: race ref or name (accents and case ignored), e.g. tour-de-france
with edition_list as (
    select
        e.edition_id,
        e.year,
        e.is_cancelled,
        (
            select s.stage_id
            from stages s
            where s.edition_id = e.edition_id
            order by s.stage_order desc
            limit 1
        ) as last_stage_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = palmares_slug(:race)
),
-- the final standings appear twice in some sources (after the last stage, and
-- without a stage): the fuller publication counts (more rows, then more
-- times); the computed GC only when nothing was published
publications as (
    select
        el.*,
        (
            select count(*)
            from standings x
            where x.edition_id = el.edition_id
              and x.kind = 'gc'
              and x.stage_id is null
        ) as final_rows,
        (
            select count(*)
            from standings x
            where x.edition_id = el.edition_id
              and x.kind = 'gc'
              and x.stage_id = el.last_stage_id
        ) as last_rows,
        (
            select count(x.time_seconds)
            from standings x
            where x.edition_id = el.edition_id
              and x.kind = 'gc'
              and x.stage_id is null
        ) as final_timed,
        (
            select count(x.time_seconds)
            from standings x
            where x.edition_id = el.edition_id
              and x.kind = 'gc'
              and x.stage_id = el.last_stage_id
        ) as last_timed
    from edition_list el
),
podium as (
    select
        p.edition_id,
        st.position,
        st.rider_id,
        st.time_seconds,
        st.gap_seconds,
        st.points,
        st.position_order,
        'official' as source
    from publications p
    join standings st on st.edition_id = p.edition_id
        and st.kind = 'gc'
        and st.stage_id is (
            case
                when p.final_rows > p.last_rows
                    or (p.final_rows = p.last_rows and p.final_timed > p.last_timed) then null
                else p.last_stage_id
            end
        )
        and st.position <= 2
    where max(p.final_rows, p.last_rows) > 0
    union all
    select
        p.edition_id,
        c.position,
        c.rider_id,
        c.time_seconds,
        c.gap_seconds,
        null,
        c.position,
        'computed'
    from publications p
    join computed_gc c on c.stage_id = p.last_stage_id and c.position <= 2
    where max(p.final_rows, p.last_rows) = 0
),
-- one row each for first and second (the first published when two share a place)
places as (
    select
        podium.*,
        row_number() over (partition by edition_id, position order by position_order) as n
    from podium

),
named as (
    select
        pl.edition_id,
        pl.position,
        pl.time_seconds,
        pl.gap_seconds,
        pl.points,
        pl.source,
        ri.name as rider,
        ri.rider_ref,
        coalesce(en.team_name, t.name) as team
    from places pl
    join riders ri on ri.rider_id = pl.rider_id
    left join entries en on en.edition_id = pl.edition_id and en.rider_id = pl.rider_id
    left join teams t on t.team_id = en.team_id
    where pl.n = 1
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
    left join named w on w.edition_id = el.edition_id and w.position = 1
    left join named r on r.edition_id = el.edition_id and r.position = 2
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
