-- title: General classification
-- description: The GC after a stage: the official standings where they were published, otherwise computed from stage times. The source column says which.
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
-- param: year integer: the edition's year
-- param: stage text = last: after this stage (number or label); default the last stage
with edition as (
    select e.edition_id
    from races ra
    join editions e on e.race_id = ra.race_id
    where ra.race_ref = palmares_slug(:race)
      and e.year = cast(:year as integer)
),
target as (
    select
        s.stage_id,
        s.stage_order = (
            select max(s2.stage_order) from stages s2 where s2.edition_id = s.edition_id
        ) as is_last
    from stages s
    where s.edition_id = (select edition_id from edition)
      and (
          s.label = lower(trim(:stage))
          or (nullif(trim(:stage), '') is null and s.stage_order = (
              select max(s2.stage_order) from stages s2 where s2.edition_id = s.edition_id
          ))
      )
),
official_stage as (
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id = (select stage_id from target)
),
-- final standings published without a stage count as after the last stage
official as (
    select * from official_stage
    union all
    select st.*
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.kind = 'gc'
      and st.stage_id is null
      and not exists (select 1 from official_stage)
      and coalesce((select is_last from target), nullif(trim(:stage), '') is null)
),
computed as (
    select c.*
    from computed_gc c
    where c.stage_id = (select stage_id from target)
      and not exists (select 1 from official)
),
rows as (
    select
        o.position as rank,
        o.rider_id,
        o.team_id,
        o.status,
        o.time_seconds,
        o.gap_seconds,
        o.position_order,
        'official' as source
    from official o
    union all
    select
        c.position,
        c.rider_id,
        null,
        'finished',
        c.time_seconds,
        c.gap_seconds,
        c.position,
        'computed'
    from computed c
)
select
    rows.rank,
    ri.name as rider,
    ri.rider_ref,
    ri.nationality,
    coalesce(en.team_name, t.name) as team,
    rows.status,
    rows.time_seconds,
    rows.gap_seconds,
    case when rows.time_seconds is not null then
        printf('%d:%02d:%02d', rows.time_seconds / 3600, rows.time_seconds % 3600 / 60,
            rows.time_seconds % 60)
    end as time,
    case
        when rows.gap_seconds is null or (rows.gap_seconds = 0 and rows.rank = 1) then null
        when rows.gap_seconds >= 3600 then
            printf('+%d:%02d:%02d', rows.gap_seconds / 3600, rows.gap_seconds % 3600 / 60,
                rows.gap_seconds % 60)
        else printf('+%d:%02d', rows.gap_seconds / 60, rows.gap_seconds % 60)
    end as gap,
    rows.source
from rows
left join riders ri on ri.rider_id = rows.rider_id
left join entries en on en.edition_id = (select edition_id from edition) and en.rider_id = rows.rider_id
left join teams t on t.team_id = coalesce(rows.team_id, en.team_id)
order by rows.position_order
