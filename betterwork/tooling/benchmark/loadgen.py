"""The load generator: wrk (Debian's), a C client on its own, with latency percentiles.

Each run prints, from wrk's `done` hook, one JSON line: requests, duration, p50/p95/p99 and
max latency, non-2xx answers and socket errors. `buyers` runs the mixed workload's buyer: the
supplier list page and the suppliers API in turn, each with its own credentials.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_s": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

BUYERS = r"""
local requests_ = {}
local turn = 0
init = function(args)
  requests_[1] = wrk.format("GET", args[1], {["Cookie"] = args[2]})
  requests_[2] = wrk.format("GET", args[3], {["Authorization"] = args[4]})
end
request = function()
  turn = turn + 1
  return requests_[turn % 2 + 1]
end
"""


class LoadError(RuntimeError):
    pass


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise LoadError("wrk is not installed (apt-get install wrk).")
    return found


def _script(workdir: Path, name: str, body: str) -> Path:
    path = workdir / name
    path.write_text(body + DONE)
    return path


def _parse(output: str) -> dict[str, Any]:
    for line in output.splitlines():
        if line.startswith("BENCH "):
            figures: dict[str, Any] = json.loads(line[len("BENCH ") :])
            figures["rps"] = round(figures["requests"] / figures["duration_s"], 1)
            figures["errors"] = figures["non_2xx"] + figures["socket_errors"]
            return figures
    raise LoadError(f"wrk printed no figures:\n{output[-2000:]}")


def wrk(
    port: int,
    path: str,
    headers: dict[str, str],
    *,
    workdir: Path,
    seconds: int,
    connections: int,
    threads: int = 1,
) -> dict[str, Any]:
    """GET `path` for `seconds` over `connections` kept-alive connections."""
    script = _script(workdir, "report.lua", "")
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}{path}"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return _parse(done.stdout)


def buyers_command(
    port: int,
    cookie: str,
    token: str,
    *,
    workdir: Path,
    seconds: int,
    connections: int,
) -> list[str]:
    """The mixed workload's buyers: the list page and the API in turn (start it with Popen)."""
    script = _script(workdir, "buyers.lua", BUYERS)
    return [
        wrk_path(),
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}/",
        "--",
        "/buyers/suppliers/",
        cookie,
        "/api/v1/suppliers/",
        f"Token {token}",
    ]


def parse(output: str) -> dict[str, Any]:
    return _parse(output)
