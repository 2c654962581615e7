"""``python -m scoring.cli``: the same as the ``scoring`` console script."""

from __future__ import annotations

import sys

from scoring.cli.main import main

sys.exit(main())
