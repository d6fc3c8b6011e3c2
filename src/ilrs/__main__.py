"""``python -m ilrs``: the command line (see :mod:`ilrs.cli`)."""

import sys

from .cli import main

sys.exit(main())
