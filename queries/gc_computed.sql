-- title: Computed GC
-- description: The GC computed from stage times (stage times minus bonuses plus penalties; riders who missed a stage are out), with what broke each tie of time: the sum of stage places, then the place on the last stage. Time bonuses are the source's; where it gives none, finish bonuses are derived from the stage places by the race's rule for the year (finish_bonuses says so); source says 'computed (no sprint bonuses)' where the rule has intermediate-sprint bonuses the source lacks, and 'computed (bonus rule not known)' where no rule is known.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage that can be computed
with edition as (
    select e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
-- the stored GC stops at the first stage whose result is missing or incomplete,
-- so "the last stage" is the last stage it reaches
target as (
    select s.stage_id, s.label, s.stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.label = palmares_stage_label(:stage)
    union all
    select s.stage_id, s.label, s.stage_order
    from stages s
    join computed_gc c on c.stage_id = s.stage_id and c.position = 1
    where s.edition_id = (select edition_id from edition)
      and nullif(trim(:stage), '') is null
    order by 3 desc
    limit 1
),
-- how the bonuses of the stages up to the target are known (schema.sql: stage_bonus_rules)
bonus_basis as (
    select
        max(b.finish_bonuses = 'derived from the places') as derived,
        max(b.finish_bonuses = 'rule not known') as finish_unknown,
        max(b.sprint_bonuses = 'missing') as sprints_missing,
        max(b.sprint_bonuses = 'rule not known') as sprints_unknown,
        group_concat(distinct b.evidence) as evidence
    from stage_bonus_rules b
    where b.edition_id = (select edition_id from edition)
      and b.stage_order <= (select stage_order from target)
),
standing as (
    select
        c.position,
        c.rider_id,
        c.time_seconds,
        c.gap_seconds,
        c.bonus_seconds,
        c.penalty_seconds,
        c.places_sum,
        r.position as last_stage_place,
        lag(c.time_seconds) over w as previous_time,
        lag(c.places_sum) over w as previous_places_sum,
        lag(r.position) over w as previous_last_stage_place
    from computed_gc c
    left join stage_results r on r.stage_id = c.stage_id and r.rider_id = c.rider_id
    where c.stage_id = (select stage_id from target)
    window w as (order by c.position)
)
select
    st.position as rank,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    coalesce(en.team_name, t.name) as team,
    st.time_seconds,
    st.gap_seconds,
    palmares_time(st.time_seconds) as time,
    case
        when st.position = 1 then null
        else palmares_gap(st.gap_seconds)
    end as gap,
    st.bonus_seconds,
    st.penalty_seconds,
    st.places_sum,
    st.last_stage_place,
    -- how this rider was placed behind the one above on the same time (UCI 2.6.015)
    case
        when st.previous_time is null or st.time_seconds <> st.previous_time then null
        when st.places_sum <> st.previous_places_sum then 'sum of stage places'
        when st.last_stage_place is not st.previous_last_stage_place then 'place on the last stage'
        else 'not separated'
    end as tie_break,
    case
        when bb.finish_unknown then 'computed (bonus rule not known)'
        when bb.sprints_missing then 'computed (no sprint bonuses)'
        when bb.sprints_unknown then 'computed (sprint bonus rule not known)'
        else 'computed'
    end as source,
    case
        when bb.derived then 'derived from the stage places'
        when bb.finish_unknown then 'not known'
        else 'as published'
    end as finish_bonuses,
    bb.evidence as bonus_rule,
    (select label from target) as after_stage
from standing st
cross join bonus_basis bb
join riders ri on ri.rider_id = st.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = st.rider_id
left join teams t on t.team_id = en.team_id
order by st.position
