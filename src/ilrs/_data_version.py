"""The bundled data's version and date, kept apart from the code's version.

A test checks these against ``data/datapackage.json``; they live here so that
reading them costs nothing at import.
"""

from . import _dt

#: The version of the bundled data package (``version`` in its datapackage.json).
DATA_VERSION = "2026.05.11"
#: The date the bundled data is current to: the newest material its sources were checked
#: against (not the day it was curated).
DATA_AS_OF = _dt.date(2026, 5, 11)
