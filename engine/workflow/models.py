"""Deployed process definitions, running instances and the inbox rows they open."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant, JsonDoc, NullableJsonDoc


class WorkflowSpec(Base):
    """One deployed version of a process: its BPMN sources and forms, content-hashed."""

    __tablename__ = "workflow_spec"
    __table_args__ = (
        UniqueConstraint("process_id", "version"),
        UniqueConstraint("process_id", "content_hash", name="process_content"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="", server_default="")  # the BPMN `title_en`
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    # {file name: BPMN XML}; deferred because it is only read when the spec cache misses.
    sources: Mapped[dict] = mapped_column(JsonDoc, deferred=True)
    forms: Mapped[dict] = mapped_column(JsonDoc)  # {formKey: form definition}
    deployed_at: Mapped[datetime] = mapped_column(Instant)
    deployed_by: Mapped[str] = mapped_column(String(80))


class ProcessInstance(Base):
    __tablename__ = "process_instance"
    __table_args__ = (
        Index("ix_instance_timer", "status", "next_timer_at"),
        # Who a message or signal may reach: only the instances waiting for one (migration 0031).
        Index(
            "ix_instance_waiting",
            "body_id",
            sqlite_where=text("waiting_for IS NOT NULL"),
            postgresql_where=text("waiting_for IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("workflow_spec.id"))
    process_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    # SpiffWorkflow's serialization, spec by reference: deferred, because pages that show an
    # instance's title must not drag its whole saved workflow along.
    state: Mapped[str] = mapped_column(Text, deferred=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|completed|cancelled
    next_timer_at: Mapped[datetime | None] = mapped_column(Instant)
    started_by: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(Instant)
    updated_at: Mapped[datetime] = mapped_column(Instant)
    completed_at: Mapped[datetime | None] = mapped_column(Instant)
    # Who ended it before its end, when and why (engine.workflow.control.cancel).
    cancelled_at: Mapped[datetime | None] = mapped_column(Instant)
    cancelled_by: Mapped[str | None] = mapped_column(String(80))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # The messages and signals it waits for, with their correlation keys, written at every save
    # (engine.workflow.spiff.events.waiting_for), so that a sender finds the instances without
    # loading any workflow; None when it waits for none.
    waiting_for: Mapped[list | None] = mapped_column(NullableJsonDoc)
    serializer_version: Mapped[str] = mapped_column(String(20))

    spec: Mapped[WorkflowSpec] = relationship()

    # Compare-and-swap on every save, underneath the row lock: a save that lost a race fails
    # loudly (StaleDataError) instead of overwriting someone's completion.
    __mapper_args__ = {"version_id_col": version}


class HumanTask(Base):
    """The inbox: one row per user task an instance has opened. Reading the inbox never
    deserializes a workflow; the row carries everything the list and the task page show."""

    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_inbox", "body_id", "status", "assignee_kind", "assignee"),
        Index("ix_task_instance", "instance_id", "status"),
        # What reminder planning and deadline closing read each pass, and nothing else: the open
        # tasks with a deadline, and those that close at it (migration 0028).
        Index(
            "ix_task_reminders",
            "status",
            "next_reminder_at",
            "id",
            sqlite_where=text("due_at IS NOT NULL"),
            postgresql_where=text("due_at IS NOT NULL"),
        ),
        Index(
            "ix_task_closes_at_due",
            "status",
            "due_at",
            sqlite_where=text("close_values IS NOT NULL"),
            postgresql_where=text("close_values IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # SpiffWorkflow's task UUID
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    process_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))  # the BPMN element id
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    lane: Mapped[str | None] = mapped_column(String(100))
    assignee_kind: Mapped[str] = mapped_column(String(10))  # role | unit | person
    assignee: Mapped[str] = mapped_column(String(80))
    form_key: Mapped[str | None] = mapped_column(String(100))
    shown: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    due_at: Mapped[datetime | None] = mapped_column(Instant)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|completed|cancelled
    created_at: Mapped[datetime] = mapped_column(Instant)
    closed_at: Mapped[datetime | None] = mapped_column(Instant)
    completed_by: Mapped[str | None] = mapped_column(String(80))
    on_behalf_reason: Mapped[str | None] = mapped_column(Text)
    # When someone it is addressed to first opened it: the "opened" of the office's matrix.
    first_opened_at: Mapped[datetime | None] = mapped_column(Instant)
    first_opened_by: Mapped[str | None] = mapped_column(String(80))
    record: Mapped[str | None] = mapped_column(String(60))  # the BPMN `record` property
    close_values: Mapped[dict | None] = mapped_column(NullableJsonDoc)  # the BPMN `close_at_due` property
    # False for the unit's own consent (BPMN `proxy` = no): no 代办, no reassignment.
    proxy_allowed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    reminder_policy: Mapped[str] = mapped_column(
        String(200), default="", server_default=""
    )  # the BPMN `reminders` property
    # When the planner should next look at this task; the planner only reads tasks that are due.
    next_reminder_at: Mapped[datetime | None] = mapped_column(Instant)

    instance: Mapped[ProcessInstance] = relationship()


class Incident(Base):
    """A step of an instance that failed when the engine ran it (a script that raised, ran out
    of time or memory), as Camunda Cockpit's incidents: the step stays failed and the rest of
    the instance waits until an administrator retries or skips it (engine.workflow.incidents)."""

    __tablename__ = "incident"
    __table_args__ = (Index("ix_incident_open", "body_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(36))  # SpiffWorkflow's task UUID
    task_name: Mapped[str] = mapped_column(String(100))  # the BPMN element id
    task_title: Mapped[str] = mapped_column(String(300))
    task_title_en: Mapped[str] = mapped_column(String(300), default="")  # the BPMN `title_en`
    spec_version: Mapped[int] = mapped_column(Integer)  # the version it failed on
    kind: Mapped[str] = mapped_column(String(20))  # error | timeout | memory
    detail: Mapped[str] = mapped_column(Text)  # the technical message, for the IT staff
    created_at: Mapped[datetime] = mapped_column(Instant)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|retried|skipped|cancelled (its instance)
    resolved_at: Mapped[datetime | None] = mapped_column(Instant)
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(Text)  # why it was skipped

    instance: Mapped[ProcessInstance] = relationship()
