-- title: A rider's palmarès
-- description: What a rider won across races and years: stage and one-day wins, GC podiums and the points, mountains, youth and sprint classifications won, from the final standings (published where loaded, else computed) and, for a classification whose final standings were not published, the jersey held after the last stage (source 'final jersey').
-- param: rider text: rider ref or name, in any order (accents and case ignored), e.g. Alexey Lutsenko
with exact as (
    -- a ref, a name in any order, or any spelling seen in a source
    select rider_id from riders where rider_ref = palmares_slug(:rider)
    union
    select rider_id from riders where name_key = palmares_name_key(:rider)
    union
    select rider_id from rider_aliases where alias_key = palmares_name_key(:rider)
),
-- part of a name ("pogacar") when nothing matches the whole of it
matched as (
    select rider_id from exact
    union
    select rowid from riders_fts
    where riders_fts match '"' || replace(palmares_fold(:rider), '"', ' ') || '"'
      and not exists (select 1 from exact)
),
stage_wins as (
    select
        r.rider_id,
        s.edition_id,
        s.label as stage,
        s.date,
        s.stage_order,
        r.team_id,
        -- a race of one stage is a one-day race
        case
            when ra.is_one_day then 'win'
            when (select count(*) from stages s2 where s2.edition_id = s.edition_id) = 1 then 'win'
            else 'stage win'
        end as what,
        1 as rank
    from matched m
    -- the counting rule (schema.sql): no suspect row, no rider's row of a team's stage
    join counted_stage_results r on r.rider_id = m.rider_id and r.position = 1
    join stages s on s.stage_id = r.stage_id
    join editions e on e.edition_id = s.edition_id
    join races ra on ra.race_id = e.race_id
),
-- the rider's rows in the final standings: after the last stage, or published
-- without a stage; when both exist, the fuller publication counts
final_rows as (
    select
        st.rider_id,
        st.edition_id,
        st.kind,
        st.position,
        st.team_id,
        st.stage_id,
        (select max(s.stage_order) from stages s where s.edition_id = st.edition_id) as last_order,
        (
            select count(*)
            from standings x
            where x.edition_id = st.edition_id
              and x.kind = st.kind
              and x.stage_id is st.stage_id
        ) as published_rows
    from matched m
    join standings st on st.rider_id = m.rider_id
    where st.kind in ('gc', 'points', 'mountains', 'youth', 'sprint')
),
final_official as (
    select
        f.*,
        row_number() over (
            partition by f.edition_id, f.kind
            order by f.published_rows desc, f.stage_id is null
        ) as n
    from final_rows f
    left join stages s on s.stage_id = f.stage_id
    where f.stage_id is null or s.stage_order = f.last_order
),
-- no official final GC for the edition: the computed GC after the last stage
final_computed as (
    select
        c.rider_id,
        c.edition_id,
        'gc' as kind,
        c.position,
        null as team_id
    from matched m
    join computed_gc c on c.rider_id = m.rider_id
    join stages s on s.stage_id = c.stage_id
    where s.stage_order = (
        select max(s2.stage_order) from stages s2 where s2.edition_id = s.edition_id
    )
      and not exists (
          select 1
          from standings x
          join stages xs on xs.stage_id = x.stage_id
          where x.edition_id = c.edition_id
            and x.kind = 'gc'
            and xs.stage_order = s.stage_order
      )
      and not exists (
          select 1
          from standings x
          where x.edition_id = c.edition_id
            and x.kind = 'gc'
            and x.stage_id is null
      )
),
-- the final jersey holders (the stage lists' last-stage jerseys, the
-- classifications' winners) where no final standings of the kind name a winner
final_jerseys as (
    select j.rider_id, s.edition_id, j.kind
    from matched m
    join jerseys j on j.rider_id = m.rider_id
    join stages s on s.stage_id = j.stage_id
    where j.kind in ('points', 'mountains', 'youth', 'sprint')
      and s.stage_order = (
          select max(s2.stage_order) from stages s2 where s2.edition_id = s.edition_id
      )
      and not exists (
          select 1
          from standings x
          left join stages xs on xs.stage_id = x.stage_id
          where x.edition_id = s.edition_id
            and x.kind = j.kind
            and x.position = 1
            and (x.stage_id is null or xs.stage_order = s.stage_order)
      )
),
honours as (
    select rider_id, edition_id, stage, date, stage_order, team_id, what, rank, 'official' as source
    from stage_wins
    union all
    select rider_id, edition_id, null, null, 1000000, team_id,
        case kind when 'gc' then 'GC' else kind end, position, 'official'
    from final_official
    where n = 1
      and (position <= 3 and kind = 'gc' or position = 1)
    union all
    select rider_id, edition_id, null, null, 1000000, team_id, 'GC', position, 'computed'
    from final_computed
    where position <= 3
    union all
    select rider_id, edition_id, null, null, 1000000, null, kind, 1, 'final jersey'
    from final_jerseys
)
select
    ra.name as race,
    ra.race_ref,
    e.year,
    h.what,
    h.stage,
    h.rank,
    ri.name as rider,
    ri.rider_ref,
    coalesce(en.team_name, t.name) as team,
    coalesce(h.date, e.end_date) as date,
    h.source,
    sum(h.what in ('stage win', 'win')) over rider as wins,
    sum(h.what = 'GC' and h.rank = 1) over rider as gc_wins,
    sum(h.what = 'GC') over rider as gc_podiums,
    sum(h.what = 'points') over rider as points_wins,
    sum(h.what = 'mountains') over rider as mountains_wins,
    sum(h.what = 'youth') over rider as youth_wins
from honours h
join riders ri on ri.rider_id = h.rider_id
join editions e on e.edition_id = h.edition_id
join races ra on ra.race_id = e.race_id
left join entries en on en.edition_id = h.edition_id and en.rider_id = h.rider_id
left join teams t on t.team_id = coalesce(en.team_id, h.team_id)
window rider as (partition by h.rider_id)
order by e.year, ra.race_ref, h.stage_order, h.what
