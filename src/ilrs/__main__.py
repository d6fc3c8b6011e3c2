"""``python -m ilrs``: the command line (see `ilrs.cli`)."""

import sys

from .cli import main

sys.exit(main())
