"""Serving figures: requests/s and latency of Datasette pages under a bounded load.

    python bench/serving.py client PORT PATH CLIENTS SECONDS

is the load: CLIENTS connections on 127.0.0.1, each sending its next GET as
soon as the last answer is in (a closed loop, HTTP/1.1 keep-alive), for
SECONDS after a short warm-up. It prints requests/s and latency percentiles as
JSON. It runs in its own process, beside the server's, so the two share the
machine's cores the way a real client and server on one host do.

`measure()` starts `palmares serve DB` and runs the client against Datasette's
own /-/versions.json (the framework's floor: no SQL, no template) and against
canned-query pages, at each level of concurrency.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import palmares, percentile, python_child, run_child  # noqa: E402

WARMUP_SECONDS = 0.5


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response; its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(port: int, path: str, until: float, start: float, out: list, errors: list):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    try:
        while True:
            sent = time.perf_counter()
            if sent >= until:
                break
            writer.write(request)
            status = await _read_response(reader)
            done = time.perf_counter()
            if sent >= start:
                (out if status == 200 else errors).append(done - sent)
    finally:
        writer.close()


async def load(port: int, path: str, clients: int, seconds: float) -> dict:
    """Run the closed loop; requests/s and latency percentiles in ms."""
    now = time.perf_counter()
    start, until = now + WARMUP_SECONDS, now + WARMUP_SECONDS + seconds
    out: list[float] = []
    errors: list[float] = []
    await asyncio.gather(*(_client(port, path, until, start, out, errors) for _ in range(clients)))
    ms = [t * 1000 for t in out]
    return {
        "path": path,
        "clients": clients,
        "requests": len(out),
        "errors": len(errors),
        "rps": len(out) / seconds,
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
    }


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, timeout: float = 60) -> subprocess.Popen:
    """`palmares serve DB --port PORT`, once it answers."""
    proc = subprocess.Popen(
        palmares("serve", db, "--port", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"palmares serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("palmares serve did not answer in time")


def query_path(db: Path, name: str, params: dict[str, str], ext: str = "") -> str:
    """The URL path of a canned query page of DB."""
    return f"/{db.stem}/{name}{ext}?{urllib.parse.urlencode(params)}"


def check(port: int, path: str) -> int:
    """The status of one GET (a page that fails is reported, not timed as fast)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def measure(db: Path, pages: dict[str, str], levels: list[int], seconds: float) -> dict:
    """Each page at each concurrency, against /-/versions.json at the same one."""
    port = free_port()
    server = start_server(db, port)
    try:
        paths = {"versions.json": "/-/versions.json", **pages}
        out: dict = {"pages": paths, "status": {}, "runs": []}
        for name, path in paths.items():
            out["status"][name] = check(port, path)
        for clients in levels:
            for name, path in paths.items():
                if out["status"][name] != 200:
                    continue
                sample = run_child(
                    python_child("serving.py", "client", port, path, clients, seconds)
                )
                figures = json.loads(sample.stdout.strip().splitlines()[-1])
                figures["page"] = name
                out["runs"].append(figures)
        return out
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str]) -> None:
    command, *args = argv
    if command != "client":
        raise SystemExit("usage: serving.py client PORT PATH CLIENTS SECONDS")
    port, path, clients, seconds = int(args[0]), args[1], int(args[2]), float(args[3])
    print(json.dumps(asyncio.run(load(port, path, clients, seconds))))


if __name__ == "__main__":
    main(sys.argv[1:])
