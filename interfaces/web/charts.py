"""The governance chart, drawn on the server as SVG: one bar per domain, the 80 % line across.

Two layouts of the same figures: `wide` (labels beside the bars) for desktops, `narrow`
(labels above the bars) for phones, where a scaled-down wide chart would be unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDE_WIDTH, WIDE_LABEL, WIDE_ROW = 760, 250, 26
NARROW_WIDTH, NARROW_ROW = 360, 40
VALUE_ROOM = 52
TOP, BOTTOM = 28, 26
BAR = 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    tone: str
    x: float
    y: float
    width: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: float
    right: float
    target_x: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]


@dataclass(frozen=True)
class Figure:
    """A domain's rate; None (nothing listed) is drawn apart as 无数据, not as 100 %.
    Green (`ok`) is exactly `meets_target`, so the headline's count equals the green bars."""

    label: str
    rate: float | None
    good: bool | None
    listed: int

    @property
    def tone(self) -> str:
        if self.rate is None or self.good is None:
            return "none"
        return "ok" if self.good else "low"


def rate_chart(figures: list[Figure], target: float, layout: str) -> BarChart:
    wide = layout == "wide"
    width = WIDE_WIDTH if wide else NARROW_WIDTH
    left = float(WIDE_LABEL if wide else 8)
    right = float(width - VALUE_ROOM)
    row = WIDE_ROW if wide else NARROW_ROW
    span = right - left
    bars = []
    for index, figure in enumerate(figures):
        top = TOP + index * row + (row - BAR if wide else row - BAR - 4)
        bars.append(
            Bar(
                label=figure.label,
                value="" if figure.rate is None else f"{figure.rate * 100:.0f}%",
                tone=figure.tone,
                x=left,
                y=top,
                width=max(span * min(figure.rate or 0.0, 1.0), 1.5),
                label_x=left - 10 if wide else left,
                label_y=top + BAR - 3 if wide else top - 5,
            )
        )
    ticks = [(left + span * share, f"{share * 100:.0f}%") for share in (0, 0.25, 0.5, 0.75, 1)]
    height = TOP + len(figures) * row + BOTTOM
    return BarChart(width, height, left, right, left + span * target, bars, ticks)
