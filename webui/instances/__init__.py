"""Process instances: the list, one instance's page, starting one, and 一键催办 from it."""

from webui.instances import nag  # noqa: F401 - its route joins the area's blueprint
from webui.instances.routes import bp

__all__ = ["bp"]
