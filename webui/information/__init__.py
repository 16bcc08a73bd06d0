"""信息报送: a unit's reports and filing one, the office's review queue, information requests with
their matrix, and the bulletins (简报) with their .docx (docs/INFORMATION.md)."""

from webui.information import bulletins, requests  # noqa: F401  (their routes go on the same blueprint)
from webui.information.reports import bp

__all__ = ["bp"]
