"""Running the tests against mutants, in throwaway copies of the project (never the working tree).

A copy holds bot/, storage/, tests/, tools/ and the project's top-level files. pytest runs with
the copy as its working directory and first on PYTHONPATH, so the copy's `bot` and `storage`
packages shadow the editable install of the working tree (the run checks this with a sentinel
mutant that breaks the module on import). PostgreSQL and slow tests are deselected.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

COPIED_DIRS = ("bot", "storage", "tests", "tools")  # tools: tests/test_mutate_tool.py imports it
SIBLINGS = ("shared",)  # directories beside the project that tests read, linked beside the copies
MARKERS = "not postgres and not slow"
SENTINEL = "art67bot mutation sentinel"


@dataclass(frozen=True)
class Outcome:
    """One pytest run: passed, failed or timeout, how long it took, and its output."""

    status: str
    seconds: float
    output: str = field(repr=False)

    @property
    def tail(self) -> str:
        return self.output[-3000:]

    def last_line(self) -> str:
        lines = [line for line in self.output.splitlines() if line.strip()]
        return lines[-1][:200] if lines else ""

    def first_failure(self) -> str | None:
        """The first FAILED or ERROR line of pytest's short summary: the test that killed the mutant."""
        lines = self.output.splitlines()
        marker = max((i for i, line in enumerate(lines) if "short test summary info" in line), default=-1)
        for line in lines[marker + 1:]:
            if re.match(r"(FAILED|ERROR) \S+\.py", line):  # not captured log lines ("ERROR    bot.x:...")
                return line[:200]
        return None

    def failing_test(self) -> str | None:
        """The pytest node id of the first failure ('tests/test_x.py::test_y[a]'), if the summary names one."""
        line = self.first_failure()
        return line.split(" ", 1)[1].split(" - ", 1)[0].strip() if line else None


def make_copies(project: Path, count: int) -> tuple[Path, list[Path]]:
    """A temp directory holding `count` copies of the project; returns it and the copies."""
    base = Path(tempfile.mkdtemp(prefix="art67bot-mutate-"))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache")
    copies = []
    for number in range(1, count + 1):
        copy = base / f"copy{number}"
        copy.mkdir()
        for name in COPIED_DIRS:
            shutil.copytree(project / name, copy / name, ignore=ignore)
        for path in project.iterdir():
            if path.is_file():
                shutil.copy2(path, copy / path.name)
        copies.append(copy)
    for name in SIBLINGS:
        if (project.parent / name).is_dir():
            (base / name).symlink_to(project.parent / name)
    return base, copies


def pytest_command(tests: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
            "-m", MARKERS, *extra, *tests]


DURATIONS = ("--durations=0", "--durations-min=0")  # for the baseline: how long each test file takes
_DURATION = re.compile(r"^\s*([\d.]+)s (?:setup|call|teardown)\s+([^:\s]+)::", re.MULTILINE)


def file_seconds(output: str) -> dict[str, float]:
    """Seconds per test file, from the output of a run with DURATIONS."""
    seconds: dict[str, float] = {}
    for found in _DURATION.finditer(output):
        seconds[found.group(2)] = seconds.get(found.group(2), 0.0) + float(found.group(1))
    return seconds


class Runner:
    """Runs pytest in copies; remembers the processes it started so it can end them."""

    def __init__(self) -> None:
        self._active: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._stopped = False

    def _environment(self, copy: Path, write_bytecode: bool) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "ART67_TEST_POSTGRES"}
        env["PYTHONPATH"] = os.pathsep.join([str(copy), *filter(None, [os.environ.get("PYTHONPATH")])])
        if write_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def run(self, copy: Path, tests: list[str], timeout: float | None, write_bytecode: bool = False,
            extra: tuple[str, ...] = ()) -> Outcome:
        """Run the tests in `copy`; a run longer than `timeout` seconds is ended and reported as timeout."""
        started = time.monotonic()
        process = subprocess.Popen(pytest_command(tests, extra), cwd=copy,
                                   env=self._environment(copy, write_bytecode), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
        with self._lock:
            self._active.add(process)
            if self._stopped:
                self._kill(process)
        try:
            output, _ = process.communicate(timeout=timeout)
            status = "passed" if process.returncode == 0 else "failed"
        except subprocess.TimeoutExpired:
            self._kill(process)
            output, _ = process.communicate()
            status = "timeout"
        finally:
            with self._lock:
                self._active.discard(process)
        return Outcome(status, time.monotonic() - started, output)

    @staticmethod
    def _kill(process: subprocess.Popen) -> None:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: pytest and what the tests started
        except ProcessLookupError:
            pass

    def stop_all(self) -> None:
        """End every pytest run still going and any started later (on Ctrl-C or an error)."""
        with self._lock:
            self._stopped = True
            for process in list(self._active):
                self._kill(process)


def forget_bytecode(copy: Path, module: str) -> None:
    """Remove the copy's compiled files of `module`, so the next import compiles its source."""
    path = copy / module
    for compiled in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        compiled.unlink(missing_ok=True)


def write_module(copy: Path, module: str, source: str) -> None:
    """Put `source` in the copy as `module` and drop its stale bytecode."""
    (copy / module).write_text(source, encoding="utf-8")
    forget_bytecode(copy, module)


def sentinel_source(source: str) -> str:
    """The module, made to fail on import: proves the test run imports the copy."""
    return f"{source.rstrip()}\n\nraise RuntimeError({SENTINEL!r})\n"
