"""How extracted values read on the pages: roles, meeting frequencies (normalised to sittings
a year), quorums, deadlines.  Chinese, as the data is; plain strings, no HTML.

>>> per_year({"per": "month", "min": 1, "max": 2})
(12.0, 24.0)
>>> per_year({"per": "two-weeks", "min": 1, "max": None})
(26.0, 26.0)
"""

from __future__ import annotations

from guize.web.pages.labels import FALLBACK, label

#: Sittings per year for one sitting per unit (meeting frequencies normalised to a year).
PER_YEAR = {"week": 52, "two-weeks": 26, "month": 12, "quarter": 4, "half-year": 2, "year": 1}


#: Role kinds in the order a reader expects them (head first), for lists of roles.
ROLE_ORDER = tuple(FALLBACK["role-kind"])


def roles_text(roles: list[dict]) -> str:
    """``市长、副市长``: the roles as written, head first."""
    ordered = sorted(
        roles,
        key=lambda r: ROLE_ORDER.index(r["code"]) if r["code"] in ROLE_ORDER else len(ROLE_ORDER),
    )
    return "、".join(r["label"] or label("role-kind", r["code"])[0] for r in ordered)


def role_codes(roles: list[dict]) -> str:
    return " ".join(sorted({r["code"] or "" for r in roles}))


def frequency_text(freq: dict | None) -> str:
    """``每月 1 次 · 12/年`` from a profile frequency."""
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
    if freq.get("hedged"):
        core = "原则上 " + core
    return core.strip()


def per_year(freq: dict | None) -> tuple[float, float] | None:
    """(min, max) sittings per year, or None when the frequency has no number or unit."""
    if not freq or freq.get("per") not in PER_YEAR:
        return None
    factor = PER_YEAR[freq["per"]]
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
