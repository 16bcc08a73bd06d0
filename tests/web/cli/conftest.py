"""Running `lianxi` in-process over the test app, and small BPMN files to deploy."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from webui import create_app
from webui.cli.main import cli

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  id="Definitions_{pid}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="{pid}" name="核对流程" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="Lane_main" name="{lane}">
        <bpmn:flowNodeRef>start</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>check_{pid}</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>end</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="check_{pid}" name="核对">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="formKey" value="{form}" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    {extra}
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check_{pid}" />
    <bpmn:sequenceFlow id="f2" sourceRef="check_{pid}" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""
FORM = {"fields": [{"name": "ok", "type": "boolean", "required": True}]}


@pytest.fixture
def runner_for(monkeypatch):
    """runner_for(app)("task", "list", "--json") → click's Result, through the `lianxi` group
    itself over that app."""
    # The group reads .env files and flags FLASK_RUN_FROM_CLI: keep both out of this process.
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")

    def runner(app):
        invoker = app.test_cli_runner()
        return lambda *args, input=None: invoker.invoke(cli, [str(a) for a in args], input=input)

    return runner


@pytest.fixture
def run(app, runner_for):
    return runner_for(app)


@pytest.fixture
def simulated_app(settings):
    """An app whose clock is the database's simulated time, as under LIANXI_CLOCK=simulated."""
    app = create_app(dataclasses.replace(settings, clock="simulated"))
    yield app
    app.extensions["lianxi"].db.dispose()


@pytest.fixture
def run_simulated(simulated_app, runner_for):
    return runner_for(simulated_app)


@pytest.fixture
def bpmn(tmp_path):
    """bpmn("name", pid=..., lane=..., form=..., extra=...) writes NAME.bpmn and its form.
    The user task's id is unique per process: the engine finds a task's file by its id."""

    def write(name: str, pid: str = "check_process", lane: str = "office", **kw) -> Path:
        folder = tmp_path / "bpmn"
        (folder / "forms").mkdir(parents=True, exist_ok=True)
        form = kw.get("form", "check_form")
        (folder / "forms" / "check_form.json").write_text(json.dumps(FORM))
        path = folder / f"{name}.bpmn"
        path.write_text(BPMN.format(pid=pid, lane=lane, form=form, extra=kw.get("extra", "")))
        return path

    return write
