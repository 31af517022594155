"""Memory of another process, read from /proc: current RSS and its peak (VmRSS, VmHWM).

Not `ru_maxrss` from wait4/getrusage: Linux carries it over from the parent through fork and
exec, so a child of a big process (a runner that generated a site) would report the parent's
size. VmHWM belongs to the child's own address space, which exec makes new.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

_FIELD = re.compile(r"^(VmRSS|VmHWM):\s+(\d+) kB", re.MULTILINE)


def memory_mb(pid: int) -> tuple[float, float] | None:
    """(RSS, peak RSS) in MiB, or None once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = {name: int(kb) / 1024 for name, kb in _FIELD.findall(status)}
    if "VmRSS" not in fields:
        return None  # a zombie: exited, not yet reaped
    return fields["VmRSS"], fields.get("VmHWM", fields["VmRSS"])


class PeakWatcher:
    """Polls a process's VmHWM until stopped; `peak_mb` is the highest value seen."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            memory = memory_mb(self.pid)
            if memory is not None:
                self.peak_mb = max(self.peak_mb, memory[1])

    def stop(self) -> float:
        """Stop polling; the peak in MiB (rounded)."""
        self._stop.set()
        self._thread.join()
        return round(self.peak_mb, 1)
