"""What each step of a joint document leaves on record (the keys workflows/joint_document.bpmn
names in `record`). Co-signing and issuing are a request's (engine.documents.request_records):
the same co-signature against the draft in hand, the same check and number at the issue."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from engine.core.errors import InvalidData
from engine.documents import joint, request_records, requests
from engine.documents.models import OutgoingDocument

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def drafted(session: Session, c: Completion) -> None:
    """A draft, first or again: the units it names co-sign it afresh, by the day it sets."""
    issuing, cosigning = c.values["issuing_unit"], c.values["cosigning_units"]
    errors = joint.drafting_errors(issuing, cosigning, c.data.get("started_by_unit") or None)
    if errors:
        raise InvalidData(errors)
    document = requests.of_instance(session, c.instance.id) or _new(session, c)
    document.issuing_unit, document.signatories = next(iter(issuing)), list(cosigning)
    document.cosign_due = date.fromisoformat(c.values["cosign_due"])
    request_records.redraft(document, c, c.values["main_to"])


def _new(session: Session, c: Completion) -> OutgoingDocument:
    document = OutgoingDocument(
        body_id=c.instance.body_id, instance_id=c.instance.id, kind=joint.KIND, version=0, differing_views=""
    )
    session.add(document)
    return document


def weighed(session: Session, c: Completion) -> None:
    """The office on a dissent: revise (the units co-sign the new draft), or keep the comments on
    record with its note and send the draft to the issuing unit."""
    document = requests.of_instance(session, c.instance.id)
    if c.values["outcome"] == "revise":
        document.status = "drafting"
        return
    document.differing_views, document.mediated_by = c.values["handling_note"], c.by
    document.status = "signing"


RECORDERS = {
    "joint_drafted": drafted,
    "joint_cosigned": request_records.cosigned,
    "joint_weighed": weighed,
    "joint_signed": request_records.signed,
}
