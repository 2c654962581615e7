"""The command line: ``scoring parse | score | check``. One definition of every option, one handler per command.

``scoring.cli.main`` defines the commands (no engine is imported to print ``--help``); each handler module
(``parse_cmd``, ``score_cmd``, ``check_cmd``) is imported when its command runs. User-facing text is Chinese.
"""

from __future__ import annotations

from scoring.cli.main import main

__all__ = ["main"]
