"""Administration of a body: its working-day calendar, reminder rules and annual-cycle settings.

One blueprint; each page's module adds its routes to it.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from webui.admin import annual, calendar, reminders  # noqa: E402, F401 - they add their routes to bp
