-- title: Load warnings
-- description: Suspicious but loadable data the readers noticed, with the file and line each came from.
-- param: code text = all: only warnings of this code (e.g. gap_decreases)
-- param: path text = all: only files whose path contains this text
select
    src.path,
    src.format,
    w.line,
    w."column",
    w.code,
    w.message,
    src.loaded_at
from warnings w
join sources src on src.source_id = w.source_id
where (nullif(:code, '') is null or w.code = lower(trim(:code)))
  and (nullif(:path, '') is null or instr(src.path, :path) > 0)
order by src.path, w.line, w.warning_id
