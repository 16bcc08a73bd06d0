"""Requests and reports to the government: the body's list with each draft's co-signing, and a
document as .docx (GB/T 9704-2012)."""

from webui.documents.routes import bp

__all__ = ["bp"]
