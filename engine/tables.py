"""Every table lianxi keeps, for alembic's environment and for whoever needs the whole schema.

Each package owns its models; importing this module registers all of them on `Base.metadata`,
so relationships and foreign keys between packages resolve.
"""

from engine.annual import models as annual  # noqa: F401
from engine.archive import models as archive  # noqa: F401
from engine.attachments import models as attachments  # noqa: F401
from engine.core import models as core  # noqa: F401
from engine.core.base import Base
from engine.documents import models as documents  # noqa: F401
from engine.information import models as information  # noqa: F401
from engine.inspections import models as inspections  # noqa: F401
from engine.meetings import models as meetings  # noqa: F401
from engine.org import credentials  # noqa: F401
from engine.plan_runs import models as plan_runs  # noqa: F401
from engine.reminders import models as reminders  # noqa: F401
from engine.research import models as research  # noqa: F401
from engine.search import models as search  # noqa: F401
from engine.supervision import models as supervision  # noqa: F401
from engine.workflow import models as workflow  # noqa: F401

metadata = Base.metadata
