"""How extracted values read on the pages: roles, meeting frequencies (normalised to sittings
a year), quorums, deadlines.  Chinese, as the data is; plain strings, no HTML.  Role order and
the length of time units come from the vocabularies (``gz:sortOrder``, ``gz:perYear``).

>>> per_year({"per": "month", "min": 1, "max": 2})
(12.0, 24.0)
>>> per_year({"per": "two-weeks", "min": 1, "max": None})
(26.0, 26.0)
"""

from __future__ import annotations

from guize.web.pages.labels import label, scheme


def roles_text(roles: list[dict]) -> str:
    """``市长、副市长``: the roles as written, head first."""
    kinds = scheme("role-kind")
    ordered = sorted(roles, key=lambda r: kinds.rank(r["code"]))
    return "、".join(r["label"] or label("role-kind", r["code"])[0] for r in ordered)


def role_codes(roles: list[dict]) -> str:
    return " ".join(sorted({r["code"] or "" for r in roles}))


def frequency_text(freq: dict | None) -> str:
    """``每月 1 次 · 12/年`` from a profile frequency: the normalised value (the rules' own
    words, ``freq["text"]``, are shown beside it; a hedge such as 原则上 stays in them)."""
    if not freq:
        return ""
    per = freq.get("per")
    lo, hi = freq.get("min"), freq.get("max")
    times = f"{lo}" if lo == hi or hi is None else (f"{lo}–{hi}" if lo is not None else f"≤{hi}")
    unit = label("time-unit", per)[0] if per else ""
    core = f"每{unit} {times} 次" if per and times not in ("None", "") else (freq.get("text") or "")
    yearly = per_year(freq)
    if yearly and per != "year":
        a, b = yearly
        core += f" · {a:g}{'–' + format(b, 'g') if b != a else ''}/年"
    return core.strip()


def per_year(freq: dict | None) -> tuple[float, float] | None:
    """(min, max) sittings per year, or None when the frequency has no number or unit."""
    unit = scheme("time-unit").get(freq.get("per")) if freq else None
    if unit is None or unit.per_year is None:
        return None
    factor = float(unit.per_year)
    lo, hi = freq.get("min"), freq.get("max")
    if lo is None and hi is None:
        return None
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    return (float(lo) * factor, float(hi) * factor)


def quorum_text(q: dict | None) -> str:
    if not q:
        return ""
    sign = "超过" if q.get("strict") else "不少于" if q.get("strict") is False else ""
    frac = q.get("fraction") or ""
    return f"{sign}{frac}".strip() or (q.get("text") or "")


def deadline_text(d: dict) -> str:
    unit = label("time-unit", d["unit"])[0] if d["unit"] else ""
    bound = {"max": "≤", "min": "≥", "at-most": "≤", "at-least": "≥"}.get(
        str(d.get("bound") or ""), ""
    )
    return (
        f"{bound}{d['amount']:g} {unit}".strip()
        if isinstance(d["amount"], (int, float))
        else f"{d['amount']} {unit}"
    )
