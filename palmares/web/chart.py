"""The GC gap chart: geometry for a hand-drawn SVG, no JavaScript, no network.

Pure functions from standings to coordinates; `templates/_gc_chart.html` draws
them. The leader sits on the top line, time lost goes down the page, as in the
GC graphs of cycling magazines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from palmares.values import format_gap

from .render import format_seconds

# Tableau 10: distinct, and readable by most colour-blind people
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
# tick steps in seconds, from a sprint finish to a mountain day
STEPS = (5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400, 36000)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    stage: str
    gap: str


@dataclass
class Line:
    rider: str
    rider_ref: str | None
    color: str
    final_rank: int | None
    d: str = ""
    points: list[Point] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: float
    plot_height: float
    lines: list[Line]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]

    @property
    def bottom(self) -> float:
        return self.top + self.plot_height

    @property
    def right(self) -> float:
        return self.left + self.plot_width


def tick_step(max_gap: int, max_ticks: int = 6) -> int:
    """The smallest round step that puts at most max_ticks ticks under max_gap."""
    for step in STEPS:
        if max_gap / step <= max_ticks:
            return step
    return STEPS[-1]


def gap_series(stages: list[str], gc_after: dict[str, list[dict]], top: int = 8) -> list[dict]:
    """The riders of the final top `top`, with their GC gap after every stage (None: not known).

    `gc_after` maps a stage label to the rows of the `gc` query after that stage.
    """
    if not stages:
        return []
    final = [r for r in gc_after.get(stages[-1], []) if r.get("rank")]
    final = sorted(final, key=lambda r: r["rank"])[:top]
    series = []
    for row in final:
        gaps, ranks = {}, {}
        for label in stages:
            mine = _row_of(gc_after.get(label, []), row) or {}
            gaps[label], ranks[label] = mine.get("gap_seconds"), mine.get("rank")
        series.append(
            {
                "rider": row["rider"],
                "rider_ref": row.get("rider_ref"),
                "rank": row["rank"],
                "gaps": gaps,
                "ranks": ranks,
            }
        )
    return series


def _row_of(rows: list[dict], rider_row: dict) -> dict | None:
    key = rider_row.get("rider_ref") or rider_row.get("rider")
    for r in rows:
        if (r.get("rider_ref") or r.get("rider")) == key:
            return r
    return None


def build_chart(
    stages: list[str], series: list[dict], width: int = 900, height: int = 400
) -> Chart:
    """Coordinates of one line per rider: x the stage, y the gap to the leader."""
    left, right, top, bottom = 64, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [g for s in series for g in s["gaps"].values() if g is not None]
    step = tick_step(max(known, default=0) or 1)
    y_max = step * max(1, -(-max(known, default=0) // step))

    def x(i: int) -> float:
        return round(left + (plot_w * i / (len(stages) - 1) if len(stages) > 1 else plot_w / 2), 1)

    def y(gap: int) -> float:
        return round(top + plot_h * gap / y_max, 1)

    lines = [_line(s, PALETTE[i % len(PALETTE)], stages, x, y) for i, s in enumerate(series)]
    x_ticks = [(x(i), label) for i, label in enumerate(stages)]
    y_ticks = [(y(g), format_gap(g) if g else "leader") for g in range(0, y_max + 1, step)]
    return Chart(width, height, left, top, plot_w, plot_h, lines, x_ticks, y_ticks)


def _line(s: dict, color: str, stages: list[str], x, y) -> Line:
    line = Line(s["rider"], s.get("rider_ref"), color, s.get("rank"))
    commands, pen_down = [], False
    for i, label in enumerate(stages):
        gap = s["gaps"].get(label)
        if gap is None:
            # an unknown gap breaks the line rather than inventing a value
            pen_down = False
            continue
        px, py = x(i), y(gap)
        commands.append(f"{'L' if pen_down else 'M'}{px} {py}")
        pen_down = True
        rank = s.get("ranks", {}).get(label)
        line.points.append(Point(px, py, label, format_seconds("gap", gap, rank) or "leader"))
    line.d = " ".join(commands)
    return line
