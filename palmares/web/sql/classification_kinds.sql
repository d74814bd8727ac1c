-- title: Classifications
-- description: The kinds of classification and their names, in the order a results page lists them.
select
    kind,
    description,
    is_team
from classification_kinds
order by rowid
