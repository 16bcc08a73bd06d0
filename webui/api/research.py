"""Research (调查研究): those the caller sees, one with each unit's findings, the report and its
proposals, and the office putting a proposal into the next full meeting's topic pool, as the pages
do (engine.research): another unit's or body's research is 404; anyone but the office may not pool
(403), and a proposal pooled already is 409."""

from __future__ import annotations

from engine.research import access, pool
from webui.api import bp
from webui.common import context
from webui.common.work_shapes import proposal_dict, research_detail, research_dict


@bp.get("/research")
def list_research():
    return {"research": [research_dict(r) for r in access.visible_list(context.db_session(), context.person())]}


@bp.get("/research/<int:research_id>")
def get_research(research_id: int):
    session = context.db_session()
    return research_detail(session, access.visible_research(session, context.person(), research_id))


@bp.post("/research/<int:research_id>/proposals/<int:number>/pool")
def pool_proposal(research_id: int, number: int):
    with context.unit_of_work() as uow:
        proposal = pool.put(uow.session, context.person_in(uow), research_id, number, context.now())
        result = proposal_dict(proposal)
        uow.commit()
    return result
