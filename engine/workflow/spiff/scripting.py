"""The sandbox every BPMN expression and script runs in.

SpiffWorkflow's default environment is plain eval/exec, and its documented "restricted" setup
(safe builtins under plain exec) is escapable through dunder attributes (docs/SPIFFWORKFLOW.md §7). Here
the code itself is compiled by RestrictedPython, so `_`-names and dunder attributes are refused
at compile time and every attribute/item/iteration goes through the guards below.
"""

from __future__ import annotations

import operator
import textwrap
from datetime import date, timedelta
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
    safer_getattr,
)
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from engine.core.clock import iso, parse_instant
from engine.workflow.spiff.timeshift import current_now


class ScriptError(ValueError):
    """Refused or unparsable BPMN code. Not a SyntaxError: SpiffWorkflow's error reporter
    compares `err.lineno > 0` and crashes on a SyntaxError whose lineno is None."""


# Class definitions are of no use in BPMN scripts, so `__build_class__` goes; so do the
# exceptions outside `Exception`, which would slip past SpiffWorkflow's `except Exception` and
# could stop the worker (`raise SystemExit`).
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
            range,
            dict,
            list,
            set,
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

# `n += 1` is rewritten to `n = _inplacevar_("+=", n, 1)`; these are every operator it emits.
_INPLACE = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "//=": operator.ifloordiv,
    "%=": operator.imod,
    "**=": operator.ipow,
    "<<=": operator.ilshift,
    ">>=": operator.irshift,
    "|=": operator.ior,
    "^=": operator.ixor,
    "&=": operator.iand,
    "@=": operator.imatmul,
}


def _inplacevar(op, x, y):
    return _INPLACE[op](x, y)


def _apply(f, *args, **kwargs):  # calls using *args/**kwargs are rewritten to go through this
    return f(*args, **kwargs)


# Names the restricted compiler rewrites code into. They sit after task data in every namespace
# so a data key like `_getattr_` can never replace a guard. full_write_guard passes plain
# dicts/lists through (so `d['a'] = 1` works) and refuses attribute writes on anything else.
_SANDBOX = {
    "__builtins__": _BUILTINS,
    "_getattr_": safer_getattr,
    "_getitem_": operator.getitem,
    "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": _inplacevar,
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
        result = compiler(text)
    except SyntaxError as err:  # raised by compile() after the AST checks, e.g. a bare `return`
        raise ScriptError(f"{err.msg} (line {err.lineno}) in: {source!r}") from None
    if result.errors:
        raise ScriptError(f"{'; '.join(result.errors)} in: {source!r}")
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
        return True

    def _remove_globals_and_functions_from_context(self, context, external_context=None):
        # The parent drops callables, helpers and __builtins__ but not modules.
        super()._remove_globals_and_functions_from_context(context, external_context)
        for key in [k for k, v in context.items() if isinstance(v, ModuleType)]:
            del context[key]


def now_iso() -> str:
    return iso(current_now())


def add_days(value: str, n: int) -> str:
    """Calendar days later; a YYYY-MM-DD date stays a date, a datetime keeps its time."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"add_days needs a whole number of days, not {n!r}")
    text = value.strip()
    if len(text) == 10:
        return (date.fromisoformat(text) + timedelta(days=n)).isoformat()
    return iso(parse_instant(text) + timedelta(days=n))


def date_of(value: str) -> str:
    return parse_instant(value).date().isoformat()


HELPERS = {"now_iso": now_iso, "add_days": add_days, "date_of": date_of}


def make_script_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=RestrictedEnvironment(HELPERS))
