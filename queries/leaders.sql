-- title: Leaders after every stage
-- description: Who led each classification after every stage: the published standings where loaded; for the GC the computed one where nothing was published; for points, mountains and youth the jersey worn after the stage where no standings were published (a jersey, not a standing: the winner after the last stage, but before it the second of a classification whose leader wears another jersey).
-- param: race text: race ref or name (accents and case ignored), e.g. criterium-du-dauphine
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
        s.date,
        s.stage_order,
        s.stage_order = max(s.stage_order) over () as is_last
    from stages s
    where s.edition_id = (select edition_id from edition)
),
published as (
    select
        st.stage_id,
        st.kind,
        st.rider_id,
        st.team_id,
        st.position_order
    from standings st
    where st.edition_id = (select edition_id from edition)
      and st.position = 1
),
-- final standings published without a stage stand for the last stage,
-- unless that stage has its own
per_stage as (
    select p.stage_id, p.kind, p.rider_id, p.team_id, p.position_order, 'official' as source
    from published p
    where p.stage_id is not null
    union all
    select sl.stage_id, p.kind, p.rider_id, p.team_id, p.position_order, 'official'
    from published p
    join stage_list sl on sl.is_last
    where p.stage_id is null
      and not exists (
          select 1 from published p2 where p2.stage_id = sl.stage_id and p2.kind = p.kind
      )
    union all
    select c.stage_id, 'gc', c.rider_id, null, c.position, 'computed'
    from stage_list sl
    join computed_gc c on c.stage_id = sl.stage_id and c.position = 1
    where not exists (
        select 1 from published p2 where p2.stage_id = sl.stage_id and p2.kind = 'gc'
    )
      and not (sl.is_last and exists (
          select 1 from published p3 where p3.stage_id is null and p3.kind = 'gc'
      ))
    union all
    -- the jersey worn, where no standings of the kind were published for the stage
    select j.stage_id, j.kind, j.rider_id, null, 1, 'jersey'
    from stage_list sl
    join jerseys j on j.stage_id = sl.stage_id
    where j.kind in ('points', 'mountains', 'youth', 'sprint')
      and not exists (
          select 1 from published p2 where p2.stage_id = sl.stage_id and p2.kind = j.kind
      )
      and not (sl.is_last and exists (
          select 1 from published p3 where p3.stage_id is null and p3.kind = j.kind
      ))
),
-- one leader a classification (the first published row when two share first place)
leader as (
    select
        ps.stage_id,
        ps.kind,
        coalesce(ri.name, t.name) as name,
        ri.rider_ref,
        ps.source,
        row_number() over (partition by ps.stage_id, ps.kind order by ps.position_order) as n
    from per_stage ps
    left join riders ri on ri.rider_id = ps.rider_id
    left join teams t on t.team_id = ps.team_id
)
select
    sl.label as stage,
    sl.date,
    max(case when l.kind = 'gc' then l.name end) as gc,
    max(case when l.kind = 'gc' then l.rider_ref end) as gc_ref,
    max(case when l.kind = 'gc' then l.source end) as gc_source,
    max(case when l.kind = 'points' then l.name end) as points,
    max(case when l.kind = 'points' then l.rider_ref end) as points_ref,
    max(case when l.kind = 'points' then l.source end) as points_source,
    max(case when l.kind = 'mountains' then l.name end) as mountains,
    max(case when l.kind = 'mountains' then l.rider_ref end) as mountains_ref,
    max(case when l.kind = 'mountains' then l.source end) as mountains_source,
    max(case when l.kind = 'youth' then l.name end) as youth,
    max(case when l.kind = 'youth' then l.rider_ref end) as youth_ref,
    max(case when l.kind = 'youth' then l.source end) as youth_source,
    max(case when l.kind = 'sprint' then l.name end) as sprint,
    max(case when l.kind = 'teams' then l.name end) as teams
from stage_list sl
left join leader l on l.stage_id = sl.stage_id and l.n = 1
group by sl.stage_id
order by sl.stage_order
