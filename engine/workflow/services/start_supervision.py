"""start_supervision: puts an item under supervision (督办), as the office does by hand
(engine.supervision.starting.start_by_hand), on the authority of whoever started the instance:
a process started by the office may do it, one started by a liaison or by lianxi itself may not."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from engine.core.errors import InvalidData, LianxiError
from engine.org.models import Person
from engine.workflow.services.base import Context, Operator, Param, ServiceFailure


def _day(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    return None


def _positive(value: int) -> str | None:
    return None if value > 0 else "must be at least 1"


def start(context: Context, params: dict, now: datetime) -> dict:
    from engine.supervision import starting  # a feature: the workflow core reaches it at call time

    instance = context.instance
    starter = context.session.scalar(select(Person).where(Person.username == instance.started_by, Person.active))
    if starter is None:
        raise ServiceFailure(f"the instance was started by {instance.started_by!r}, not by a person of the office")
    item = {key: params.get(key) for key in ("text", "lead", "cooperating", "due")}
    source = params.get("source") or instance.title
    try:
        supervised = starting.start_by_hand(
            context.session, starter, source, item, now, report_every_days=params.get("report_every_days")
        )
    except InvalidData as exc:
        raise ServiceFailure("; ".join(f"{field}: {error.code}" for field, error in exc.errors.items())) from None
    except LianxiError as exc:  # not of the office; item_supervision not deployed
        raise ServiceFailure(f"{exc} (the instance was started by {instance.started_by})") from None
    return {"item": supervised.id, "instance": supervised.instance_id}


OPERATOR = Operator(
    "start_supervision",
    {
        "text": Param(str),
        "lead": Param(str),
        "due": Param(str, check=_day),
        "cooperating": Param(list, required=False),
        "source": Param(str, required=False),
        "report_every_days": Param(int, required=False, check=_positive),
    },
    start,
)
