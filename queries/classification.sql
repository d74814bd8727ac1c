-- title: Classification
-- description: A classification after a stage as published: points, mountains, youth, sprint or teams (gc and combativity too). The youth classification is computed from the computed GC when none was published and the riders' birth dates are known.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: kind text = points: points, mountains, youth, sprint or teams
-- param: stage text = last: after this stage (number or label); default the last stage
with edition as (
    select e.edition_id, e.year, coalesce(er.youth_max_age, 25) as youth_max_age
    from races ra
    join editions e on e.race_id = ra.race_id
    left join edition_rules er on er.edition_id = e.edition_id
    where ra.race_ref = (
-- include: _race
)
      and e.year = cast(:year as integer)
),
wanted as (
    -- the names people use for the classifications
    select case coalesce(nullif(lower(trim(:kind)), ''), 'points')
        when 'kom' then 'mountains'
        when 'climber' then 'mountains'
        when 'young' then 'youth'
        when 'team' then 'teams'
        when 'general' then 'gc'
        else coalesce(nullif(lower(trim(:kind)), ''), 'points')
    end as kind
),
last_stage as (
    select max(s.stage_order) as stage_order
    from stages s
    where s.edition_id = (select edition_id from edition)
),
-- the stage asked for ("8", "10a", "Stage 8", "08": palmares_stage_label), else
-- the last one
target as (
    select
        s.stage_id,
        s.label,
        s.stage_order = (select stage_order from last_stage) as is_last
    from stages s
    where s.edition_id = (select edition_id from edition)
      and s.label = palmares_stage_label(:stage)
    union all
    select
        s.stage_id,
        s.label,
        1
    from stages s
    where s.edition_id = (select edition_id from edition)
      and nullif(trim(:stage), '') is null
      and s.stage_order = (select stage_order from last_stage)
),
official_stage as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = (select kind from wanted)
      and st.stage_id = (select stage_id from target)
),
-- final standings published without a stage are the standings after the last stage
official_final as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = (select kind from wanted)
      and st.stage_id is null
      and (select is_last from target)
),
official as (
    select * from official_stage
    where (select count(*) from official_stage) >= (select count(*) from official_final)
    union all
    select * from official_final
    where (select count(*) from official_stage) < (select count(*) from official_final)
),
-- young riders: born on or after 1 January of (year - youth_max_age), i.e. at
-- most youth_max_age years old in the race's year (the Tour's "under 26")
young_computed as (
    select
        c.rider_id,
        c.time_seconds,
        c.position
    from computed_gc c
    join riders ri on ri.rider_id = c.rider_id
    where c.stage_id = (select stage_id from target)
      and (select kind from wanted) = 'youth'
      and not exists (select 1 from official)
      and ri.birth_date >= printf('%04d-01-01',
          (select year from edition) - (select youth_max_age from edition))
),
rows as (
    select
        o.position as rank,
        o.rider_id,
        o.team_id,
        o.status,
        o.points,
        o.time_seconds,
        o.gap_seconds,
        o.position_order,
        'official' as source
    from official o
    union all
    select
        rank() over (order by y.time_seconds),
        y.rider_id,
        null,
        'finished',
        null,
        y.time_seconds,
        y.time_seconds - min(y.time_seconds) over (),
        y.position,
        'computed'
    from young_computed y
)
select
    rows.rank,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    rows.status,
    rows.points,
    rows.time_seconds,
    rows.gap_seconds,
    palmares_time(rows.time_seconds) as time,
    case
        when rows.gap_seconds is null or (rows.gap_seconds = 0 and rows.rank = 1) then null
        else palmares_gap(rows.gap_seconds)
    end as gap,
    (select kind from wanted) as kind,
    rows.source,
    (select label from target) as after_stage
from rows
left join riders ri on ri.rider_id = rows.rider_id
left join entries en
    on en.edition_id = (select edition_id from edition)
    and en.rider_id = rows.rider_id
left join teams t on t.team_id = coalesce(rows.team_id, en.team_id)
order by rows.position_order, coalesce(ri.name, t.name)
