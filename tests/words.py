"""What gives a page away as unfinished (tests/web/tasks/test_peoples_words.py walks every task
page, tests/web/test_every_page_reads.py every other page): a variable name or data key, a unit
code, a Python repr, and on the Chinese page any English."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Words that stay as they are on a Chinese page: the product's name, file types, units of measure.
ENGLISH_ALLOWED = {
    "lianxi",
    "docx",
    "pdf",
    "xlsx",
    "zip",
    "PDF",
    "Word",
    "Excel",
    "MB",
    "KB",
    "API",
    "EN",
    "English",
    "Webhook",
    "SHA-256",
}
# Python's repr of a dict, a list of dicts, or None, True and False as a value.
REPR = re.compile(r"\{'|\[\{|(?:^|[:=,(\[]\s*)(?:None|True|False)(?:$|[,)\]}])")


@dataclass(frozen=True)
class Words:
    codes: set[str]  # the units'
    usernames: set[str]  # shown beside a person's name, as one signs in: allowed
    keys: set[str]  # of the process data and the submitted values


def visible_text(page: str) -> list[str]:
    """What a person reads, piece by piece between tags: no scripts or styles, nor <code> (where
    codes are meant to show) or <textarea> (what is typed there is in the form's own format,
    codes included)."""
    page = re.sub(r"<(script|style|code|textarea)\b.*?</\1>", "<>", page, flags=re.S)
    return [html.unescape(piece).strip() for piece in re.split(r"<[^>]+>", page)]


def raw_words(pieces: list[str], known: Words, chinese: bool) -> set[str]:
    """What gives a page away as unfinished: a variable name or data key, a unit code, a repr,
    and on the Chinese page any English."""
    text = "\n".join(pieces)
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_.@-]*[A-Za-z0-9_]|[A-Za-z]", text)) - known.usernames
    found = {w for w in words if "_" in w and "@" not in w} | (words & known.codes)
    found |= {m.group() for piece in pieces for m in REPR.finditer(piece)} | (set(pieces) & known.keys)
    if chinese:
        found |= {w for w in words if "@" not in w and w not in ENGLISH_ALLOWED and not _a_code_or_number(w)}
    return found


def _a_code_or_number(word: str) -> bool:
    """An indicator code or a version like v2, which people read as written."""
    return bool(re.fullmatch(r"[A-Za-z]{0,2}\d[\w.-]*", word))
