-- title: Reconcile computed and official GC
-- description: Per rider and stage, where the official GC does not follow from the stage times: official GC after the stage - official GC before it - stage time. A gain that a finish bonus or up to two intermediate sprint bonuses explain, by the race's rule for the year and the stage (stage_bonus_rules: none on a time trial unless the rule says so), is bonus-like; extra time is penalty-like; where no rule is known, a gain is 'gain (no bonus rule known)'. Stage by stage, so one missing stage does not hide the others.
-- param: race text: race ref or name (accents and case ignored), e.g. giro-d-italia
-- param: year integer: the edition's year
with edition as (
    select e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
stage_list as (
    select
        s.stage_id,
        s.label,
        s.kind,
        s.is_neutralised,
        s.stage_order,
        -- the race's bonus rule for the stage (schema.sql: stage_bonus_rules)
        b.finish_bonus_seconds as finish_rule,
        b.intermediate_bonus_seconds as sprint_rule,
        row_number() over (order by s.stage_order) as n,
        s.stage_order = max(s.stage_order) over () as is_last
    from stages s
    join stage_bonus_rules b on b.stage_id = s.stage_id
    where s.edition_id = (select edition_id from edition)
),
published as (
    select st.stage_id, st.rider_id, st.time_seconds
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.rider_id is not null
      and st.time_seconds is not null
),
-- final standings published without a stage stand for the last stage when
-- they are the fuller publication
last_counts as (
    select
        count(case when p.stage_id is null then 1 end) as final_rows,
        count(case when p.stage_id = sl.stage_id then 1 end) as last_rows
    from stage_list sl
    join published p on p.stage_id is null or p.stage_id = sl.stage_id
    where sl.is_last
),
official as (
    select sl.n, sl.stage_id, p.rider_id, p.time_seconds
    from stage_list sl
    join published p on p.stage_id = sl.stage_id
    where not (sl.is_last and (select final_rows > last_rows from last_counts))
    union all
    select sl.n, sl.stage_id, p.rider_id, p.time_seconds
    from stage_list sl
    join published p on p.stage_id is null
    where sl.is_last
      and (select final_rows > last_rows from last_counts)
),
-- before the first stage every rider stands at zero
before as (
    select n, rider_id, time_seconds
    from official
    union all
    select 0, o.rider_id, 0
    from official o
    where o.n = 1
),
steps as (
    select
        sl.n,
        sl.stage_id,
        sl.label,
        sl.kind,
        sl.finish_rule,
        sl.sprint_rule,
        o.rider_id,
        b.time_seconds as gc_before_seconds,
        -- a neutralised stage's times do not count
        case when sl.is_neutralised then 0 else r.time_seconds end as stage_time_seconds,
        o.time_seconds as gc_after_seconds,
        r.position as stage_rank,
        coalesce(r.bonus_seconds, 0) as result_bonus,
        coalesce(r.penalty_seconds, 0) as result_penalty
    from official o
    join stage_list sl on sl.stage_id = o.stage_id
    join before b on b.n = o.n - 1 and b.rider_id = o.rider_id
    join stage_results r on r.stage_id = o.stage_id and r.rider_id = o.rider_id
    where r.time_seconds is not null
),
differences as (
    select
        st.*,
        st.gc_after_seconds - st.gc_before_seconds - st.stage_time_seconds as difference_seconds,
        coalesce(palmares_bonus(st.finish_rule, st.stage_rank), 0) as finish_bonus_seconds,
        -- up to two intermediate sprints won
        2 * coalesce(palmares_bonus(st.sprint_rule, 1), 0) as sprint_bonus_max,
        st.result_bonus + coalesce((
            select sum(a.seconds)
            from adjustments a
            where a.stage_id = st.stage_id
              and a.rider_id = st.rider_id
              and a.kind = 'time_bonus'
              and a.is_derived = 0
        ), 0) as recorded_bonus_seconds,
        st.result_penalty + coalesce((
            select sum(a.seconds)
            from adjustments a
            where a.stage_id = st.stage_id
              and a.rider_id = st.rider_id
              and a.kind = 'time_penalty'
              and a.is_derived = 0
        ), 0) as recorded_penalty_seconds
    from steps st
),
classified as (
    select
        d.*,
        case
            when d.difference_seconds > 0 then 'penalty'
            when d.finish_rule is null and d.sprint_rule is null then 'gain (no bonus rule known)'
            when -d.difference_seconds = d.finish_bonus_seconds then 'finish bonus'
            -- up to two intermediate sprints on top of the finish bonus
            when -d.difference_seconds - d.finish_bonus_seconds between 1 and d.sprint_bonus_max then
                case
                    when d.finish_bonus_seconds > 0 then 'finish and sprint bonus'
                    else 'sprint bonus'
                end
            else 'unexplained gain'
        end as kind_of_difference
    from differences d
    where d.difference_seconds <> 0
)
select
    c.label as stage,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    c.stage_rank,
    c.gc_before_seconds,
    c.stage_time_seconds,
    c.gc_after_seconds,
    c.difference_seconds,
    case
        when c.difference_seconds < 0 then
            printf('-%d:%02d', -c.difference_seconds / 60, -c.difference_seconds % 60)
        else printf('+%d:%02d', c.difference_seconds / 60, c.difference_seconds % 60)
    end as difference,
    c.kind_of_difference as kind,
    case when c.kind_of_difference = 'penalty' then 'penalty-like'
        when c.kind_of_difference like '%bonus' then 'bonus-like'
        else 'unexplained'
    end as class,
    c.finish_bonus_seconds,
    c.recorded_bonus_seconds,
    c.recorded_penalty_seconds,
    -- what the recorded bonuses and penalties leave unexplained
    c.difference_seconds + c.recorded_bonus_seconds - c.recorded_penalty_seconds
        as unexplained_seconds,
    cg.time_seconds as computed_gc_seconds,
    c.gc_after_seconds - cg.time_seconds as official_minus_computed_seconds
from classified c
join riders ri on ri.rider_id = c.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = c.rider_id
left join teams t on t.team_id = en.team_id
left join computed_gc cg on cg.stage_id = c.stage_id and cg.rider_id = c.rider_id
order by c.n, c.kind_of_difference <> 'penalty', c.difference_seconds, ri.name
