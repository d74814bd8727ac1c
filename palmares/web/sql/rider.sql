-- title: Rider
-- description: One rider by ref.
-- param: rider text: rider ref
select
    ri.rider_id,
    ri.rider_ref,
    ri.name,
    ri.given_name,
    ri.family_name,
    ri.nationality,
    ri.birth_date
from riders ri
where ri.rider_ref = :rider
