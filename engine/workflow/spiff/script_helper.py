"""The helper process BPMN code runs in, under a CPU and a memory limit
(engine.workflow.spiff.script_runner starts it as `python -m engine.workflow.spiff.script_helper
CPU_SECONDS MEMORY_BYTES`).

It reads one request at a time — `(mode, source, context, now, days)`, pickled and framed as
multiprocessing's Connection frames them — runs it in the same RestrictedPython sandbox the
engine used in-process (engine.workflow.spiff.scripting), and answers `("ok", value)` or
`(kind, exception type, message, line)`. A separate process because nothing inside one can stop
`[0] * 10**9` (a single C call) or take back memory already allocated; the address-space limit
makes such a script fail with MemoryError here, and the server stays untouched.

CPU time is bounded per request with ITIMER_PROF rather than RLIMIT_CPU: RLIMIT_CPU counts the
process's whole life and, once lowered, cannot be raised again, so a long-lived helper would
die after its first few seconds of honest work. The timer raises inside the script; code that
swallows it (a bare `except:`) or never returns to the interpreter is what the parent's
wall-clock timeout is for: it kills this process and starts another.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import sys
import traceback
from contextlib import nullcontext
from multiprocessing.connection import Connection

from engine.workflow.spiff.script_days import counting_by
from engine.workflow.spiff.script_names import HELPERS
from engine.workflow.spiff.script_values import as_task_data
from engine.workflow.spiff.scripting import RestrictedEnvironment
from engine.workflow.spiff.timeshift import engine_time

MAX_REPLY_BYTES = 32 * 1024 * 1024  # a result bigger than this is not task data
READY = b"ready"  # sent once set up: starting is not counted against the first script's time


class CpuTimeUp(BaseException):
    """Raised by the timer into the running script; a BaseException so `except Exception:`
    in a script does not catch it (RestrictedPython allows a bare `except:`, hence the kill)."""


def _time_up(_signum, _frame):  # noqa: ANN001
    raise CpuTimeUp


def run(environment: RestrictedEnvironment, request: tuple):
    """A script returns the context it changed; an expression, its value, in the forms task data
    keeps (a timer's `datetime.now() + timedelta(days=3)` becomes the ISO text timers read)."""
    mode, source, context, now, days = request
    with engine_time(now) if now is not None else nullcontext(), counting_by(days):
        if mode == "exec":
            environment.execute(source, context)
            return context
        return as_task_data(environment.evaluate(source, context))


def answer(environment: RestrictedEnvironment, request: tuple, cpu_seconds: float) -> tuple:
    try:
        signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
        try:
            value = run(environment, request)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except CpuTimeUp:
        return ("timeout", "CpuTimeUp", f"ran over its {cpu_seconds:g} s of CPU time", 0)
    except MemoryError:
        return ("memory", "MemoryError", "ran over its memory limit", _line())
    except Exception as exc:  # the script's own error, reported as the engine reports it
        return ("error", type(exc).__name__, str(exc), _line())
    return ("ok", value)


def _line() -> int:
    """The script's line the error came from (RestrictedPython compiles it as '<string>')."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    return next((f.lineno for f in reversed(frames) if f.filename == "<string>"), 0)


def encoded(reply: tuple) -> bytes:
    try:
        data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # e.g. a generator left in task data
        return pickle.dumps(("error", "TypeError", f"its result cannot be kept as task data: {exc}", 0))
    if len(data) > MAX_REPLY_BYTES:
        return pickle.dumps(("memory", "MemoryError", "its result is too large to keep as task data", 0))
    return data


def _private_pipes() -> tuple[Connection, Connection]:
    """The requests and replies travel on copies of stdin and stdout; the standard descriptors
    themselves go to /dev/null and stderr, so nothing printed can corrupt a frame."""
    requests, replies = os.dup(0), os.dup(1)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(2, 1)
    return Connection(requests, writable=False), Connection(replies, readable=False)


def main(cpu_seconds: float, memory_bytes: int) -> None:
    requests, replies = _private_pipes()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGPROF, _time_up)
    environment = RestrictedEnvironment(HELPERS)
    replies.send_bytes(READY)
    while True:
        try:
            request = pickle.loads(requests.recv_bytes())
        except EOFError:  # the server closed its end: it stopped, or let this helper go
            return
        replies.send_bytes(encoded(answer(environment, request, cpu_seconds)))


if __name__ == "__main__":
    main(float(sys.argv[1]), int(sys.argv[2]))
