"""Helpers for the review report's tests and benchmark: headless Chromium driven over
the Chrome DevTools protocol, and synthetic outputs of many documents.

Chromium is Debian's package (`apt-get install chromium`); nothing is downloaded. It is
driven through `--remote-debugging-pipe`: DevTools messages are NUL-terminated JSON on
file descriptors 3 (commands in) and 4 (replies and events out), so no websocket client
is needed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import select
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from reportmine.output.frames import read_arrow

TABLES = ("documents", "inspections", "findings", "metrics", "actions", "errors")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The Chromium executable: $CHROMIUM if set, else the first on PATH."""
    env = os.environ.get("CHROMIUM")
    if env and shutil.which(env):
        return shutil.which(env)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium with one page, driven over the DevTools pipe.

    `navigate(url)`, `evaluate(js)` (the value of an expression, awaiting promises),
    `click(x, y)` (a real mouse click at viewport coordinates) and `screenshot(path)`.
    """

    def __init__(self, executable: str, width: int = 1280, height: int = 900,
                 timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="rm-chromium-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        args = [executable, "--headless", "--remote-debugging-pipe", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
                "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        devnull = os.open(os.devnull, os.O_RDWR)
        actions = [(os.POSIX_SPAWN_DUP2, commands_read, 3),
                   (os.POSIX_SPAWN_DUP2, replies_write, 4),
                   (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                   (os.POSIX_SPAWN_DUP2, devnull, 2)]
        try:
            self.pid = os.posix_spawn(executable, args, os.environ, file_actions=actions)
        finally:
            for fd in (commands_read, replies_write, devnull):
                os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime"):
            self.send(f"{domain}.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": False}, session=True)

    # -- the protocol ---------------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("Chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], left)
            if ready:
                data = os.read(self._replies, 1 << 20)
                if not data:
                    raise CDPError("Chromium closed the DevTools pipe (did it start?)")
                self._buffer += data
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: bool = False) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + (timeout or self.timeout)
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    # -- what the tests use ----------------------------------------------------------------

    def navigate(self, url: str) -> float:
        """Load `url` afresh (a new document even when only its #fragment differs from
        the page shown) and wait for its load event; the seconds it took."""
        self.events.clear()
        self.send("Page.navigate", {"url": "about:blank"}, session=True)
        self.wait_event("Page.loadEventFired")
        started = time.monotonic()
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_event("Page.loadEventFired")
        return time.monotonic() - started

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True},
                           session=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"page script failed: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def exceptions(self) -> list[str]:
        """The uncaught exceptions the page has thrown since it was loaded."""
        self.evaluate("0")  # read what has arrived
        return [e["params"]["exceptionDetails"].get("exception", {}).get("description")
                or e["params"]["exceptionDetails"].get("text", "")
                for e in self.events if e.get("method") == "Runtime.exceptionThrown"]

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1},
                      session=True)

    def click_selector(self, selector: str) -> None:
        """A real mouse click at the middle of the first element `selector` matches,
        after scrolling it into view."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
        if box is None:
            raise CDPError(f"nothing on the page matches {selector}")
        self.click(box["x"], box["y"])

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(CDPError, OSError):
            self.send("Browser.close")
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- synthetic outputs ----------------------------------------------------------------------


def replicate_output(source: Path, dest: Path, n_docs: int, seed: int = 19) -> Path:
    """An output folder of `n_docs` documents made from `source`'s: its documents taken in
    turn, each copy with a new doc_id, a council, a meeting date and figures varied (so
    charts and pages look like a real run's), and every record of the original under the
    new id. Written as one Parquet file per table, as `reportmine run` does."""
    rng = random.Random(seed)
    tables = {t: read_arrow(source, t) for t in TABLES}
    docs = tables["documents"]
    if docs.num_rows == 0:
        raise ValueError(f"{source} holds no documents to replicate")
    councils = sorted({c for c in docs.column("council").to_pylist() if c})
    councils += [f"{name} {k}" for k in range(2, 40) for name in councils]
    picks = [i % docs.num_rows for i in range(n_docs)]
    new_ids = [f"{rng.getrandbits(64):016x}" for _ in range(n_docs)]
    originals = docs.column("doc_id").to_pylist()
    out_docs = docs.take(pa.array(picks))
    council_of = [councils[i % len(councils)] for i in range(n_docs)]
    dates = [None if out_docs.column("meeting_date")[i].as_py() is None
             else _shift_date(out_docs.column("meeting_date")[i].as_py(), rng)
             for i in range(n_docs)]
    out_docs = _set(out_docs, "doc_id", pa.array(new_ids, pa.string()))
    out_docs = _set(out_docs, "council", pa.array(council_of, pa.string()))
    out_docs = _set(out_docs, "meeting_date",
                    pa.array(dates, out_docs.schema.field("meeting_date").type))
    out_docs = _set(out_docs, "source_path", pa.array(
        [f"synthetic/{i:05d}/{p}" for i, p in
         enumerate(out_docs.column("source_path").to_pylist())], pa.string()))
    dest.mkdir(parents=True, exist_ok=True)
    pq.write_table(out_docs, dest / "documents.parquet")
    for table in TABLES[1:]:
        data = tables[table]
        of_original = [data.filter(pc.equal(data.column("doc_id"), doc_id))
                       for doc_id in originals]
        parts = []
        for copy, (pick, new_id) in enumerate(zip(picks, new_ids, strict=True)):
            rows = of_original[pick]
            if rows.num_rows == 0:
                continue
            rows = _set(rows, "doc_id", pa.array([new_id] * rows.num_rows, pa.string()))
            if table == "metrics":
                factor = 1 + (copy % 11 - 5) / 20
                rows = _set(rows, "value", pc.round(pc.multiply(rows.column("value"), factor), 2))
            parts.append(rows)
        out = pa.concat_tables(parts) if parts else data.schema.empty_table()
        pq.write_table(out, dest / f"{table}.parquet")
    return dest


def _shift_date(value: Any, rng: random.Random) -> Any:
    from datetime import timedelta

    return value + timedelta(days=rng.randrange(-1500, 900))


def _set(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    index = table.schema.get_field_index(name)
    return table.set_column(index, table.schema.field(name), values)
