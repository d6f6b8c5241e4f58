"""The comparison page's charts as inline SVG (no script, no library): meeting frequencies in
sittings a year on a log scale, and deadlines in working days.  The series and the geometry are
computed here; the SVG is written by the templates ``templates/pages/_*_chart.svg``.  Every
label links to the provision the value came from.
"""

from __future__ import annotations

import math
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from guize.web.pages.data import href
from guize.web.pages.labels import label, scheme
from guize.web.pages.values import deadline_text, frequency_text, per_year

#: Colours of meeting kinds, taken in the kinds' display order (``gz:sortOrder``).
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e5bb5", "#7f6a00", "#0f7f8a", "#b8560b", "#555")


def kind_colour(kind: str) -> str:
    """The colour of a meeting kind: by its place in the vocabulary's order."""
    return PALETTE[min(scheme("meeting-kind").rank(kind), len(PALETTE) - 1)]


def frequency_series(columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per meeting with a normalisable frequency in the matrix's ``columns``:
    government, kind, sittings/year."""
    out = []
    for col in columns:
        for m in col["doc"]["meetings"]:
            yr = per_year(m["frequency"])
            if yr:
                out.append(
                    {
                        "place": col["place"],
                        "key": col["key"],
                        "kind": m["kind"],
                        "kind_label": label("meeting-kind", m["kind"]),
                        "name": m["name"],
                        "min": yr[0],
                        "max": yr[1],
                        "hedged": bool(m["frequency"].get("hedged")),
                        "text": frequency_text(m["frequency"]),
                        "href": href(m["sources"][0]) if m["sources"] else None,
                    }
                )
    kinds = scheme("meeting-kind")
    out.sort(key=lambda s: (kinds.rank(s["kind"]), -s["max"]))
    return out


def deadline_series(
    columns: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(deadlines in working days, deadlines in other units) in the matrix's ``columns``."""
    wd, other = [], []
    for col in columns:
        for d in col["doc"]["deadlines"]:
            code = d["topic"].rsplit("/", 1)[-1] if d["topic"] else "other"
            entry = {
                "place": col["place"],
                "key": col["key"],
                "topic": label("provision-topic", code),
                "amount": d["amount"],
                "unit": d["unit"],
                "text": deadline_text(d),
                "href": href(d["sources"][0]) if d["sources"] else None,
            }
            (
                wd
                if d["unit"] == "working-day" and isinstance(d["amount"], (int, float))
                else other
            ).append(entry)
    wd.sort(key=lambda e: (e["topic"], -e["amount"]))
    return wd, other


#: The chart templates (SVG), rendered without Flask so the charts can be drawn anywhere.
_SVG = Environment(
    loader=PackageLoader("guize.web.pages", "templates/pages"),
    autoescape=select_autoescape(["svg"]),
    trim_blocks=False,
)


def _f(v: float) -> str:
    return f"{v:.1f}"


def frequency_svg(series: list[dict[str, Any]]) -> str:
    """Horizontal range bars on a log scale of sittings per year (1 … 52)."""
    if not series:
        return ""
    left, right, row_h, top, width = 250, 40, 28, 40, 900
    plot_w = width - left - right
    height = top + row_h * len(series) + 40

    def x(v: float) -> float:
        return left + plot_w * (math.log(max(v, 0.5) / 0.5) / math.log(60 / 0.5))

    rows = []
    for i, s in enumerate(series):
        y = top + i * row_h + row_h / 2
        colour = kind_colour(s["kind"])
        x1, x2 = x(s["min"]), x(s["max"])
        rows.append(
            {
                "name": f"{s['place']} · {s['name'] or s['kind_label'][0]}",
                "href": s["href"],
                "text": s["text"],
                "label_y": _f(y + 5),
                "y": _f(y),
                "x1": _f(x1),
                "x2": _f(x2),
                "range": x2 - x1 > 1,
                "colour": colour,
                "fill": "none" if s["hedged"] else colour,
                "value": f"{s['min']:g}" + (f"–{s['max']:g}" if s["max"] != s["min"] else ""),
                "value_x": _f(x2 + 12),
                "value_y": _f(y + 4),
            }
        )
    ticks = [{"x": _f(x(t)), "value": t} for t in (1, 2, 4, 12, 26, 52)]
    return _SVG.get_template("_frequency_chart.svg").render(
        width=width,
        height=height,
        top=top,
        left=left,
        axis_x=f"{left + plot_w / 2:.0f}",
        ticks=ticks,
        rows=rows,
    )


def deadline_svg(series: list[dict[str, Any]]) -> str:
    """Horizontal bars: deadlines in working days, one bar per fact."""
    if not series:
        return ""
    left, right, row_h, top, width = 260, 60, 26, 30, 900
    plot_w = width - left - right
    top_value = max(max(e["amount"] for e in series), 1)
    height = top + row_h * len(series) + 36

    def x(v: float) -> float:
        return left + plot_w * v / top_value

    step = max(1, round(top_value / 6))
    ticks = [{"x": _f(x(t)), "value": t} for t in range(0, int(top_value) + 1, step)]
    rows = [
        {
            "name": f"{e['place']} · {e['topic'][0]}",
            "href": e["href"],
            "text": e["text"],
            "y": top + i * row_h,
            "bar_width": _f(max(x(e["amount"]) - left, 2)),
            "value": f"{e['amount']:g}",
            "value_x": _f(x(e["amount"]) + 6),
        }
        for i, e in enumerate(series)
    ]
    return _SVG.get_template("_deadline_chart.svg").render(
        width=width, height=height, top=top, left=left, row_h=row_h, ticks=ticks, rows=rows
    )
