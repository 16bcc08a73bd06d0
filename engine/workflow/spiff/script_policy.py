"""What RestrictedPython lets BPMN code do, widened to the Python people write in scripts and
narrowed where its defaults serve no script.

Widened, each without giving back a way out of the task's data:
- `d['a'] += 1` (RestrictedPython refuses augmented assignment to items): rewritten to one call
  that reads and writes the item through the same guards as `d['a'] = d['a'] + 1`;
- `str.format` / `format_map` (refused because a field such as `{0.__class__}` reads attributes):
  a formatter whose fields go through the attribute guard, so `{0.year}` works and `{0.__class__}`
  or `{0.gi_frame}` is refused as it is in code;
- `type(x)`, only the type of a data value: a class's type is `type` itself, and `type(n, b, d)`
  would make a class whose namespace could name dunder methods;
- `hasattr`, through the attribute guard.

Narrowed, to a compile error naming the line instead of a failure when the step runs: class
definitions (of no use in a script, and the sandbox has no `__build_class__`) and imports (the
names a script may use are already there: docs/AUTHORING.md, Scripts).
"""

from __future__ import annotations

import _string
import ast
import operator
import string
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from RestrictedPython import RestrictingNodeTransformer
from RestrictedPython.Guards import full_write_guard, raise_, safer_getattr
from RestrictedPython.transformer import IOPERATOR_TO_STR

# `n += 1` is rewritten to `n = _inplacevar_("+=", n, 1)`; these are every operator it emits.
INPLACE = {
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


class ScriptPolicy(RestrictingNodeTransformer):
    def visit_ClassDef(self, node):
        self.error(node, "class definitions are not allowed in a script: use a dict, or a function")
        return node

    def visit_Import(self, node):
        self.error(node, "import is not allowed in a script: the names it may use are already there")
        return node

    visit_ImportFrom = visit_Import

    def visit_AugAssign(self, node):
        """`d[k] op= v` becomes `_inplaceitem_(op, d, k, v)`, each part evaluated once."""
        target = node.target
        if not isinstance(target, ast.Subscript) or isinstance(target.slice, ast.Slice):
            return super().visit_AugAssign(node)
        parts = [self.visit(target.value), self.visit(target.slice), self.visit(node.value)]
        operation = ast.Constant(IOPERATOR_TO_STR[type(node.op)])
        call = ast.Call(func=ast.Name("_inplaceitem_", ast.Load()), args=[operation, *parts], keywords=[])
        statement = ast.Expr(call)
        for new in (statement, call, call.func, operation):
            ast.copy_location(new, node)
        return statement


def inplace_var(op, x, y):
    return INPLACE[op](x, y)


def inplace_item(op, container, key, value) -> None:
    full_write_guard(container)[key] = INPLACE[op](operator.getitem(container, key), value)


class _GuardedFormatter(string.Formatter):
    def get_field(self, field_name, args, kwargs):
        first, rest = _string.formatter_field_name_split(field_name)
        value = self.get_value(first, args, kwargs)
        for is_attribute, key in rest:
            value = guarded_getattr(value, key, raise_) if is_attribute else operator.getitem(value, key)
        return value, first


_FORMATTER = _GuardedFormatter()


def _format_method(template, name: str):
    """`template.format` / `.format_map`, or with `template` the class str, the unbound ones."""
    if name == "format_map":
        if isinstance(template, str):
            return lambda mapping: _FORMATTER.vformat(template, (), mapping)
        return lambda text, mapping: _FORMATTER.vformat(text, (), mapping)
    if isinstance(template, str):
        return lambda *args, **kwargs: _FORMATTER.vformat(template, args, kwargs)
    return lambda text, *args, **kwargs: _FORMATTER.vformat(text, args, kwargs)


def guarded_getattr(obj, name, default=None):
    is_str = isinstance(obj, str) or (isinstance(obj, type) and issubclass(obj, str))
    if is_str and name in ("format", "format_map"):
        return _format_method(obj, name)
    return safer_getattr(obj, name, default)


def has_attribute(obj, name: str) -> bool:
    try:
        guarded_getattr(obj, name, raise_)
    except AttributeError:
        return False
    return True


# The values a script's data can hold; `type()` names only these.
DATA_TYPES = frozenset(
    {str, int, float, bool, type(None), list, dict, tuple, set, frozenset, bytes, range, complex}
    | {date, datetime, time, timedelta, Decimal}
)


def type_of(*args):
    if len(args) != 1:
        raise TypeError("type() takes one value in a script: it tells its type, it does not make classes")
    found = type(args[0])
    if found not in DATA_TYPES:
        raise TypeError(f"type() in a script tells the type of data values, not of a {found.__name__}")
    return found
