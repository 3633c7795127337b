-- name: fds/lifetimes
-- title: Open-to-close lifetimes
-- description: How long fds stay open, per path: how often it is opened, and the shortest, median and longest lifetimes.
-- param: limit int = 30 : Paths to show.
-- param: kind string = null : Only this fd kind: file, dir, socket, pipe ... (null: all).
-- chart: bar x=path y=p50_ms,max_ms
-- From the fds table: lifetime = close_ts - open_ts (microsecond timestamps) for fds both opened
-- and closed during the recording. Others count in `still_open` (open at the end) or
-- `from_before` (open when the recording started). A forked child's copies of its parent's fds
-- are not opens: they count in `inherited` only (their open time is before the child's fork). Short lifetimes with many opens point at
-- open/close churn a cached fd would avoid.
WITH f AS (
    SELECT coalesce(f.path, '(' || f.kind || ')') AS path, f.kind, f.open_ts, f.close_ts, f.close_reason,
           coalesce(NOT p.in_snapshot AND f.open_ts <= p.start, false) AS inherited
    FROM fds f LEFT JOIN processes p ON p.pid = f.pid
    WHERE ${kind} IS NULL OR f.kind = ${kind}
),
g AS (
    SELECT *, CASE WHEN NOT inherited AND open_ts IS NOT NULL AND close_ts IS NOT NULL
                   THEN epoch_us(close_ts) - epoch_us(open_ts) END AS life_us
    FROM f
)
SELECT path,
       any_value(kind) AS kind,
       count(*) FILTER (WHERE open_ts IS NOT NULL AND NOT inherited) AS opens,
       count(life_us) AS closed,
       count(*) FILTER (WHERE close_ts IS NULL AND NOT inherited) AS still_open,
       count(*) FILTER (WHERE open_ts IS NULL) AS from_before,
       count(*) FILTER (WHERE inherited) AS inherited,
       round(min(life_us) / 1e3, 3) AS min_ms,
       round(quantile_cont(life_us, 0.5) / 1e3, 3) AS p50_ms,
       round(max(life_us) / 1e3, 3) AS max_ms,
       round(sum(life_us) / 1e3, 3) AS total_open_ms,
       string_agg(DISTINCT close_reason, ',' ORDER BY close_reason) FILTER (WHERE NOT inherited) AS closed_by
FROM g
GROUP BY path
ORDER BY opens DESC, total_open_ms DESC NULLS LAST, path
LIMIT ${limit}
