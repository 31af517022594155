"""The demo: serve the fixture site on loopback, crawl it into data/, show what was archived."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtures.server import serve  # noqa: E402

DB = ROOT / "data" / "archive.db"


def main() -> int:
    """Run the crawl against the fixture server and print the archive summary."""
    bin_dir = Path(sys.executable).parent
    with serve() as base_url:
        print(f"Fixture site served at {base_url}")
        crawl = subprocess.run(
            [
                str(bin_dir / "scrapy"),
                "crawl",
                "bishshow",
                "-a",
                f"start_urls={base_url}/",
                "-s",
                f"ARCHIVE_DB={DB}",
                # Politeness delays are for real sites; the fixture server is ours.
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "LOG_LEVEL=INFO",
            ],
            cwd=ROOT,
        )
    if crawl.returncode != 0:
        print(f"crawl failed with exit status {crawl.returncode}", file=sys.stderr)
        return crawl.returncode
    return subprocess.run([str(bin_dir / "bishshow"), "summary", "--db", str(DB)]).returncode


if __name__ == "__main__":
    sys.exit(main())
