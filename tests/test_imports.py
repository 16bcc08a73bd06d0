"""Data flows web → service → engine → database: engine knows neither the web nor the
notifications, and those two do not know each other (as click's tests/test_imports.py checks)."""

from __future__ import annotations

import json
import subprocess
import sys

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
