"""palmares: cycling race results in one normalised SQLite database.

The package's map is in docs/ARCHITECTURE.md. In short, dependencies run one
way: `errors`, `names`, `values`, `sqlfiles` and `db` at the bottom; `loader`
(files -> records -> rows) and `queries` (the questions) on them; `reports`
(profile, check, export) on those; `web` (the Datasette plugin) on all of
them; `cli` at the top.
"""
