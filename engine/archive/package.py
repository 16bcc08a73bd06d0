"""The package: a .zip of a record's files and index.csv, which lists every other file with its
size and sha256, so that a copy taken out of lianxi can be checked file by file."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime

from engine.archive.sources import table
from engine.core.clock import as_aware

INDEX = "index.csv"


def indexed(files: list[tuple[str, bytes]]) -> list[dict]:
    return [{"name": name, "size": len(content), "sha256": sha256(content)} for name, content in files]


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def build(files: list[tuple[str, bytes]], index: list[dict], now: datetime) -> bytes:
    """Every file stamped with the archiving time (Asia/Shanghai), so the package is the same
    whatever the server's clock zone."""
    stamp = as_aware(now).timetuple()[:6]
    rows = [[f["name"], f["size"], f["sha256"]] for f in index]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in [*files, (INDEX, table(["file", "size", "sha256"], rows))]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, content)
    return out.getvalue()
