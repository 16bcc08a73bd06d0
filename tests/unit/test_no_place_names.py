"""No district, city, province or government is named in the code, the pages, the processes or
the notifications: every body reads its own from its profile (docs/SOURCES.md). Only the demo's
data (engine/demo/) names its places."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEARCHED = ("engine", "webui", "workflows", "notifications")
EXEMPT = ("engine/demo/",)
PLACES = re.compile("七星|桂林|临桂|人民政府|区卫生|市卫生|Qixing|Guilin|河南|甘肃|广西|Henan|Gansu|Guangxi")
BINARY = (".mo",)


def searched_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *SEARCHED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    # Files not yet committed count too; one deleted but not yet committed does not.
    return [f for f in listed if not f.startswith(EXEMPT) and not f.endswith(BINARY) and (ROOT / f).is_file()]


def hits(path: str) -> list[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return [f"{path}:{n}: {line.strip()[:120]}" for n, line in enumerate(text.splitlines(), 1) if PLACES.search(line)]


def test_no_place_is_named_outside_the_demo():
    files = searched_files()
    assert len(files) > 200, f"only {len(files)} files searched: is this a git checkout?"
    assert {"webui/meetings/timeline.py", "workflows/full_meeting.bpmn"} <= set(files)
    found = [hit for path in files for hit in hits(path)]
    assert not found, "place names outside engine/demo/:\n" + "\n".join(found)


def test_the_search_finds_a_place_where_there_is_one():
    assert hits("engine/demo/roster.py")
