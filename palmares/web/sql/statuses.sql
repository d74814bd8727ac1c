-- title: Statuses
-- description: Result statuses and their words.
select
    status,
    description
from statuses
order by sort_order
