"""Server-side SVG bar charts: series of counts by month laid out as rectangles.

The template draws the rectangles; nothing here emits markup, so every label is escaped
by the template like any other text.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 760, 220
LEFT, BOTTOM, TOP = 36, 34, 12
MAX_MONTHS = 60


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    xticks: tuple[Tick, ...]
    yticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # (css class, label)
    baseline: float
    empty: bool


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly_bars(series: list[tuple[str, str, dict[str, int]]]) -> Chart:
    """Grouped bars, one group per month from the first to the last month with data (the
    last ``MAX_MONTHS`` at most); ``series`` is ``(css class, label, {YYYY-MM: count})``."""
    keys = sorted({m for _, _, counts in series for m, n in counts.items() if n and len(m) == 7})
    legend = tuple((css, label) for css, label, _ in series)
    if not keys:
        return Chart(WIDTH, HEIGHT, (), (), (), legend, HEIGHT - BOTTOM, True)
    months = _months(keys[0], keys[-1])[-MAX_MONTHS:]
    top = max(max((c.get(m, 0) for m in months), default=0) for _, _, c in series) or 1
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_w / len(months)
    bar_w = max(1.0, (slot * 0.8) / len(series))
    base = HEIGHT - BOTTOM
    bars = []
    for i, month in enumerate(months):
        for j, (css, label, counts) in enumerate(series):
            n = counts.get(month, 0)
            if n:
                h = plot_h * n / top
                x = LEFT + i * slot + slot * 0.1 + j * bar_w
                bars.append(Bar(round(x, 1), round(base - h, 1), round(bar_w, 1), round(h, 1),
                                css, f"{month}: {n} {label}"))  # fmt: skip
    every = max(1, len(months) // 12)
    xticks = tuple(
        Tick(round(LEFT + i * slot + slot / 2, 1), base + 16, m if i % every == 0 else "")
        for i, m in enumerate(months)
        if i % every == 0
    )
    yticks = tuple(
        Tick(LEFT - 6, round(base - plot_h * v / top, 1), str(v))
        for v in sorted({0, top // 2, top})
    )
    return Chart(WIDTH, HEIGHT, tuple(bars), xticks, yticks, legend, base, False)
