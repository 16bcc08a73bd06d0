"""What an action-plan file (行动方案) says, as frozen values: loader.py builds them, schedule.py reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The vocabularies of plan.schema.json, for code that reads plans (a test keeps them equal).
PHASE_KINDS = ("mobilize", "implement", "evaluate", "other")
RULE_KINDS = ("fixed", "dates", "yearly", "quarterly", "monthly", "month_end", "after_event", "every", "open", "phase")
SUBMITTERS = ("lead", "all", "listed")
TARGET_OPS = (">=", "<=", ">", "<", "=", "between", "qualitative")
CHANGES = ("decrease", "increase")
AGGREGATES = ("total", "average", "each")
PERIODS = ("year", "quarter", "half")
UNIT_ROLES = ("participant", "issuer", "support")
REVIEW_KINDS = ("dispatch", "evaluation")
COMPUTED_KINDS = ("rate", "product")  # an indicator worked out from reported ones (Computed)
OFFICE = "office"  # the body's office (联席会议办公室), the role that holds reviews: not a unit of the plan


@dataclass(frozen=True)
class PlanUnit:
    """A participating unit: `code` is used in the body of the file, `name` is as the plan writes it."""

    code: str
    name: str
    role: str = "participant"  # one of UNIT_ROLES: only participants are "every participating unit"
    collective: bool = False  # stands for a class the plan does not list one by one, e.g. 各省辖市…


@dataclass(frozen=True)
class Phase:
    code: str  # unique in the plan, e.g. "a2.mobilize"
    title: str  # e.g. 动员部署阶段
    kind: str  # one of PHASE_KINDS
    start: date
    end: date
    action: str | None  # the action (子方案) it belongs to; None: shared by the whole plan (部署启动…once for all)
    # The parts of a phase the plan gives in pieces, e.g. 总结评估阶段（2024年12月、2025年11—12月）;
    # empty when the phase is the one window start..end.
    windows: tuple[tuple[date, date], ...] = ()

    def parts(self) -> tuple[tuple[date, date], ...]:
        return self.windows or ((self.start, self.end),)


@dataclass(frozen=True)
class Rule:
    """A deadline rule as written in the file; `text` keeps the plan's own words, e.g. "每年7月30日前"."""

    kind: str  # one of RULE_KINDS
    params: dict
    text: str


@dataclass(frozen=True)
class Deliverable:
    code: str
    title: str
    phase: str  # Phase.code
    lead: str | None  # unit code; None where the plan says each acts by its duties
    cooperating: tuple[str, ...]
    # "lead" | "all" (every participating unit submits) | "listed" (each unit in `cooperating`, where the
    # plan names who acts "按职责分工落实" without a lead)
    submitter: str
    rule: Rule
    # Who receives it: a unit code of the plan, or a higher organ in words (国家卫生健康委); None if unsaid.
    to: str | None = None
    # Filed as each unit's implementation plan (制定本单位实施方案): the run's mobilize task, listed on
    # the plan page, rather than a task of its own.
    implementation_plan: bool = False

    def open_ended(self) -> bool:
        """A duty with no time limit (汇总后上报…): tracked and reminded by hand, never overdue."""
        return self.rule.kind == "open"


@dataclass(frozen=True)
class Review:
    """A task the plan gives the office itself: a dispatch review (调度, briefed the day before) on
    each date of its rule, or the stage evaluation (阶段评估) on its one date."""

    code: str
    title: str
    kind: str  # one of REVIEW_KINDS
    phase: str  # Phase.code: where the rule's dates fall
    rule: Rule


@dataclass(frozen=True)
class Target:
    op: str  # one of TARGET_OPS
    value: float | None
    low: float | None
    high: float | None
    aggregate: str  # "total" | "average" | "each" (how unit values roll up)
    cumulative_from: int | None  # base year when the target is cumulative against a base year
    # With `change`, the value compared is the change (in %) against the base year (or, without
    # cumulative_from, against the previous period), e.g. 下降10% = change "decrease", ">=" 10.
    change: str | None = None
    text: str = ""  # the plan's own words, e.g. "2%-3%", "下降10%"


@dataclass(frozen=True)
class Computed:
    """An indicator the plan defines from reported ones rather than asks for: a rate, numerator /
    denominator × 100 (工伤事故发生率=当年认定工伤人数/当地城镇单位就业人数×100%), or a reported value
    times a constant (每家2000元测算补助金额)."""

    kind: str  # one of COMPUTED_KINDS
    of: tuple[str, ...]  # indicator codes: (numerator, denominator) for a rate, (the value,) for a product
    times: float  # the constant of a product; 100 for a rate
    text: str  # the plan's own words


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    measure: str  # unit of measure: "%", "家", "人"…
    target: Target
    milestones: dict[int, Target]  # year -> target, optional yearly milestones
    reported_by: tuple[str, ...]  # unit codes that report values
    period: str  # "year" | "quarter" | "half", or "2y", "3y"… for every two or more years (每两年)
    # The members of each reporting unit the target holds for, named as the plan names them
    # (县（市、区）): each member must meet it, and a unit reports how many of its members do, of how many.
    members: str = ""
    computed: Computed | None = None  # worked out from other indicators' values, never asked for

    def asked(self) -> bool:
        """Whether units report it themselves (a computed one is worked out from what they report)."""
        return self.computed is None


@dataclass(frozen=True)
class Action:
    """One action (子方案) of a multi-action plan, e.g. the provincial notice's three annexes."""

    code: str
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class Plan:
    code: str
    title: str
    issuing_body: str
    start: date
    end: date
    units: tuple[PlanUnit, ...]
    phases: tuple[Phase, ...]
    deliverables: tuple[Deliverable, ...]
    indicators: tuple[Indicator, ...]
    file: str
    actions: tuple[Action, ...] = ()
    document_number: str = ""
    issued: date | None = None
    reviews: tuple[Review, ...] = ()
    baseline: int | None = None  # the year the indicators are measured against (与2020年数值比较)

    def unit(self, code: str) -> PlanUnit:
        return next(u for u in self.units if u.code == code)

    def phase(self, code: str) -> Phase:
        return next(p for p in self.phases if p.code == code)

    def participants(self) -> tuple[str, ...]:
        """The units meant by "every participating unit" (各地…): those with the participant role."""
        return tuple(u.code for u in self.units if u.role == "participant")

    def span_of(self, phase: Phase) -> tuple[date, date]:
        """The span a phase lies in: its action's, or the plan's for a phase all actions share."""
        action = next((a for a in self.actions if a.code == phase.action), None)
        return (action.start, action.end) if action else (self.start, self.end)

    def recipient(self, deliverable: Deliverable) -> str:
        """Whom a deliverable goes to, named: a unit's name, an organ as written, or "" if unsaid."""
        to = deliverable.to or ""
        return next((u.name for u in self.units if u.code == to), to)

    def submitters(self, deliverable: Deliverable) -> tuple[str, ...]:
        """Who must submit a deliverable: its lead, every participating unit, or the units listed."""
        if deliverable.submitter == "lead":
            return (deliverable.lead,) if deliverable.lead else ()
        if deliverable.submitter == "listed":
            return deliverable.cooperating
        return self.participants()


@dataclass(frozen=True)
class Deadline:
    """One entry of the schedule."""

    deliverable: str  # Deliverable.code
    title: str
    phase: str
    units: tuple[str, ...]  # who must submit (lead, or every participating unit)
    due: date | None  # None for after_event rules (due counted from an event) and open-ended duties
    rule_text: str
    to: str | None = None  # Deliverable.to
    kind: str = "fixed"  # the rule's kind: after_event and open say why `due` is None
    opens: date | None = None  # set when the plan says when the work starts (a phase's last months)
    task: str = "submit_deliverable"  # the task a run opens for it (a review's, the implementation plan's)
