"""Run BPMN code in helper processes, so that a script that loops or over-allocates fails its step
within a bounded time and memory instead of stalling the server (docs/SCRIPT_LIMITS.md).

A small pool of long-lived helpers (engine.workflow.spiff.script_helper) serves the whole
process; a thread borrows one per script or expression. The helper is a fresh interpreter
(`subprocess` runs `python -m`, fork + exec), never a plain fork of this threaded server. Each
helper bounds CPU time itself and is capped at MEMORY_BYTES of address space; here we wait at
most CPU_SECONDS + WALL_MARGIN for its answer, and kill it and start another if none comes.

Replies are unpickled with only plain data types allowed: the helper runs code a BPMN author
wrote, so what it sends back is treated as untrusted.
"""

from __future__ import annotations

import atexit
import builtins
import io
import os
import pickle
import subprocess
import sys
import threading
from datetime import datetime
from multiprocessing.connection import Connection

from engine.workflow.spiff.script_days import Days

CPU_SECONDS = 2.0
MEMORY_BYTES = 256 * 1024 * 1024
WALL_MARGIN = 1.0  # how long past its CPU time a helper may take to answer before it is killed
POOL_SIZE = 4  # helpers at most; more threads running scripts at once wait for one
STARTUP_SECONDS = 30  # an interpreter starting on a loaded machine; not the script's time
HELPER_MODULE = "engine.workflow.spiff.script_helper"


class ScriptLimitExceeded(Exception):
    """A script ran over one of its limits; `kind` is "timeout" or "memory"."""

    kind = "limit"


class ScriptTimeout(ScriptLimitExceeded):
    kind = "timeout"


class ScriptMemoryLimit(ScriptLimitExceeded):
    kind = "memory"


class ScriptFailed(Exception):
    """An error of a type the server does not rebuild, named in the message."""


# Everything task data may hold besides what pickle writes without naming a class.
_DATA_CLASSES = (
    {("builtins", name) for name in ("set", "frozenset", "range", "complex", "bytearray", "slice")}
    | {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")}
    | {("decimal", "Decimal")}
)


class _DataUnpickler(pickle.Unpickler):
    def find_class(self, module, name):  # noqa: ANN001
        if (module, name) not in _DATA_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not task data")
        return super().find_class(module, name)


def _reply(data: bytes) -> tuple:
    try:
        return _DataUnpickler(io.BytesIO(data)).load()
    except pickle.UnpicklingError as exc:
        return ("error", "TypeError", f"its result cannot be kept as task data: {exc}", 0)


class _Stuck(Exception):
    """No answer in time, or no helper at the other end any more."""


class _Helper:
    def __init__(self, cpu_seconds: float, memory_bytes: int):
        to_helper, requests = os.pipe()
        replies, from_helper = os.pipe()
        command = [sys.executable, "-m", HELPER_MODULE, str(cpu_seconds), str(memory_bytes)]
        try:
            self.process = subprocess.Popen(command, stdin=to_helper, stdout=from_helper)
        finally:
            os.close(to_helper)
            os.close(from_helper)
        self.requests = Connection(requests, readable=False)
        self.replies = Connection(replies, writable=False)
        try:
            started = self.replies.poll(STARTUP_SECONDS) and self.replies.recv_bytes() == b"ready"
        except (OSError, EOFError):
            started = False
        if not started:
            self.stop(kill=True)
            raise RuntimeError("the script helper process did not start")

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, request: bytes, wait: float) -> tuple:
        try:
            self.requests.send_bytes(request)
            if not self.replies.poll(wait):
                raise _Stuck
            return _reply(self.replies.recv_bytes())
        except (OSError, EOFError) as exc:  # it died: killed by the system, or crashed
            raise _Stuck from exc

    def stop(self, kill: bool) -> None:
        self.requests.close()  # an idle helper reads end-of-file and leaves
        if kill:
            self.process.kill()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.replies.close()


class ScriptRunner:
    def __init__(self, cpu_seconds=CPU_SECONDS, memory_bytes=MEMORY_BYTES, size=POOL_SIZE):
        self.cpu_seconds, self.memory_bytes, self.size = cpu_seconds, memory_bytes, size
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a forked child must not share our pipes
        atexit.register(self.close)

    def _reset(self) -> None:
        self._idle: list[_Helper] = []
        self._alive = 0
        self._free = threading.Condition()

    def run(self, mode: str, source: str, context: dict, now: datetime | None, days: Days | None = None):
        """The changed context of a script (mode "exec") or an expression's value ("eval");
        the script's own error, ScriptTimeout or ScriptMemoryLimit is raised here. `days`: the
        working-day calendar it counts by (engine.workflow.spiff.script_calendar)."""
        request = pickle.dumps((mode, source, context, now, days), protocol=pickle.HIGHEST_PROTOCOL)
        helper = self._borrow()
        try:
            reply = helper.call(request, self.cpu_seconds + WALL_MARGIN)
        except BaseException as exc:
            self._drop(helper)
            if isinstance(exc, _Stuck):
                wait = self.cpu_seconds + WALL_MARGIN
                raise ScriptTimeout(f"gave no answer within {wait:g} s (or its process stopped)") from None
            raise
        self._give_back(helper)
        if reply[0] == "ok":
            return reply[1]
        raise _rebuilt(*reply)

    def _borrow(self) -> _Helper:
        with self._free:
            while True:
                while self._idle:
                    helper = self._idle.pop()
                    if helper.alive():
                        return helper
                    self._alive -= 1
                if self._alive < self.size:
                    self._alive += 1
                    break
                self._free.wait()
        try:
            return _Helper(self.cpu_seconds, self.memory_bytes)
        except BaseException:
            with self._free:
                self._alive -= 1
                self._free.notify()
            raise

    def _give_back(self, helper: _Helper) -> None:
        with self._free:
            self._idle.append(helper)
            self._free.notify()

    def _drop(self, helper: _Helper) -> None:
        helper.stop(kill=True)
        with self._free:
            self._alive -= 1
            self._free.notify()

    def close(self) -> None:
        """Let the idle helpers go (at exit; a later run starts new ones)."""
        with self._free:
            idle, self._idle = self._idle, []
            self._alive -= len(idle)
        for helper in idle:
            helper.stop(kill=False)


def _rebuilt(kind: str, type_name: str, message: str, line: int) -> Exception:
    """The helper's error as the in-process sandbox would have raised it, with the script's
    line kept for SpiffWorkflow's report (it looks for it in a traceback that stayed behind)."""
    if kind == "timeout":
        exc = ScriptTimeout(message)
    elif kind == "memory":
        exc = ScriptMemoryLimit(message)
    else:
        exc = _builtin_error(type_name, message)
    exc.script_line = line
    return exc


def _builtin_error(type_name: str, message: str) -> Exception:
    cls = getattr(builtins, type_name, None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        try:
            return cls(message)
        except TypeError:  # one whose constructor wants more than a message
            pass
    return ScriptFailed(f"{type_name}: {message}")
