"""What is one's own: the notification centre and how one hears of reminders.

One blueprint; each page's module adds its routes to it.
"""

from flask import Blueprint

bp = Blueprint("me", __name__)

from webui.me import notifications, preferences  # noqa: E402, F401 - they add their routes to bp
