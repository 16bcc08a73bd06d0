"""Data flows web → service → engine → database: engine knows neither the web nor the
notifications, and those two do not know each other (docs/ARCHITECTURE.md, "Import rules")."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

FORBIDDEN = {
    "engine": ("webui", "notifications", "flask"),
    "notifications": ("webui",),
    "webui": ("notifications",),
}

PROBE = """
import json, sys
before = set(sys.modules)
import {package}
import pkgutil, importlib
for module in pkgutil.walk_packages({package}.__path__, "{package}."):
    importlib.import_module(module.name)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_it_may(package):
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", PROBE.format(package=package)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    wrong = [m for m in loaded if m.split(".")[0] in FORBIDDEN[package]]
    assert wrong == [], f"{package} imports {wrong}"


# Inside the engine, the core stands apart from the features: core needs nothing above it; the
# workflow runtime and the roster need only the core, each other and the reminder policy (a task's
# reminders are read at deploy). Features reach the workflow core; the core reaches the features
# only through engine.features, at call time. Nothing but the command line and tests loads the demo.
ENGINE_LAYERS = {
    "engine.core": ("engine.core",),
    "engine.workflow": ("engine.core", "engine.workflow", "engine.org", "engine.reminders.policy"),
    "engine.org": ("engine.core", "engine.org"),
    "engine.attachments": ("engine.core", "engine.attachments"),
}
ENTRY_POINTS = {"engine/core/migrations/env.py"}  # alembic's: it needs every table (engine.tables)
ROOT = Path(__file__).resolve().parents[2]


def module_imports(path: Path) -> set[str]:
    """The engine modules a file imports at module level (deferred imports are the exception)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("engine"):
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("engine")}
    return found


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("layer", sorted(ENGINE_LAYERS))
def test_engine_core_does_not_import_features(layer):
    folder = ROOT / layer.replace(".", "/")
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in folder.rglob("*.py")
        if str(path.relative_to(ROOT)) not in ENTRY_POINTS and "versions" not in path.parts
        for name in module_imports(path)
        if not within(name, ENGINE_LAYERS[layer])
    }
    assert wrong == set()


def test_only_the_command_line_loads_the_demo():
    wrong = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "engine").rglob("*.py")
        if "demo" not in path.parts and any(within(n, ("engine.demo",)) for n in module_imports(path))
    }
    assert wrong == set()
