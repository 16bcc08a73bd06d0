from datetime import datetime

import pytest
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

from engine.core.clock import SHANGHAI
from engine.workflow.spiff.script_names import HELPERS, add_days, date_of, now_iso
from engine.workflow.spiff.scripting import RestrictedEnvironment, ScriptError, compile_code, make_script_engine
from engine.workflow.spiff.timeshift import engine_time

AT = datetime(2025, 12, 1, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def env():
    return RestrictedEnvironment(HELPERS)


def test_conditions_evaluate(env):
    data = {"decision": "approve", "votes": [1, 1, 0], "meta": {"n": 3}}
    assert env.evaluate("decision == 'approve' and sum(votes) >= 2", data) is True
    assert env.evaluate("meta['n'] > len(votes)", data) is False
    assert env.evaluate("\n    decision != 'reject'\n  ", data) is True  # XML indentation
    assert env.evaluate("[k for k, v in meta.items() if v]", data) == ["n"]
    assert data == {"decision": "approve", "votes": [1, 1, 0], "meta": {"n": 3}}


def test_scripts_create_and_mutate_variables(env):
    data = {"count": 1, "names": ["a"], "title": "x"}
    env.execute(
        "receipts = {}\n"
        "receipts['wjj'] = {'ok': True}\n"
        "names.append('b')\n"
        "count += 2\n"
        "title += 'y'\n"
        "names += ['c']\n"
        "a, (b, c) = 1, [2, 3]\n"
        "total = sum(x for x in [a, b, c])\n"
        "def helper(v):\n"
        "    return v * 2\n"
        "doubled = helper(total)\n"
        "print('ignored')\n",
        data,
    )
    assert data == {
        "count": 3,
        "names": ["a", "b", "c"],
        "title": "xy",
        "receipts": {"wjj": {"ok": True}},
        "a": 1,
        "b": 2,
        "c": 3,
        "total": 6,
        "doubled": 12,
    }


ORDINARY = """
due = datetime.now() + timedelta(days=2, hours=1)
day = date.today()
span = timedelta(days=1, minutes=30)
label = '{0}/{1:>3}/{2.year}'.format('a', 7, day) + str.format_map('-{k}', {'k': 1})
tally = {'n': 0}
for code in units:
    tally['n'] += units[code]
big = sorted(filter(lambda c: units[c] > 1, map(str, units)))
back = list(reversed([1, 2]))
tags = frozenset(['b', 'a'])
total = Decimal('0.10') + Decimal('0.20')
root = math.sqrt(16)
text = json.dumps({'k': [1]})
ok = hasattr(day, 'year') and not hasattr(day, '__class__') and type(root) is float and isinstance(day, date)
"""


def test_scripts_as_people_write_them(env):
    data = {"units": {"wjj": 3, "jyj": 1}}
    with engine_time(AT):
        env.execute(ORDINARY, data)
    assert data == {
        "units": {"wjj": 3, "jyj": 1},
        # Dates, durations and amounts are kept as the text lianxi keeps them as everywhere.
        "due": "2025-12-03T10:00:00+08:00",
        "day": "2025-12-01",
        "span": "P1DT30M",
        "label": "a/  7/2025-1",
        "tally": {"n": 4},
        "code": "jyj",
        "big": ["wjj"],
        "back": [2, 1],
        "tags": ["a", "b"],
        "total": "0.30",
        "root": 4.0,
        "text": '{"k": [1]}',
        "ok": True,
    }


def test_callables_and_sandbox_names_do_not_leak(env):
    data = {}
    env.execute("x = now_iso\nf = len\ny = 1", data, {"extra": lambda: 1})
    assert data == {"y": 1}


def test_helpers():
    with engine_time(AT):
        assert now_iso() == "2025-12-01T09:00:00+08:00"
    assert add_days("2025-11-29T17:30:00+08:00", 3) == "2025-12-02T17:30:00+08:00"
    assert add_days("2025-12-31", 1) == "2026-01-01"
    assert add_days("2025-03-01", -1) == "2025-02-28"
    assert add_days("2025-11-30T20:00:00Z", 1) == "2025-12-02T04:00:00+08:00"
    assert date_of("2025-11-30T20:00:00+00:00") == "2025-12-01"
    assert date_of("2025-12-01") == "2025-12-01"
    with pytest.raises(TypeError):
        add_days("2025-12-01", 1.5)


def test_helpers_inside_scripts(env):
    data = {"meeting_at": "2025-11-28T14:00:00+08:00"}
    with engine_time(AT):
        env.execute("due = add_days(meeting_at, 5)\nday = date_of(due)\nat = now_iso()", data)
    assert data["due"] == "2025-12-03T14:00:00+08:00"
    assert data["day"] == "2025-12-03"
    assert data["at"] == "2025-12-01T09:00:00+08:00"


@pytest.mark.parametrize(
    "code",
    [
        "().__class__.__base__.__subclasses__()",
        "__import__('os')",
        "x.__dict__",
        "getattr(x, '__dict__')",
        "[c for c in ().__class__.__mro__]",
    ],
)
def test_escapes_are_refused_at_compile_time_or_run_time(env, code):
    with pytest.raises((ScriptError, AttributeError, NameError)):
        env.evaluate(code, {"x": {"a": 1}})
    with pytest.raises((ScriptError, AttributeError, NameError)):
        env.execute(f"y = {code}", {"x": {"a": 1}})


def test_dunder_escape_is_a_compile_error(env):
    with pytest.raises(ScriptError, match="__class__"):
        env.evaluate("().__class__.__base__.__subclasses__()", {})
    with pytest.raises(ScriptError, match="__import__"):
        env.execute("os = __import__('os')", {})


@pytest.mark.parametrize("code", ["open('/etc/passwd').read()", "eval('1')", "globals()", "getattr(1, 'real')"])
def test_dangerous_builtins_are_missing(env, code):
    # eval/exec/compile calls are refused by the compiler; the rest are simply not builtins
    with pytest.raises((NameError, ScriptError)):
        env.evaluate(code, {})


@pytest.mark.parametrize("exc", ["SystemExit", "KeyboardInterrupt", "BaseException"])
def test_scripts_cannot_raise_past_spiffs_exception_handler(env, exc):
    with pytest.raises(NameError, match=exc):
        env.execute(f"raise {exc}", {})


def test_open_is_not_a_builtin(env):
    with pytest.raises(NameError, match="open"):
        env.execute("text = open('/etc/passwd').read()", {})


@pytest.mark.parametrize("code", ["import os", "from datetime import datetime"])
def test_imports_are_refused_at_compile_time(env, code):
    with pytest.raises(ScriptError, match="Line 1: import is not allowed"):
        env.execute(code, {})


def test_attribute_writes_are_refused(env):
    with pytest.raises(ScriptError, match="_x"):
        env.execute("d = {}\nd._x = 1", {})
    with pytest.raises(TypeError, match="attribute-less"):
        env.execute("json.indent = 4", {})


@pytest.mark.parametrize(
    "code",
    [
        "'{0.__class__}'.format(1)",
        "str.format('{0.__class__.__base__}', 1)",
        "'{x.__class__}'.format_map({'x': 1})",
        "'{0.gi_frame}'.format(x for x in [])",
        "'{0:{1.__class__}}'.format(1, 2)",
    ],
)
def test_str_format_fields_cannot_reach_dunder_or_frame_attributes(env, code):
    with pytest.raises(AttributeError):
        env.evaluate(code, {})


@pytest.mark.parametrize(
    "code",
    ["type(int)", "type(len)", "type(datetime)", "type('Escape', (), {})", "type(1)('7').__class__"],
)
def test_type_tells_only_the_type_of_data(env, code):
    assert env.evaluate("type(7)('8') + 1 == 9 and type(now) == str", {"now": "x"}) is True
    with pytest.raises((TypeError, ScriptError)):
        env.evaluate(code, {})


@pytest.mark.parametrize("code", ["x = = 1", "return 1", "d[1:2] += [1]", "class Foo:\n    pass"])
def test_compile_errors_are_script_errors_with_the_source(env, code):
    with pytest.raises(ScriptError) as info:
        env.execute(code, {"d": {"a": 1}})
    assert not isinstance(info.value, SyntaxError)
    assert repr(code) in str(info.value)


def test_syntax_error_is_reported_through_spiff_without_lineno_crash():
    engine = make_script_engine()
    task = _run_workflow(_bpmn("x = = 1", "True"), {})
    with pytest.raises(WorkflowTaskException, match="ScriptError"):
        engine.execute(task, "x = = 1")


def test_shadowing_a_helper_is_refused(env):
    with pytest.raises(ValueError, match="add_days"):
        env.execute("y = 1", {"add_days": "oops"})


def test_data_cannot_replace_a_guard(env):
    assert env.evaluate("d['k']", {"d": {"k": 1}, "_getitem_": "hijack"}) == 1


def test_compiled_code_is_cached(env):
    compile_code.cache_clear()
    expr = "amount > 100 and region == 'east'"
    for _ in range(3):
        assert env.evaluate(expr, {"amount": 150, "region": "east"}) is True
    env.execute("z = 1", {})
    env.execute("z = 1", {})
    info = compile_code.cache_info()
    assert (info.misses, info.hits) == (2, 3)


def _bpmn(script: str, condition: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="compute" scriptFormat="python">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="gw" default="f_late">
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f_ok</bpmn:outgoing><bpmn:outgoing>f_late</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="compute"/>
    <bpmn:sequenceFlow id="f2" sourceRef="compute" targetRef="gw"/>
    <bpmn:sequenceFlow id="f_ok" sourceRef="gw" targetRef="on_time">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">
        {condition}
      </bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_late" sourceRef="gw" targetRef="late"/>
    <bpmn:endEvent id="on_time"><bpmn:incoming>f_ok</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="late"><bpmn:incoming>f_late</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>""".encode()


def _run_workflow(xml: bytes, initial: dict):
    parser = SpiffBpmnParser()
    parser.add_bpmn_str(xml)
    wf = BpmnWorkflow(parser.get_spec("p"), script_engine=make_script_engine())
    wf.task_tree.data.update(initial)
    return wf.get_next_task(spec_name="compute")


SCRIPT = """
receipts = {}
for unit in units:
    receipts[unit] = now_iso()
due = add_days(now_iso(), 3)
late_units = []
late_units.append('wjj')
n = len(receipts)
n += 1
"""


@pytest.mark.parametrize(("deadline", "end"), [("2025-12-05", "on_time"), ("2025-12-03", "late")])
def test_real_bpmn_script_task_and_gateway(deadline, end):
    xml = _bpmn(SCRIPT, "date_of(due) &lt;= deadline and n == 3")
    with engine_time(AT):
        task = _run_workflow(xml, {"units": ["wjj", "jyj"], "deadline": deadline})
        wf = task.workflow
        wf.do_engine_steps()
    assert wf.is_completed()
    [last] = [t for t in wf.get_tasks(state=TaskState.COMPLETED) if t.task_spec.name in ("on_time", "late")]
    assert last.task_spec.name == end
    assert last.data["receipts"] == {
        "wjj": "2025-12-01T09:00:00+08:00",
        "jyj": "2025-12-01T09:00:00+08:00",
    }
    assert last.data["due"] == "2025-12-04T09:00:00+08:00"
    assert last.data["late_units"] == ["wjj"]
    assert not any(callable(v) for v in last.data.values())
    assert set(last.data) == {"units", "deadline", "receipts", "due", "late_units", "n", "unit"}


def test_real_bpmn_refuses_escape_in_script():
    xml = _bpmn("x = ().__class__.__base__.__subclasses__()", "True")
    with engine_time(AT):
        task = _run_workflow(xml, {})
        with pytest.raises(WorkflowTaskException, match="__class__"):
            task.workflow.do_engine_steps()
