"""The archive (归档): the body's archived records, filtered and paged, each package to download,
and the office's 归档 of an issued meeting or document (docs/ARCHIVE.md)."""

from webui.archive.routes import bp

__all__ = ["bp"]
