"""The script engine the workflows run with: the RestrictedPython sandbox of
engine.workflow.spiff.scripting, with the code run in a helper process under a CPU and a memory
limit (engine.workflow.spiff.script_runner).

Scripts (script tasks, pre- and post-scripts) always go to the helper. Expressions go there too,
unless they are made only of names, constants, subscripts, comparisons and additions: then their
cost is bounded by their own text and the data they name, nothing in them can loop or multiply
memory, and they run in-process — they are by far the most frequent (every gateway, every
assignee and deadline) and a round trip costs about 50× the evaluation.
"""

from __future__ import annotations

import ast
import types
from functools import lru_cache

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.workflow.services.base import ServiceFailure
from engine.workflow.services.calling import call
from engine.workflow.spiff import script_calendar
from engine.workflow.spiff.script_names import HELPERS
from engine.workflow.spiff.script_runner import ScriptRunner
from engine.workflow.spiff.scripting import RestrictedEnvironment, ScriptError, compile_code
from engine.workflow.spiff.timeshift import current_now

# Nodes whose evaluation cannot loop or allocate much beyond the data they name: no calls, no
# comprehensions, no `*` / `**` / `%` / `<<` (`'a' * 10**9`), no f-strings (`f'{x:>999999999}'`).
_BOUNDED_NODES = (
    ast.Expression,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Subscript,
    ast.Slice,
    ast.Attribute,
    ast.Compare,
    ast.BoolOp,
    ast.UnaryOp,
    ast.IfExp,
    ast.Tuple,
    ast.List,
    ast.Dict,
    ast.Set,
    ast.cmpop,
    ast.boolop,
    ast.unaryop,
    ast.Add,
    ast.Sub,
)


@lru_cache(maxsize=2048)
def runs_in_process(expression: str) -> bool:
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        return False
    return all(isinstance(node, _BOUNDED_NODES) and not _is_big_op(node) for node in ast.walk(tree))


def _is_big_op(node: ast.AST) -> bool:
    return isinstance(node, ast.BinOp) and not isinstance(node.op, (ast.Add, ast.Sub))


@lru_cache(maxsize=2048)
def named(expression: str) -> frozenset[str]:
    """The global names an expression reads, comprehensions included: all of the task data it
    can see, so only those travel to the helper."""
    found, codes = set(), [compile_code(expression, "eval")]
    while codes:
        code = codes.pop()
        found.update(code.co_names)
        codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return frozenset(found)


def _now():
    try:
        return current_now()
    except RuntimeError:  # outside an engine command (a test calling the engine directly)
        return None


class BoundedEnvironment(RestrictedEnvironment):
    def __init__(self, runner: ScriptRunner):
        super().__init__(HELPERS)
        self.runner = runner

    def evaluate(self, expression, context, external_context=None):
        if runs_in_process(expression):
            return super().evaluate(expression, context, external_context)
        names = named(expression)  # compiles it: refused code fails here, without a round trip
        seen = {**(external_context or {}), **context}
        now = _now()
        context = {k: v for k, v in seen.items() if k in names}
        return self.runner.run("eval", expression, context, now, script_calendar.handed_over(expression, now))

    def execute(self, script, context, external_context=None):
        compile_code(script, "exec")
        if external_context:  # SpiffWorkflow passes none to scripts; functions would not travel
            raise ValueError("scripts run without an external context")
        now = _now()
        changed = self.runner.run("exec", script, context, now, script_calendar.handed_over(script, now))
        # Task data is changed in place: SpiffWorkflow holds on to this very dict.
        context.clear()
        context.update(changed)
        return True


class BoundedScriptEngine(PythonScriptEngine):
    """Its errors name the task they happened in (and a script's, its line): a failure in the
    task a person completes is refused with this message alone, without the task around it."""

    def evaluate(self, task, expression, external_context=None):
        try:
            return super().evaluate(task, expression, external_context)
        except SpiffWorkflowException as exc:
            exc.add_note(f"in {_named_task(task)}")
            raise

    def create_task_exec_exception(self, task, script, err):
        exc = super().create_task_exec_exception(task, script, err)
        line = f", script line {exc.line_number}" if exc.line_number else ""
        exc.add_note(f"in {_named_task(task)}{line}")
        return exc

    def call_service(self, task, operation_name, operation_params):
        """A service task's step: lianxi's operator of that name (engine.workflow.services). What
        the operator cannot do fails the step with one line; SpiffWorkflow's own handling of a
        failure breaks (it names a variable it never set) and leaves a traceback instead."""
        try:
            return call(operation_name, operation_params)
        except ServiceFailure as err:
            exc = WorkflowTaskException(f"{operation_name}: {err}", task=task, exception=err)
            exc.add_note(f"in {_named_task(task)}")
            raise exc from None

    def get_error_line_number_and_content(self, script, err):
        """The helper sends the line with the error, and a refused script's compiler names it;
        the traceback here reaches neither."""
        line = getattr(err, "script_line", 0) or (err.line if isinstance(err, ScriptError) else 0)
        if not line:
            return super().get_error_line_number_and_content(script, err)
        lines = script.splitlines()
        return line, lines[line - 1] if line <= len(lines) else ""


def _named_task(task) -> str:
    spec = task.task_spec
    name = f" ({spec.bpmn_name})" if spec.bpmn_name else ""
    return f"task {spec.bpmn_id or spec.name}{name}"


def make_bounded_engine(runner: ScriptRunner | None = None) -> BoundedScriptEngine:
    return BoundedScriptEngine(environment=BoundedEnvironment(runner or ScriptRunner()))
