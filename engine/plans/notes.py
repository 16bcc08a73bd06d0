"""What a plan written before lianxi ran only what the file says should change: notes, not faults
(the file still loads), each at the line it concerns. A file counts as written before when it
uses none of the fields added since: `reviews`, `implementation_plan`, `to`, `baseline`, an
indicator's `members` or `computed`."""

from __future__ import annotations

from engine.plans.model import Plan

Note = tuple[tuple, str]  # (path, message), as checks.Fault


def notes(plan: Plan) -> list[Note]:
    if _new_format(plan):
        return []
    found: list[Note] = [
        (
            ("deliverables",),
            "a run no longer asks every unit for its implementation plan (制定本单位实施方案) by itself: "
            "if the plan asks for one, mark that deliverable implementation_plan: true",
        ),
        (
            ("phases",),
            "a run no longer holds quarterly dispatch reviews and a stage evaluation by itself: "
            "if the plan asks for them, declare them under reviews:",
        ),
    ]
    for i, deliverable in enumerate(plan.deliverables):
        named = next((u for u in plan.units if u.name in deliverable.title), None)
        if named:
            found.append((("deliverables", i, "title"), f"names {named.name}: if it goes there, add to: {named.code}"))
    return found


def _new_format(plan: Plan) -> bool:
    deliverables = any(d.implementation_plan or d.to for d in plan.deliverables)
    indicators = any(i.members or i.computed for i in plan.indicators)
    return bool(plan.reviews or plan.baseline or deliverables or indicators)
