"""What every page must hold in a real browser, whoever looks at it and on whatever screen: no
horizontal scrolling of the page, no error page, no raw identifier or Python repr, and in English
no Chinese but the body's own data (names, titles, what people wrote)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import JSON, String, Text, select

from engine.core.base import Base

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
# Set LIANXI_SHOTS=/some/folder to keep a full-page screenshot of every page visited.
SHOTS = os.environ.get("LIANXI_SHOTS")

# Text nodes a person reads (not code samples), with the details opened, and the overflow measured
# both before and after opening them; labels read aloud count as text too.
PAGE_FACTS = """() => {
  const wide = () => document.documentElement.scrollWidth - window.innerWidth;
  const closed = wide();
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const opened = wide();
  // A language's own name (中文 on the switch) is marked with its lang, and read as written.
  const skip = 'script, style, code, pre, kbd, textarea, template, noscript, [lang^="zh"]:not(html)';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent.trim() && !node.parentElement.closest(skip)) texts.push(node.textContent.trim());
  }
  for (const name of ['aria-label', 'placeholder', 'title']) {
    document.querySelectorAll(`[${name}]`).forEach(el => texts.push(el.getAttribute(name)));
  }
  const small = [...document.querySelectorAll('button, .btn, .mainnav a, .nav-toggle, select, input.input')]
    .filter(el => el.checkVisibility() && el.getBoundingClientRect().height < 44)
    .map(el => (el.textContent || el.name || el.className).trim().slice(0, 30));
  return {closed, opened, text: texts.join('\\n'), error: !!document.querySelector('.error-status'), small};
}"""

RAW_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
REPR = re.compile(r"object at 0x|\{'\w+': |\['\w|datetime\.|Decimal\(|\b(?:None|True|False)\b")
CJK = re.compile(r"[\u3400-\u9fff]+")
# What Chinese an English page may show: what the body's people entered or the demo loaded, never
# the process definitions (their names and labels come in both languages) or a task's Chinese title.
NOT_DATA = {("workflow_spec", None), ("process_instance", "state"), ("human_task", "title")}


def body_data(db) -> str:
    """Every text the database holds, but the process definitions, as one searchable blob."""
    found: set[str] = set()
    with db.read_session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if _is_text(table.name, c)]
            if columns:
                for row in session.execute(select(*columns)):
                    found.update(str(value) for value in row if value)
    return "\n".join(found)


def _is_text(table: str, column) -> bool:
    if (table, None) in NOT_DATA or (table, column.name) in NOT_DATA:
        return False
    return isinstance(column.type, String | Text | JSON)


def problems(page, *, english: str | None = None, phone: bool = False) -> list[str]:
    """What is wrong with the page now shown; `english`, the body's data, checks the translation."""
    facts = page.evaluate(PAGE_FACTS)
    where = page.url.split("/", 3)[-1] or "/"
    found = []
    if facts["closed"] > 0 or facts["opened"] > 0:
        found.append(f"/{where}: the page is {max(facts['closed'], facts['opened'])} px too wide")
    if facts["error"]:
        found.append(f"/{where}: an error page")
    found += [f"/{where}: raw name {name!r}" for name in set(RAW_NAME.findall(facts["text"]))]
    found += [f"/{where}: a repr {hit!r}" for hit in set(_reprs(facts["text"], english is not None))]
    if english is not None:
        found += [f"/{where}: untranslated {run!r}" for run in set(CJK.findall(facts["text"])) if run not in english]
    if phone:
        found += [f"/{where}: tap target under 44 px: {name!r}" for name in set(facts["small"])]
    return found


def _reprs(text: str, english: bool) -> list[str]:
    # "None" and "True" may be English words; in Chinese they can only be a leaked value.
    hits = [hit.group(0) for hit in REPR.finditer(text)]
    return [hit for hit in hits if not (english and hit in ("None", "True", "False"))]


def keep(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
