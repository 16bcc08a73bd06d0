"""Process instances: the list, one instance's page, starting one, 一键催办 from it, and the
office's control of running ones (their versions, cancelling, migrating)."""

from webui.instances import control, nag  # noqa: F401 - their routes join the area's blueprint
from webui.instances.routes import bp

__all__ = ["bp"]
