-- title: Team
-- description: One team by ref.
-- param: team text: team ref
select
    t.team_id,
    t.team_ref,
    t.name
from teams t
where t.team_ref = :team
