"""A document made on the spot (an official .docx), sent as a download under its own name."""

from __future__ import annotations

import io

from flask import send_file

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx(content: bytes, name: str):
    return send_file(io.BytesIO(content), mimetype=DOCX, as_attachment=True, download_name=name)
