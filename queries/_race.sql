-- The race :race names: its ref, its name or another of its names, or the words
-- people use ('giro', 'dauphine', 'tour femmes'), accents and case ignored.
-- Exactly one race with the best score (names.race_score), else none: 'tour'
-- names two races and so none. Included as `-- include: _race` where a query
-- needs the race_ref; `palmares query` and the API then say which races were meant.
select race_ref from (
    select race_ref, score,
        max(score) over () as best,
        count(*) over (partition by score) as ties
    from (select race_ref, palmares_race_score(race_ref, name, :race) as score from races)
)
where score > 0 and score = best and ties = 1
