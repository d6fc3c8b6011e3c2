"""The bundled data's version and date, kept apart from the code's version.

A test checks these against ``data/datapackage.json``; they live here so that
reading them costs nothing at import.
"""

import datetime as _dt

#: The version of the bundled data package (``version`` in its datapackage.json).
DATA_VERSION = "2026.05.11"
#: The newest date on which the bundled data was checked against its sources.
DATA_AS_OF = _dt.date(2026, 5, 11)
