"""The sandbox every BPMN expression and script runs in.

SpiffWorkflow's default environment is plain eval/exec, and its documented "restricted" setup
(safe builtins under plain exec) is escapable through dunder attributes (docs/SPIFFWORKFLOW.md §7). Here
the code itself is compiled by RestrictedPython, so `_`-names and dunder attributes are refused
at compile time and every attribute/item/iteration goes through the guards below (and
engine.workflow.spiff.script_policy's). What scripts find by name: engine.workflow.spiff.script_names.
"""

from __future__ import annotations

import operator
import re
import textwrap
from functools import lru_cache
from types import ModuleType

from RestrictedPython import (
    PrintCollector,
    compile_restricted_eval,
    compile_restricted_exec,
    safe_builtins,
)
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
)
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from engine.workflow.spiff import script_policy
from engine.workflow.spiff.script_names import HELPERS
from engine.workflow.spiff.script_values import as_task_data


class ScriptError(ValueError):
    """Refused or unparsable BPMN code. Not a SyntaxError: SpiffWorkflow's error reporter
    compares `err.lineno > 0` and crashes on a SyntaxError whose lineno is None. `line`: the
    code's own line with the first problem, for deploying to name the file's line."""

    def __init__(self, problem: str, source: str, line: int | None):
        self.problem, self.line = problem, line
        super().__init__(f"{problem} in: {source!r}")


_LINE = re.compile(r"^Line (\d+): ")  # how RestrictedPython starts each of its errors


# The exceptions outside `Exception` go: they would slip past SpiffWorkflow's `except Exception`
# and could stop the worker (`raise SystemExit`). So does `__build_class__` (classes are refused).
_DROPPED = {"__build_class__", "BaseException", "SystemExit", "KeyboardInterrupt", "GeneratorExit"}
_BUILTINS = {k: v for k, v in safe_builtins.items() if k not in _DROPPED}
_BUILTINS.update(
    {
        f.__name__: f
        for f in (
            len,
            min,
            max,
            sorted,
            sum,
            any,
            all,
            enumerate,
            zip,
            map,
            filter,
            reversed,
            range,
            dict,
            list,
            set,
            frozenset,
            str,
            int,
            float,
            bool,
            round,
            abs,
            isinstance,
        )
    }
)
_BUILTINS.update({"type": script_policy.type_of, "hasattr": script_policy.has_attribute})
# Every name code finds ready: task data of the same name would hide it, or stop scripts running.
READY_NAMES = frozenset(_BUILTINS) | frozenset(HELPERS)


def _apply(f, *args, **kwargs):  # calls using *args/**kwargs are rewritten to go through this
    return f(*args, **kwargs)


# Names the restricted compiler rewrites code into. They sit after task data in every namespace
# so a data key like `_getattr_` can never replace a guard. full_write_guard passes plain
# dicts/lists through (so `d['a'] = 1` works) and refuses attribute writes on anything else.
_SANDBOX = {
    "__builtins__": _BUILTINS,
    "_getattr_": script_policy.guarded_getattr,
    "_getitem_": operator.getitem,
    "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": script_policy.inplace_var,
    "_inplaceitem_": script_policy.inplace_item,
    "_apply_": _apply,
    # print() output is collected and dropped; the collector is callable, so it is cleaned up.
    "_print_": PrintCollector,
}


@lru_cache(maxsize=2048)
def compile_code(source: str, mode: str):  # -> code object
    """Restricted-compile `source` ("eval" or "exec"), cached: the same conditions and timer
    expressions are evaluated over and over, and compiling costs ~15x the evaluation."""
    # XML indentation leaks into expressions and scripts; plain eval/exec would choke on it too.
    text = source.strip() if mode == "eval" else textwrap.dedent(source)
    compiler = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    try:
        result = compiler(text, policy=script_policy.ScriptPolicy)
    except SyntaxError as err:  # raised by compile() after the AST checks, e.g. a bare `return`
        raise ScriptError(f"{err.msg} (line {err.lineno})", source, err.lineno) from None
    if result.errors:
        first = _LINE.match(result.errors[0])
        raise ScriptError("; ".join(result.errors), source, int(first.group(1)) if first else None)
    return result.code


class RestrictedEnvironment(TaskDataEnvironment):
    """TaskDataEnvironment's data semantics (it owns the overwrite check and the cleanup), with
    the code compiled by RestrictedPython."""

    def __init__(self, helpers: dict | None = None):
        super().__init__({**(helpers or {}), **_SANDBOX})

    def evaluate(self, expression, context, external_context=None):
        code = compile_code(expression, "eval")
        return eval(code, {**self.globals, **(external_context or {}), **context, **_SANDBOX})

    def execute(self, script, context, external_context=None):
        code = compile_code(script, "exec")
        self.check_for_overwrite(context, external_context or {})
        context.update({**self.globals, **(external_context or {}), **_SANDBOX})
        try:
            exec(code, context)
        finally:
            self._remove_globals_and_functions_from_context(context, external_context)
        context.update(as_task_data(context))
        return True

    def _remove_globals_and_functions_from_context(self, context, external_context=None):
        # The parent drops callables, helpers and __builtins__ but not modules.
        super()._remove_globals_and_functions_from_context(context, external_context)
        for key in [k for k, v in context.items() if isinstance(v, ModuleType)]:
            del context[key]


def make_script_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=RestrictedEnvironment(HELPERS))
