"""Mutation testing for art67bot: `python -m tools.mutate bot/core/deadlines.py [more modules…]`.

For each module in turn: make every mutant (tools/mutants.py), select the test files that import
the module (tools/selection.py), check that those tests pass on the unchanged copy and that they
see a change to the module, then run them once per mutant. A mutant is killed when the tests fail
or run longer than 3 × the baseline + 10 s. Prints the surviving mutants and the score:
killed / (total − equivalent). Mutants listed in tools/equivalent_mutants.toml are not run.
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from tools import equivalents
from tools.mutants import Mutant, apply, generate
from tools.runner import (DURATIONS, SENTINEL, Outcome, Runner, file_seconds, make_copies, sentinel_source,
                          write_module)
from tools.selection import select_with_distance

PROJECT = Path(__file__).resolve().parents[1]
MAX_JOBS = 2


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.mutate", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module files, e.g. bot/core/deadlines.py")
    parser.add_argument("--sample", type=int, metavar="N", help="run a random sample of N mutants per module")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random sample (default 0)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results to FILE")
    parser.add_argument("--tests", action="append", metavar="PATHS",
                        help="test paths to run instead of the selected ones (comma-separated or repeated)")
    parser.add_argument("--jobs", type=int, default=1, choices=range(1, MAX_JOBS + 1),
                        help="mutants run at once, each in its own copy (default 1, at most 2)")
    parser.add_argument("--list", action="store_true", help="list the mutants without running tests")
    parser.add_argument("--only", metavar="NUMBERS",
                        help="run only these mutants (numbers as --list shows them, comma-separated)")
    parser.add_argument("--strings", action="store_true", help="also replace string constants ('s' -> 'XXsXX')")
    parser.add_argument("--equivalents", type=Path, default=equivalents.DEFAULT_FILE, metavar="FILE",
                        help="the equivalent-mutant list (default tools/equivalent_mutants.toml)")
    return parser.parse_args(argv)


def relative_module(name: str) -> str:
    """The module's path from the project root, checked to be a Python file inside it."""
    path = Path(name).resolve()
    if path.suffix != ".py" or not path.is_file() or not path.is_relative_to(PROJECT):
        raise SystemExit(f"{name}: not a Python file of the project at {PROJECT}")
    return path.relative_to(PROJECT).as_posix()


def describe(mutant: Mutant) -> str:
    """'bot/core/deadlines.py:88  'or' -> 'and'  (in parse_repeat)'."""
    return f"{mutant.where}  {mutant.mutation}  (in {mutant.qualname})"


def record(mutant: Mutant, status: str, seconds: float | None = None, reason: str | None = None,
           killed_by: str | None = None) -> dict:
    """A mutant's result, as printed and written to --json."""
    row = {"number": mutant.number, "line": mutant.line, "function": mutant.qualname,
           "mutation": mutant.mutation, "line_text": mutant.line_text, "occurrence": mutant.occurrence,
           "status": status}
    if seconds is not None:
        row["seconds"] = round(seconds, 2)
    if reason:
        row["reason"] = reason
    if killed_by:
        row["killed_by"] = killed_by
    return row


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class ModuleRun:
    """Mutation testing of one module in the prepared copies."""

    def __init__(self, args: argparse.Namespace, module: str, copies: list[Path], runner: Runner,
                 listed: list[equivalents.Equivalent]):
        self.args, self.module, self.copies, self.runner = args, module, copies, runner
        self.distance: dict[str, int] = {}
        self.source = (copies[0] / module).read_text(encoding="utf-8")
        generated = generate(self.source, module, strings=args.strings)
        self.all_mutants = generated.mutants
        self.unverified = generated.unverified
        self.equivalent, self.stale = equivalents.match(self.all_mutants, listed)
        self.mutants = self.all_mutants
        if args.only:
            wanted = {int(number) for number in args.only.split(",") if number.strip()}
            self.mutants = [m for m in self.mutants if m.number in wanted]
        if args.sample is not None and args.sample < len(self.mutants):
            chosen = random.Random(args.seed).sample(self.mutants, args.sample)
            self.mutants = sorted(chosen, key=lambda m: m.number)

    def tests(self) -> list[str]:
        """--tests, else the test files importing the module (nearest first), else all of tests/."""
        if self.args.tests:
            return [path for value in self.args.tests for path in value.split(",") if path]
        selected = select_with_distance(self.copies[0], self.copies[0] / self.module)
        self.distance = {path.as_posix(): hops for path, hops in selected}
        return list(self.distance) or ["tests"]

    def list(self) -> None:
        for mutant in self.mutants:
            marker = "  [equivalent]" if mutant.number in self.equivalent else ""
            print(f"#{mutant.number:<4} {describe(mutant)}{marker}")

    def check(self, tests: list[str]) -> tuple[float, list[str]]:
        """Baseline (must pass, in every copy) and sentinel (must fail).

        Returns the slowest baseline and the tests to run on mutants: the selected files by
        distance, and at the same distance the quickest first, so most mutants are killed early.
        """
        with ThreadPoolExecutor(len(self.copies)) as pool:
            outcomes = list(pool.map(lambda copy: self.runner.run(copy, tests, None, write_bytecode=True,
                                                                  extra=DURATIONS), self.copies))
        for outcome in outcomes:
            if outcome.status != "passed":
                raise RuntimeError(f"the selected tests fail on the unchanged code:\n{outcome.tail}")
        write_module(self.copies[0], self.module, sentinel_source(self.source))
        try:
            sentinel = self.runner.run(self.copies[0], tests, None)
        finally:
            write_module(self.copies[0], self.module, self.source)
        if sentinel.status == "passed" or SENTINEL not in sentinel.tail:
            raise RuntimeError(f"the tests did not see a change to {self.module} in the copy (they do not "
                               f"import it, or import the working tree instead):\n{sentinel.tail}")
        if self.distance:
            seconds = file_seconds(outcomes[0].output)
            tests = sorted(tests, key=lambda path: (self.distance[path], seconds.get(path, 0.0)))
        return max(outcome.seconds for outcome in outcomes), tests

    def attempt(self, copy: Path, tests: list[str], timeout: float) -> tuple[Outcome, bool]:
        """Run the tests on the mutant in `copy`, making sure a failure is the mutant's doing.

        The failing test is run again alone; if it passes, the failure was a flaky test (or one
        that needs the tests before it), so the whole selection runs once more and that run counts.
        Returns the outcome and whether that second run was needed.
        """
        outcome = self.runner.run(copy, tests, timeout)
        failing = outcome.failing_test()
        if outcome.status != "failed" or failing is None:
            return outcome, False
        if self.runner.run(copy, [failing], timeout).status != "passed":
            return outcome, False
        return self.runner.run(copy, tests, timeout), True

    def run(self) -> dict:
        progress(f"{self.module}: {len(self.mutants)} mutants")
        rows: dict[int, dict] = {}
        for mutant in self.mutants:
            if mutant.number in self.equivalent:
                rows[mutant.number] = record(mutant, "equivalent", reason=self.equivalent[mutant.number].reason)
        pending = [m for m in self.mutants if m.number not in rows]
        baseline, tests = self.check(self.tests()) if pending else (0.0, [])
        timeout = 3 * baseline + 10
        progress(f"{self.module}: baseline {baseline:.1f} s, timeout {timeout:.0f} s, tests: {' '.join(tests)}")
        free: queue.Queue[Path] = queue.Queue()
        for copy in self.copies:
            free.put(copy)

        def one(mutant: Mutant) -> dict:
            copy = free.get()
            try:
                write_module(copy, self.module, apply(self.source, mutant.edits))
                outcome, retried = self.attempt(copy, tests, timeout)
            finally:
                write_module(copy, self.module, self.source)
                free.put(copy)
            status = {"passed": "survived", "failed": "killed"}.get(outcome.status, outcome.status)
            killed_by = (outcome.first_failure() or outcome.last_line()) if status == "killed" else None
            row = record(mutant, status, outcome.seconds, killed_by=killed_by)
            if retried:
                row["retried"] = True
            return row

        pool = ThreadPoolExecutor(len(self.copies))
        try:
            futures = {pool.submit(one, mutant): mutant for mutant in pending}
            for done, future in enumerate(as_completed(futures), start=1):
                row = rows[futures[future].number] = future.result()
                progress(f"[{done}/{len(pending)}] {row['status']:<8} {describe(futures[future])}"
                         f"  {row['seconds']:.1f} s{'  (retried)' if row.get('retried') else ''}"
                         f"  {row.get('killed_by', '')}")
        except BaseException:  # Ctrl-C: start no more mutants and end the running ones
            pool.shutdown(wait=False, cancel_futures=True)
            self.runner.stop_all()
            raise
        finally:
            pool.shutdown(wait=True)
        results = [rows[m.number] for m in self.mutants]
        return {"module": self.module, "tests": tests, "baseline_seconds": round(baseline, 2),
                "mutants_total": len(self.all_mutants), "unverified": self.unverified,
                **score(results), "mutants": results}


def score(results: list[dict]) -> dict:
    """Counts by status and the score killed / (total − equivalent), timeouts counted as killed."""
    counts = {status: sum(row["status"] == status for row in results)
              for status in ("killed", "timeout", "survived", "equivalent")}
    killed = counts["killed"] + counts["timeout"]
    scored = len(results) - counts["equivalent"]
    return {**counts, "total": len(results), "score": round(100 * killed / scored, 1) if scored else None}


def report(result: dict, mutants: dict[int, Mutant]) -> None:
    """The survivors, the equivalents and the score line of one module."""
    module = result["module"]
    print(f"\n{module}: {result['total']} of its {result['mutants_total']} mutants, "
          f"{len(result['tests'])} test paths, baseline {result['baseline_seconds']:.1f} s")
    survivors = [row for row in result["mutants"] if row["status"] == "survived"]
    print(f"survived ({len(survivors)}):")
    for row in survivors:
        print(f"  {describe(mutants[row['number']])}")
    for row in result["mutants"]:
        if row["status"] == "equivalent":
            print(f"  equivalent: {describe(mutants[row['number']])}: {row['reason']}")
    for where in result["unverified"]:
        print(f"  not run (its text edit did not parse to the intended change): {where}")
    print(score_line(result))


def score_line(result: dict) -> str:
    killed = result["killed"] + result["timeout"]
    scored = result["total"] - result["equivalent"]
    value = "n/a" if result["score"] is None else f"{result['score']:.1f}%"
    return (f"score {result.get('module', 'all modules')}: {killed} killed ({result['timeout']} by timeout) / "
            f"({result['total']} total − {result['equivalent']} equivalent = {scored}) = {value}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # the report and the progress lines interleave in order
    modules = [relative_module(name) for name in args.modules]
    try:
        listed = equivalents.load(args.equivalents)
    except equivalents.EquivalentsError as exc:
        raise SystemExit(f"{args.equivalents}: {exc}") from None
    for entry in equivalents.duplicates(listed):
        progress(f"warning: {args.equivalents.name} names a mutant twice: {entry.module} ({entry.function}) "
                 f"{entry.mutation} on `{entry.line}`")
    started = time.monotonic()
    base, copies = make_copies(PROJECT, 1 if args.list else args.jobs)
    runner = Runner()
    results, failed = [], False
    try:
        for module in modules:
            run = ModuleRun(args, module, copies, runner, listed)
            for entry in run.stale:
                progress(f"warning: equivalent entry matches no mutant: {entry.module} ({entry.function}) "
                         f"{entry.mutation} on `{entry.line}`")
            if args.list:
                run.list()
                continue
            try:
                result = run.run()
            except RuntimeError as exc:
                print(f"\n{module}: not run: {exc}")
                failed = True
                continue
            report(result, {m.number: m for m in run.mutants})
            results.append(result)
    finally:
        runner.stop_all()
        shutil.rmtree(base, ignore_errors=True)
    seconds = time.monotonic() - started
    if len(results) > 1:
        print(score_line(score([row for result in results for row in result["mutants"]])))
    if not args.list:
        print(f"took {seconds:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"seconds": round(seconds, 1), "modules": results}, indent=2) + "\n",
                             encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
