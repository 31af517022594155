"""One writer per archive: an exclusive `flock` on `<archive>.lock`, held for a whole job.

SQLite alone would let two crawls interleave their batches into one archive (each transaction is
safe, the whole is not: two crawls marking each other's rows, two WARC series, two runs' worth of
conditional requests). The lock makes the second job wait, or give up with a clear message.
The kernel drops a `flock` when its process dies, so a crawl killed with SIGKILL never leaves a
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType
from typing import IO

POLL_SECONDS = 0.2


class ArchiveLocked(RuntimeError):
    """Another job holds the archive's writer lock."""


def lock_path(db_path: str | Path) -> Path:
    """The lock file beside the archive (`archive.db` → `archive.db.lock`)."""
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


class ArchiveLock:
    """The writer lock of one archive; `acquire(wait)` blocks up to `wait` seconds."""

    def __init__(self, db_path: str | Path, purpose: str = "crawl") -> None:
        self.path = lock_path(db_path)
        self.purpose = purpose
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._file is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, polling until `wait` seconds have passed; `ArchiveLocked` if not."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Not "w": truncating would erase the holder's note before we know we hold the lock.
        handle = self.path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self.holder()
                    handle.close()
                    raise ArchiveLocked(
                        f"the archive {self.path.with_suffix('')} is in use by another job"
                        f" ({holder or 'unknown holder'}); waited {wait:g} s"
                        " (set ARCHIVE_LOCK_WAIT to wait longer)"
                    ) from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, {self.purpose}, since {time.strftime('%FT%T%z')}\n")
        handle.flush()
        self._file = handle

    def holder(self) -> str:
        """What the current holder wrote into the lock file (for messages)."""
        try:
            return self.path.read_text("utf-8").strip()
        except OSError:
            return ""

    def release(self) -> None:
        """Give the lock up (closing the file drops the flock)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
