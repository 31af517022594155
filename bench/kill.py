"""SIGKILL crawls at random moments and check the archive after each (the long kill test).

    .venv/bin/python bench/kill.py --runs 200 --seed 1

A thin entry point over `fixtures.kill`, which the bounded CI test (`tests/test_kill.py`) uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.kill import main

if __name__ == "__main__":
    main()
