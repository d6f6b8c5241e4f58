"""The comparison page's charts, drawn here as inline SVG (no script, no library): meeting
frequencies in sittings a year on a log scale, and deadlines in working days.  Every label
links to the provision the value came from.
"""

from __future__ import annotations

import math
from typing import Any

from guize.web.pages.compare import columns, profile
from guize.web.pages.data import href
from guize.web.pages.labels import label, scheme
from guize.web.pages.values import deadline_text, frequency_text, per_year

#: Colours of meeting kinds, taken in the kinds' display order (``gz:sortOrder``).
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e5bb5", "#7f6a00", "#0f7f8a", "#b8560b", "#555")


def kind_colour(kind: str) -> str:
    """The colour of a meeting kind: by its place in the vocabulary's order."""
    return PALETTE[min(scheme("meeting-kind").rank(kind), len(PALETTE) - 1)]


def frequency_series() -> list[dict[str, Any]]:
    """One entry per meeting with a normalisable frequency: government, kind, sittings/year."""
    out = []
    for col in columns(profile()):
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


def deadline_series() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(deadlines in working days, deadlines in other units) across documents."""
    wd, other = [], []
    for col in columns(profile()):
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


def _esc(s: Any) -> str:
    return (
        str(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def frequency_svg(series: list[dict[str, Any]]) -> str:
    """Horizontal range bars on a log scale of sittings per year (1 … 52)."""
    if not series:
        return ""
    left, right, row_h, top = 250, 40, 28, 40
    width = 900
    plot_w = width - left - right
    height = top + row_h * len(series) + 40
    ticks = [1, 2, 4, 12, 26, 52]

    def x(v: float) -> float:
        v = max(v, 0.5)
        return left + plot_w * (math.log(v / 0.5) / math.log(60 / 0.5))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="freq-title freq-desc" width="100%">',
        '<title id="freq-title">会议频次（每年召开次数） Meeting frequency (sittings per year)</title>',
        f'<desc id="freq-desc">{len(series)} meetings; log scale; bars span the minimum to the maximum '
        "sittings a year; hollow markers are hedged (原则上).</desc>",
    ]
    for t in ticks:
        parts.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top - 8}" y2="{height - 30}" class="grid"/>'
        )
        parts.append(
            f'<text x="{x(t):.1f}" y="{height - 12}" class="tick" text-anchor="middle">{t}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.0f}" y="{top - 20}" class="axis" text-anchor="middle">'
        "每年召开次数（对数刻度） sittings per year (log scale)</text>"
    )
    for i, s in enumerate(series):
        y = top + i * row_h + row_h / 2
        colour = kind_colour(s["kind"])
        name = f"{s['place']} · {s['name'] or s['kind_label'][0]}"
        link_open = f'<a href="{_esc(s["href"])}">' if s["href"] else ""
        link_close = "</a>" if s["href"] else ""
        parts.append(
            f'{link_open}<text x="{left - 10}" y="{y + 5:.1f}" class="label" text-anchor="end">'
            f"{_esc(name)}</text>{link_close}"
        )
        x1, x2 = x(s["min"]), x(s["max"])
        fill = "none" if s["hedged"] else colour
        title = f"<title>{_esc(name)}: {_esc(s['text'])}</title>"
        if x2 - x1 > 1:
            parts.append(
                f'<g>{title}<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="8" stroke-linecap="round" opacity="0.55"/>'
                f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="{colour}" stroke-width="2"/>'
                f'<circle cx="{x2:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="{colour}" stroke-width="2"/></g>'
            )
        else:
            parts.append(
                f'<g>{title}<circle cx="{x1:.1f}" cy="{y:.1f}" r="7" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2.5"/></g>'
            )
        val = f"{s['min']:g}" + (f"–{s['max']:g}" if s["max"] != s["min"] else "")
        parts.append(f'<text x="{x2 + 12:.1f}" y="{y + 4:.1f}" class="value">{val}</text>')
    parts.append("</svg>")
    return "".join(parts)


def deadline_svg(series: list[dict[str, Any]]) -> str:
    """Horizontal bars: deadlines in working days, one bar per fact."""
    if not series:
        return ""
    left, right, row_h, top = 260, 60, 26, 30
    width = 900
    plot_w = width - left - right
    top_value = max(max(e["amount"] for e in series), 1)
    height = top + row_h * len(series) + 36

    def x(v: float) -> float:
        return left + plot_w * v / top_value

    step = max(1, round(top_value / 6))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="dl-title" width="100%">',
        '<title id="dl-title">期限（工作日） Deadlines in working days</title>',
    ]
    for t in range(0, int(top_value) + 1, step):
        parts.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top - 6}" y2="{height - 28}" class="grid"/>'
        )
        parts.append(
            f'<text x="{x(t):.1f}" y="{height - 10}" class="tick" text-anchor="middle">{t}</text>'
        )
    for i, e in enumerate(series):
        y = top + i * row_h
        name = f"{e['place']} · {e['topic'][0]}"
        link_open = f'<a href="{_esc(e["href"])}">' if e["href"] else ""
        link_close = "</a>" if e["href"] else ""
        parts.append(
            f'{link_open}<text x="{left - 10}" y="{y + 15}" class="label" text-anchor="end">'
            f"{_esc(name)}</text>{link_close}"
        )
        parts.append(
            f'<rect x="{left}" y="{y + 4}" width="{max(x(e["amount"]) - left, 2):.1f}" height="{row_h - 8}" '
            f'class="bar"><title>{_esc(name)}: {_esc(e["text"])}</title></rect>'
        )
        parts.append(
            f'<text x="{x(e["amount"]) + 6:.1f}" y="{y + 16}" class="value">{e["amount"]:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
