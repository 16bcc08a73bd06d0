"""Search (/search): tasks, meetings, decided items, documents and plans, as far as the person may open them."""

from webui.search.routes import bp

__all__ = ["bp"]
