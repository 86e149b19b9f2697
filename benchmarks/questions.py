"""Question-answering benchmark: top-1 accuracy, abstention and latency per question and language, in process.

    python -m benchmarks.questions [FILE.jsonl ...] [--json OUT] [--failures] [--check]

Each line of a file is `{"q": "who handles border enforcement?", "accept": ["CBP", "DHS", "ICE"]}`:
the agencies accepted as a correct first answer; an empty list means the bot must abstain. A line may say
its language (`"lang": "fr"`); otherwise a file named `…_fr.jsonl` or `…_es.jsonl` is French or Spanish,
any other English. With no file, it reads ../shared/examples/questions.jsonl and questions_fr_es.jsonl
(beside the repository, when present) and tests/data/questions.jsonl, questions_fr.jsonl and
questions_es.jsonl. Questions go through the path every entry point takes (the language detected, then
that language's index); an answer in another language than the question's is counted wrong. The
knowledge base is the shipped one (bot/data/knowledge.toml); every index is built before timing starts,
so latency is per question once loaded.

Bar (issues 3 and 11): top-1 >= 97% in English and >= 90% in French and Spanish on topical questions,
100% correct abstention, median <= 2 ms. `--check` exits 1 when a file misses the bar.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.knowledge.multilingual import answer_in_language, prepare  # noqa: E402
from bot.core.knowledge import from_seed, read_seed  # noqa: E402

DEFAULT_FILES = (ROOT.parent / "shared" / "examples" / "questions.jsonl",
                 ROOT.parent / "shared" / "examples" / "questions_fr_es.jsonl",
                 ROOT / "tests" / "data" / "questions.jsonl", ROOT / "tests" / "data" / "questions_fr.jsonl",
                 ROOT / "tests" / "data" / "questions_es.jsonl")
BAR_TOP1, BAR_ABSTAIN, BAR_MEDIAN_MS = 0.97, 1.0, 2.0
BAR_TOP1_BY_LANGUAGE = {"en": 0.97, "fr": 0.90, "es": 0.90}


def load(path: Path) -> list[dict]:
    """The questions of a file, each with its language (`lang`)."""
    default = next((lang for lang in ("fr", "es") if path.stem.endswith(f"_{lang}")), "en")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**item, "lang": item.get("lang") or default} for item in items]


def by_language(items: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for item in items:
        grouped.setdefault(item.get("lang", "en"), []).append(item)
    return grouped


def evaluate(items: list[dict], knowledge, repeats: int = 3) -> dict:
    """Score every question; latency is the best of `repeats` runs of each question."""
    prepare(knowledge)  # build every language's index once, outside the timings
    topical = correct = abstain_items = abstain_correct = 0
    latencies: list[float] = []
    failures: list[dict] = []
    for item in items:
        question, accept = item["q"], item.get("accept", [])
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            answer = answer_in_language(question, knowledge)
            best = min(best, time.perf_counter() - started)
        latencies.append(best * 1000)
        first = answer.agencies[0].acronym if answer.agencies else None
        spoken = answer.language == item.get("lang", "en")
        if accept:
            topical += 1
            ok = first in accept and spoken
            correct += ok
        else:
            abstain_items += 1
            ok = answer.abstained and not answer.agencies and spoken
            abstain_correct += ok
        if not ok:
            failures.append({"q": question, "accept": accept, "got": first, "language": answer.language,
                             "topic": answer.topic.slug if answer.topic else None, "kind": answer.kind})
    latencies.sort()
    return {
        "questions": len(items),
        "topical": topical,
        "top1": correct / topical if topical else 1.0,
        "top1_correct": correct,
        "abstain": abstain_items,
        "abstention": abstain_correct / abstain_items if abstain_items else 1.0,
        "abstain_correct": abstain_correct,
        "median_ms": statistics.median(latencies) if latencies else 0.0,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0,
        "failures": failures,
    }


def meets_bar(result: dict, language: str = "en") -> bool:
    return (result["top1"] >= BAR_TOP1_BY_LANGUAGE.get(language, BAR_TOP1) and result["abstention"] >= BAR_ABSTAIN
            and result["median_ms"] <= BAR_MEDIAN_MS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--failures", action="store_true", help="list every question answered wrongly")
    parser.add_argument("--check", action="store_true", help="exit 1 if a file misses the bar")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.files or [f for f in DEFAULT_FILES if f.exists()]
    if not files:
        print("no question files found", file=sys.stderr)
        return 2

    started = time.perf_counter()
    knowledge = from_seed(read_seed())
    prepare(knowledge)
    load_ms = (time.perf_counter() - started) * 1000

    results = {}
    print(f"knowledge base loaded and indexed in {load_ms:.0f} ms\n")
    header = f"{'file':42} {'lang':>4} {'n':>4} {'top-1':>16} {'abstention':>13} {'median':>9} {'p99':>9}  bar"
    print(header)
    print("-" * len(header))
    passed = []
    for path in files:
        for language, items in by_language(load(path)).items():
            result = evaluate(items, knowledge, repeats=args.repeats)
            results[f"{path}#{language}"] = {**result, "file": str(path), "language": language}
            passed.append(meets_bar(result, language))
            name = str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)
            print(f"{name[-42:]:42} {language:>4} {result['questions']:>4} "
                  f"{result['top1'] * 100:6.1f}% ({result['top1_correct']:>3}/{result['topical']:<3}) "
                  f"{result['abstention'] * 100:5.1f}% ({result['abstain_correct']:>2}/{result['abstain']:<2}) "
                  f"{result['median_ms']:7.3f}ms {result['p99_ms']:7.3f}ms  "
                  f"{'ok' if passed[-1] else 'MISSED'}")
    print(f"\nbar: top-1 >= {BAR_TOP1:.0%} (English), >= {BAR_TOP1_BY_LANGUAGE['fr']:.0%} (French, Spanish); "
          f"abstention {BAR_ABSTAIN:.0%}; median <= {BAR_MEDIAN_MS} ms per question")
    if args.failures:
        for path, result in results.items():
            for failure in result["failures"]:
                print(f"  {Path(result['file']).name}: {failure['q']!r} -> {failure['got']} in {failure['language']} "
                      f"({failure['kind']}, {failure['topic']}); accept {failure['accept']}")
    if args.json:
        args.json.write_text(json.dumps({"load_ms": load_ms, "results": results}, indent=2), encoding="utf-8")
    if args.check and not all(passed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
