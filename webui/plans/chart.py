"""An indicator's values per period as a small server-side SVG bar chart (no JavaScript):
one bar per period, the target as a dashed line; bars short of it are drawn as off track."""

from __future__ import annotations

from dataclasses import dataclass

from engine.plan_runs.indicators import Standing, meets
from engine.plans import Target

HEIGHT = 150  # the plot area, in SVG units
BAR, GAP, LEFT = 44, 28, 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: int
    y: float
    height: float
    on_track: bool | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    target_y: float | None
    target_label: str


def chart(standing: Standing) -> Chart | None:
    if not standing.history:
        return None
    target = standing.target
    milestones = standing.indicator.milestones
    if standing.indicator.members:  # the bars are the share of members meeting it: all of them is on track
        target, milestones = Target(">=", 100, None, None, "each", None), {}
    line = target.high if target.op == "between" else target.value
    top = max([v for _, v in standing.history] + ([line] if line is not None else [])) or 1
    scale = HEIGHT / (top * 1.15)
    bars = [
        Bar(
            label,
            value,
            LEFT + i * (BAR + GAP),
            round(HEIGHT - value * scale, 1),
            round(value * scale, 1),
            meets(milestones.get(int(label[:4]), target), value),
        )
        for i, (label, value) in enumerate(standing.history)
    ]
    target_y = round(HEIGHT - line * scale, 1) if line is not None else None
    return Chart(LEFT + len(bars) * (BAR + GAP), HEIGHT + 24, bars, target_y, f"{line:g}" if line is not None else "")
