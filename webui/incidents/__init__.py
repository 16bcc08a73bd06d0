"""Incidents: the steps the engine failed to run, for the office and the administrator; the
administrator retries or skips them (engine.workflow.incidents)."""

from webui.incidents.routes import bp

__all__ = ["bp"]
