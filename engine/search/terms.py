"""How text becomes search terms, the same on SQLite and PostgreSQL.

Chinese has no spaces between words, so a run of Chinese characters is cut into every single
character and every overlapping pair of characters (中华人民 → 中 华 人 民 中华 华人 人民). A query
is cut into pairs only, and all of them must be present: 人民 finds 中华人民, 华人民 needs 华人
and 人民. A one-character query matches the single characters. Latin letters and digits are kept
as lower-case words. The database never tokenises Chinese itself: it only matches these terms.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{CJK}]+|[0-9a-z]+")
MAX_QUERY_TERMS = 20


def _is_cjk(run: str) -> bool:
    return run[0] >= "\u3400"


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def indexed(*texts: str) -> str:
    """Every term of the texts, once each, space-separated."""
    found: dict[str, None] = {}
    for run in RUNS.findall(" ".join(texts).lower()):
        if _is_cjk(run):
            found.update(dict.fromkeys(run))
            found.update(dict.fromkeys(_pairs(run)))
        else:
            found[run] = None
    return " ".join(found)


def query(text: str) -> list[str]:
    """The terms a query needs, all of them; an empty list when it has none to look for."""
    found: dict[str, None] = {}
    for run in RUNS.findall(text.lower()):
        found.update(dict.fromkeys(_pairs(run) if _is_cjk(run) else [run]))
    return list(found)[:MAX_QUERY_TERMS]
