"""From the schema-valid YAML document to the frozen model, parsing dates on the way.

What the schema cannot say is checked here, each fault kept with its line: a date that does not
exist (2024-02-30), a phase given both as start/end and as windows (or as neither), a rule that
must have exactly one of two fields.
"""

from __future__ import annotations

from datetime import date

from engine.plans.model import (
    Action,
    Computed,
    Deliverable,
    Indicator,
    Phase,
    Plan,
    PlanUnit,
    Review,
    Rule,
    Target,
)
from engine.plans.yamltree import Document

PLACEHOLDER = date(1, 1, 1)  # stands in for a faulty date so building can go on and find more faults
ONE_OF = {"every": ("months", "years"), "phase": ("at", "last")}
AT_MOST_ONE = {"after_event": ("days", "months")}  # neither: the duty opens at the event with no time limit


class Builder:
    """Builds the plan whatever its faults (a faulty date becomes PLACEHOLDER), collecting them as
    (path, message) in `faults`: the loader refuses the plan if there are any."""

    def __init__(self, document: Document, file: str):
        self.document = document
        self.file = file
        self.faults: list[tuple[tuple, str]] = []

    def fault(self, path: tuple, message: str) -> None:
        self.faults.append((path, message))

    def date(self, raw: dict, path: tuple) -> date:
        text = raw[path[-1]]
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fault(path, f"{text} is not a date that exists")
            return PLACEHOLDER

    def plan(self) -> Plan:
        raw = self.document.value
        start, end = self.date(raw, ("start",)), self.date(raw, ("end",))
        plan = Plan(
            code=raw["code"],
            title=raw["title"],
            issuing_body=raw["issuing_body"],
            start=start,
            end=end,
            units=tuple(unit(u) for u in raw["units"]),
            phases=tuple(self.phase(p, ("phases", i)) for i, p in enumerate(raw["phases"])),
            deliverables=tuple(self.deliverable(d, ("deliverables", i)) for i, d in enumerate(raw["deliverables"])),
            indicators=tuple(self.indicator(i, ("indicators", n)) for n, i in enumerate(raw.get("indicators", ()))),
            file=self.file,
            actions=tuple(self.action(a, ("actions", i), start, end) for i, a in enumerate(raw.get("actions", ()))),
            document_number=raw.get("document_number", ""),
            issued=self.date(raw, ("issued",)) if "issued" in raw else None,
            baseline=raw.get("baseline"),
            reviews=tuple(self.review(r, ("reviews", i)) for i, r in enumerate(raw.get("reviews", ()))),
        )
        return plan

    def action(self, raw: dict, path: tuple, start: date, end: date) -> Action:
        """An action without dates of its own spans the whole plan."""
        start = self.date(raw, (*path, "start")) if "start" in raw else start
        end = self.date(raw, (*path, "end")) if "end" in raw else end
        return Action(raw["code"], raw["title"], start, end)

    def phase(self, raw: dict, path: tuple) -> Phase:
        windows = tuple(
            (self.date(w, (*path, "windows", j, "start")), self.date(w, (*path, "windows", j, "end")))
            for j, w in enumerate(raw.get("windows", ()))
        )
        given = {"start", "end"} & raw.keys()
        if windows and given:
            self.fault((*path, "windows"), "give start and end, or windows, not both")
        elif not windows and given != {"start", "end"}:
            self.fault(path, "a phase needs start and end (or windows)")
        if windows:
            start, end = min(s for s, _ in windows), max(e for _, e in windows)
        else:
            start = self.date(raw, (*path, "start")) if "start" in raw else PLACEHOLDER
            end = self.date(raw, (*path, "end")) if "end" in raw else PLACEHOLDER
        return Phase(raw["code"], raw["title"], raw["kind"], start, end, raw.get("action"), windows)

    def deliverable(self, raw: dict, path: tuple) -> Deliverable:
        return Deliverable(
            code=raw["code"],
            title=raw["title"],
            phase=raw["phase"],
            lead=raw.get("lead"),
            cooperating=tuple(raw.get("cooperating", ())),
            submitter=raw["submitter"],
            rule=self.rule(raw["rule"], (*path, "rule")),
            to=raw.get("to"),
            implementation_plan=raw.get("implementation_plan", False),
        )

    def review(self, raw: dict, path: tuple) -> Review:
        return Review(raw["code"], raw["title"], raw["kind"], raw["phase"], self.rule(raw["rule"], (*path, "rule")))

    def indicator(self, raw: dict, path: tuple) -> Indicator:
        return Indicator(
            code=raw["code"],
            title=raw["title"],
            measure=raw["measure"],
            target=target(raw["target"]),
            milestones={int(year): target(t) for year, t in raw.get("milestones", {}).items()},
            reported_by=tuple(raw["reported_by"]),
            period=raw["period"] if isinstance(raw["period"], str) else f"{raw['period']['years']}y",
            members=raw.get("members", ""),
            computed=self.computed(raw["computed"], (*path, "computed")) if "computed" in raw else None,
        )

    def computed(self, raw: dict, path: tuple) -> Computed:
        """`rate: [numerator, denominator]` (× 100), or `product: code` with `times`."""
        kinds = [k for k in ("rate", "product") if k in raw]
        if len(kinds) != 1:
            self.fault(path, "give exactly one of rate or product")
        kind = kinds[0] if kinds else "rate"
        if kind == "product" and "times" not in raw:
            self.fault(path, "a product needs times: the constant, e.g. times: 2000 for 每家2000元")
        if kind == "rate" and "times" in raw:
            self.fault((*path, "times"), "a rate is numerator / denominator × 100: times is for a product")
        of = tuple(raw.get("rate", ())) if kind == "rate" else (raw.get("product", ""),)
        return Computed(kind, of, raw.get("times", 100) if kind == "product" else 100, raw["text"])

    def rule(self, raw: dict, path: tuple) -> Rule:
        params = {k: v for k, v in raw.items() if k not in ("kind", "text")}
        if "date" in params:
            params["date"] = self.date(raw, (*path, "date"))
        if "dates" in params:
            params["dates"] = tuple(self.date(raw["dates"], (*path, "dates", j)) for j in range(len(raw["dates"])))
        if "years" in params and isinstance(params["years"], list):
            params["years"] = tuple(params["years"])
        pair = ONE_OF.get(raw["kind"])
        if pair and len(set(pair) & params.keys()) != 1:
            self.fault(path, f"give exactly one of {pair[0]} or {pair[1]}")
        pair = AT_MOST_ONE.get(raw["kind"])
        if pair and len(set(pair) & params.keys()) > 1:
            self.fault(path, f"give {pair[0]} or {pair[1]}, not both")
        return Rule(raw["kind"], params, raw["text"])


def unit(raw: dict) -> PlanUnit:
    return PlanUnit(raw["code"], raw["name"], raw.get("role", "participant"), raw.get("collective", False))


def target(raw: dict) -> Target:
    return Target(
        op=raw["op"],
        value=raw.get("value"),
        low=raw.get("low"),
        high=raw.get("high"),
        aggregate=raw.get("aggregate", "each"),
        cumulative_from=raw.get("cumulative_from"),
        change=raw.get("change"),
        text=raw.get("text", ""),
    )
