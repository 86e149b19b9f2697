"""The pure parts of the mutation tester (tools/): mutants, equivalent keys, test selection."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tools import equivalents
from tools.mutants import apply, generate
from tools.mutate import score
from tools.selection import select_tests

SNIPPET = textwrap.dedent('''\
    """A module docstring is never mutated."""
    from __future__ import annotations

    import logging

    log = logging.getLogger(__name__)
    LIMIT = 3


    def check(x: int, names: list[str] = ()) -> bool:
        """Neither is a function docstring."""
        log.info("checking %s", x + 1)
        if x < LIMIT or x in names:
            return True
        return not names
    ''')


def mutants_by_line(strings: bool = False) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for mutant in generate(SNIPPET, "bot/example.py", strings=strings).mutants:
        found.setdefault(mutant.line, []).append((mutant.mutation, mutant.qualname))
    return found


def test_each_operator_is_found_on_its_line():
    found = mutants_by_line()
    assert sorted(found[7]) == [("3 -> 2", "<module>"), ("3 -> 4", "<module>")]
    assert {m for m, _ in found[13]} == {"'<' -> '<='", "'or' -> 'and'", "'in' -> 'not in'",
                                         "negate if condition"}
    assert {m for m, _ in found[14]} == {"True -> False", "'return value' -> 'return None'"}
    assert {m for m, _ in found[15]} == {"'not x' -> 'x'", "'return value' -> 'return None'"}
    assert all(qualname == "check" for line in (13, 14, 15) for _, qualname in found[line])


def test_docstrings_annotations_future_and_logging_are_left_alone():
    found = mutants_by_line(strings=True)
    assert not {1, 2, 10, 11, 12} & set(found)  # docstrings, __future__, the def's annotations, log call
    assert set(found) == {7, 13, 14, 15}


def test_a_mutant_changes_only_its_own_text_and_keeps_line_numbers():
    mutants = generate(SNIPPET, "bot/example.py").mutants
    flip = next(m for m in mutants if m.mutation == "'<' -> '<='")
    swap = next(m for m in mutants if m.mutation == "'or' -> 'and'")
    drop = next(m for m in mutants if m.line == 15 and m.mutation.startswith("'return"))
    for mutant, line in [(flip, "    if x <= LIMIT or x in names:"), (swap, "    if x < LIMIT and x in names:"),
                         (drop, "    return None")]:
        changed = apply(SNIPPET, mutant.edits).splitlines()
        original = SNIPPET.splitlines()
        assert changed[mutant.line - 1] == line
        assert [a for a, b in zip(changed, original) if a != b] == [line]
        ast.parse("\n".join(changed))


def test_swapping_and_or_keeps_the_grouping_of_the_other_operator():
    source = "def pick(a, b, c):\n    return a and b or c\n"
    swapped = {m.mutation: apply(source, m.edits).splitlines()[1].strip()
               for m in generate(source, "bot/x.py").mutants if "'and'" in m.mutation or "'or'" in m.mutation}
    assert swapped == {"'and' -> 'or'": "return (a or b) or c", "'or' -> 'and'": "return (a and b) and c"}


def test_the_same_mutation_twice_on_a_line_gets_an_occurrence_number():
    mutants = generate("def inside(a, b, c):\n    return a < b < c\n", "bot/x.py").mutants
    flips = [m for m in mutants if m.mutation == "'<' -> '<='"]
    assert [m.occurrence for m in flips] == [1, 2]
    assert len({m.key() for m in mutants}) == len(mutants)


ENTRIES = '''
[[mutant]]
module = "bot/x.py"
function = "inside"
mutation = "'<' -> '<='"
line = "return a < b < c"
occurrence = 2
reason = "for the test"

[[mutant]]
module = "bot/x.py"
function = "gone"
mutation = "1 -> 2"
line = "return 1"
reason = "no longer in the code"
'''


def test_equivalent_entries_match_by_function_mutation_line_text_and_occurrence():
    mutants = generate("\n\ndef inside(a, b, c):\n    return a < b < c\n", "bot/x.py").mutants
    found, stale = equivalents.match(mutants, equivalents.parse(ENTRIES))
    [number] = found
    matched = next(m for m in mutants if m.number == number)
    assert (matched.line, matched.occurrence, matched.mutation) == (4, 2, "'<' -> '<='")
    assert [entry.function for entry in stale] == ["gone"]


def test_an_entry_naming_a_mutant_twice_is_found():
    entries = equivalents.parse(ENTRIES + ENTRIES)
    assert [entry.function for entry in equivalents.duplicates(entries)] == ["inside", "gone"]


def test_an_equivalent_entry_without_a_reason_is_refused():
    with pytest.raises(equivalents.EquivalentsError, match="reason"):
        equivalents.parse('[[mutant]]\nmodule = "a.py"\nfunction = "f"\nmutation = "x"\nline = "y"\n')


def test_tests_are_selected_by_direct_and_transitive_imports(tmp_path):
    files = {
        "bot/__init__.py": "",
        "bot/core/__init__.py": "",
        "bot/core/target.py": "VALUE = 1\n",
        "bot/core/sibling.py": "from . import target\n",
        "bot/commands.py": "def run():\n    from bot.core.sibling import target\n",
        "storage/__init__.py": "",
        "tests/__init__.py": "",
        "tests/helpers.py": "import bot.commands\n",
        "tests/test_direct.py": "from bot.core.target import VALUE\n",
        "tests/test_module.py": "from bot.core import target\n",
        "tests/test_far.py": "from tests.helpers import bot\n",
        "tests/test_unrelated.py": "import bot\nimport json\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    selected = [path.as_posix() for path in select_tests(tmp_path, tmp_path / "bot/core/target.py")]
    assert selected == ["tests/test_direct.py", "tests/test_module.py", "tests/test_far.py"]


def test_the_score_leaves_out_equivalent_mutants_and_counts_timeouts_as_killed():
    rows = [{"status": s} for s in ("killed", "timeout", "survived", "equivalent", "killed")]
    assert score(rows) == {"killed": 2, "timeout": 1, "survived": 1, "equivalent": 1, "total": 5, "score": 75.0}


def test_the_killing_test_is_read_from_pytests_summary():
    from tools.runner import Outcome

    tail = ("ERROR    bot.listeners.commands:commands.py:51 /activities failed\n"
            "=== short test summary info ===\n"
            "FAILED tests/test_a.py::test_b[x-1] - AssertionError: a - b\nERROR tests/test_c.py - boom\n")
    assert Outcome("failed", 1.0, tail).failing_test() == "tests/test_a.py::test_b[x-1]"
    assert Outcome("failed", 1.0, "ERROR tests/test_c.py - RuntimeError: x").failing_test() == "tests/test_c.py"
    assert Outcome("passed", 1.0, "5 passed").failing_test() is None


def test_seconds_per_test_file_are_summed_from_the_durations_report():
    from tools.runner import file_seconds

    output = ("=== slowest durations ===\n"
              "0.27s call     tests/test_dates.py::test_a\n"
              "0.10s setup    tests/test_dates.py::test_b[x]\n"
              "1.50s call     tests/test_slack.py::test_c\n")
    assert file_seconds(output) == {"tests/test_dates.py": 0.37, "tests/test_slack.py": 1.5}
