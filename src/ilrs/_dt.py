"""The classes of :mod:`datetime`, without running the pure-Python module first.

On CPython 3.11, ``import datetime`` executes the module's whole pure-Python
implementation and only then replaces its classes with those of the C module
``_datetime``. That costs about 1.3 ms, a tenth of what a cold start may add to
``import attrs`` (docs/performance.md). The classes imported here are the very
same objects (``_datetime.date is datetime.date``), so nothing else changes.
From Python 3.12 on, ``datetime`` is a thin wrapper and this saves nothing.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date as date
    from datetime import datetime as datetime
    from datetime import timedelta as timedelta
    from datetime import timezone as timezone
else:
    try:
        from _datetime import date, datetime, timedelta, timezone
    except ImportError:  # an interpreter without the C module
        from datetime import date, datetime, timedelta, timezone

__all__ = ["date", "datetime", "timedelta", "timezone"]
