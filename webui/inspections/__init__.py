"""Joint inspections (联合督查, 联合执法, 专项整治): the list, one inspection's page where its team
records findings, and its files."""

from webui.inspections.routes import bp

__all__ = ["bp"]
