-- title: Head to head
-- description: The stages two riders both finished, who beat whom (the better place, else the better time) and by how much, with the running score.
-- param: rider_a text: a rider ref or name (accents, case and order ignored), e.g. Richie Porte
-- param: rider_b text: another rider, e.g. Alexey Lutsenko
with exact_a as (
    select rider_id from riders where rider_ref = palmares_slug(:rider_a)
    union
    select rider_id from riders where name_key = palmares_name_key(:rider_a)
    union
    select rider_id from rider_aliases where alias_key = palmares_name_key(:rider_a)
),
-- part of a name ("pogacar") when nothing matches the whole of it
rider_a as (
    select rider_id from exact_a
    union
    select rowid from riders_fts
    where riders_fts match '"' || replace(palmares_fold(:rider_a), '"', ' ') || '"'
      and not exists (select 1 from exact_a)
),
exact_b as (
    select rider_id from riders where rider_ref = palmares_slug(:rider_b)
    union
    select rider_id from riders where name_key = palmares_name_key(:rider_b)
    union
    select rider_id from rider_aliases where alias_key = palmares_name_key(:rider_b)
),
rider_b as (
    select rider_id from exact_b
    union
    select rowid from riders_fts
    where riders_fts match '"' || replace(palmares_fold(:rider_b), '"', ' ') || '"'
      and not exists (select 1 from exact_b)
),
both_finished as (
    select
        ra_.rider_id as a_id,
        rb_.rider_id as b_id,
        a.stage_id,
        a.position as a_rank,
        b.position as b_rank,
        a.time_seconds as a_time,
        b.time_seconds as b_time,
        -- places decide when both have one; otherwise times
        case
            when a.position is not null and b.position is not null then
                case when a.position < b.position then 'a' when b.position < a.position then 'b' end
            when a.time_seconds < b.time_seconds then 'a'
            when b.time_seconds < a.time_seconds then 'b'
        end as ahead
    from rider_a ra_
    -- the counting rule (schema.sql): no suspect row, no rider's row of a team's stage
    join counted_stage_results a on a.rider_id = ra_.rider_id and a.status = 'finished'
    join rider_b rb_ on rb_.rider_id <> ra_.rider_id
    join counted_stage_results b
        on b.stage_id = a.stage_id
        and b.rider_id = rb_.rider_id
        and b.status = 'finished'
)
select
    race.name as race,
    race.race_ref,
    e.year,
    s.label as stage,
    s.date,
    ria.name as rider_a,
    bf.a_rank,
    rib.name as rider_b,
    bf.b_rank,
    case bf.ahead when 'a' then ria.name when 'b' then rib.name end as ahead,
    -- seconds between them when both times are known
    abs(bf.b_time - bf.a_time) as gap_seconds,
    sum(bf.ahead = 'a') over score as a_ahead,
    sum(bf.ahead = 'b') over score as b_ahead
from both_finished bf
join stages s on s.stage_id = bf.stage_id
join editions e on e.edition_id = s.edition_id
join races race on race.race_id = e.race_id
join riders ria on ria.rider_id = bf.a_id
join riders rib on rib.rider_id = bf.b_id
window score as (
    partition by bf.a_id, bf.b_id
    order by e.year, s.date, race.race_ref, s.stage_order
    rows unbounded preceding
)
order by e.year, s.date, race.race_ref, s.stage_order
