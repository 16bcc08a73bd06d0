"""What deploying says about scripts it can see will not end or will not fit: `while True` with no
`break`, a huge range, a huge sequence or number made from constants. Warnings, not refusals: the
limits of engine.workflow.spiff.script_runner stop such a script anyway, and a check this simple
cannot tell every bounded loop from an unbounded one. It only spares the office an incident."""

from __future__ import annotations

import ast
import math

from engine.workflow.spiff.parsing import ParsedProcess

HUGE_DIGITS = 7  # ten million items in a range or a repeated sequence
HUGE_NUMBER_DIGITS = 10_000

# Where SpiffWorkflow keeps the code of a task spec: a script task's, and pre- and post-scripts.
_SCRIPT_ATTRIBUTES = ("script", "prescript", "postscript")


def warnings(process: ParsedProcess) -> list[tuple[str, str]]:
    """(BPMN element id, what is wrong) for each script of the process that looks unbounded."""
    found = []
    for spec in [process.spec, *process.subprocess_specs.values()]:
        for task_spec in spec.task_specs.values():
            for attribute in _SCRIPT_ATTRIBUTES:
                source = getattr(task_spec, attribute, None)
                problem = isinstance(source, str) and unbounded(source)
                if problem:
                    found.append((task_spec.bpmn_id or task_spec.name, f"{attribute}: {problem}"))
    return found


def unbounded(source: str) -> str | None:
    """Why the script looks as if it would not end or not fit, or None."""
    try:
        tree = ast.parse(source.strip())
    except SyntaxError:
        return None  # compiling it reports that, when it runs
    for node in ast.walk(tree):
        problem = _endless(node) or _huge(node)
        if problem:
            return f"line {node.lineno}: {problem}"
    return None


def _endless(node: ast.AST) -> str | None:
    if not isinstance(node, ast.While) or not _always_true(node.test):
        return None
    return None if _breaks(node.body) else "a `while` loop whose condition is always true and that has no `break`"


def _always_true(test: ast.expr) -> bool:
    return isinstance(test, ast.Constant) and bool(test.value)


def _breaks(body: list[ast.stmt]) -> bool:
    """A `break` or `return` of this loop (one in a nested loop or function ends only that)."""
    pending = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Break, ast.Return)):
            return True
        if not isinstance(node, (ast.While, ast.For, ast.FunctionDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    return False


def _huge(node: ast.AST) -> str | None:
    if _is_call_of(node, "range") and any(_digits(arg) >= HUGE_DIGITS for arg in node.args):
        return "a range of more than ten million items"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        sequences = (ast.List, ast.Tuple, ast.Constant)
        for seq, count in ((node.left, node.right), (node.right, node.left)):
            if isinstance(seq, sequences) and not _is_number(seq) and _digits(count) >= HUGE_DIGITS:
                return "a sequence repeated more than ten million times"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _digits(node) > HUGE_NUMBER_DIGITS:
        return "a number too large to compute"
    return None


def _is_call_of(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def _digits(node: ast.AST) -> float:
    """How many digits a constant number expression has, estimated without computing it
    (`10**10**8` would take minutes); -inf for anything that is not such a constant."""
    if _is_number(node):
        return math.log10(abs(node.value)) if abs(node.value) > 1 else 0.0
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, (ast.Pow, ast.Mult)):
        return -math.inf
    left, right = _digits(node.left), _digits(node.right)
    if -math.inf in (left, right):
        return -math.inf
    if isinstance(node.op, ast.Mult):
        return left + right
    return math.inf if right > 300 else left * 10.0**right
