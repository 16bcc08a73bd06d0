"""Administration of a body: its reminder rules and annual-cycle settings. (The working-day
calendar, shared by every body, is the site administrator's: webui.site.)

One blueprint; each page's module adds its routes to it.
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from webui.admin import access, annual, reminders, sign_ins  # noqa: E402, F401 - they add their routes to bp
