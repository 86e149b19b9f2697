"""Learning from other Members' reports: each report in benchmarks/reports/ is learned into its own
knowledge, then its questions are asked. Prints top-1 accuracy and abstention per report.

    python -m benchmarks.learning [--verbose]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.knowledge import Knowledge, from_seed, read_seed  # noqa: E402
from bot.core.knowledge.answering import answer_question  # noqa: E402
from bot.core.knowledge.documents import read_document  # noqa: E402
from bot.core.knowledge.extract import DocumentInfo, passages_of, propose  # noqa: E402

REPORTS = ROOT / "benchmarks" / "reports"


def learned_knowledge(path: Path, member: str) -> tuple[Knowledge, float]:
    shipped = from_seed(read_seed())
    vocabulary = Knowledge([], shipped.topics, [])
    started = time.perf_counter()
    paragraphs = read_document(path.read_bytes(), path.name)
    proposal = propose(paragraphs, DocumentInfo(member=member, title=path.stem), vocabulary)
    elapsed = time.perf_counter() - started
    return Knowledge(list(proposal.agencies), list(proposal.topics), list(proposal.links),
                     passages_of(proposal)), elapsed


def judge(knowledge: Knowledge, questions: list[dict], verbose: bool = False) -> dict:
    answered = correct = silent = abstained = 0
    for item in questions:
        answer = answer_question(item["q"], knowledge)
        accept = set(item["accept"])
        first = answer.agencies[0] if answer.agencies else None
        if accept:
            answered += 1
            hit = first is not None and (first.acronym in accept or first.name in accept
                                         or (first.parent or "") in accept)
            correct += hit
        else:
            silent += 1
            hit = first is None
            abstained += hit
        if verbose and not hit:
            got = [a.acronym for a in answer.agencies[:3]]
            print(f"   MISS {item['q']!r}: got {got} ({answer.topic.slug if answer.topic else None}), "
                  f"want {sorted(accept)}")
    return {"answered": answered, "top1": correct, "silent": silent, "abstained": abstained}


def main(argv: list[str]) -> dict:
    verbose = "--verbose" in argv
    totals = {"answered": 0, "top1": 0, "silent": 0, "abstained": 0}
    results = {}
    for path in sorted(REPORTS.glob("*.txt")):
        member = path.stem.replace("-", " ").title()
        questions = [json.loads(l) for l in (REPORTS / f"{path.stem}.questions.jsonl").read_text().splitlines()
                     if l.strip()]
        knowledge, elapsed = learned_knowledge(path, member)
        score = judge(knowledge, questions, verbose)
        results[path.stem] = {**score, "learn_seconds": round(elapsed, 3)}
        for key in totals:
            totals[key] += score[key]
        print(f"{path.stem:16} top-1 {score['top1']}/{score['answered']}  abstained {score['abstained']}/"
              f"{score['silent']}  learned in {elapsed:.2f} s")
    print(f"{'all':16} top-1 {totals['top1']}/{totals['answered']} "
          f"({100 * totals['top1'] / max(1, totals['answered']):.0f}%)  abstained {totals['abstained']}/"
          f"{totals['silent']} ({100 * totals['abstained'] / max(1, totals['silent']):.0f}%)")
    return {"reports": results, "totals": totals}


def measure(verbose: bool = False) -> dict:
    """For benchmarks/run.py: accuracy on the other Members' reports, the median time of a question on
    learned knowledge, and the time to learn one report of at least 200 paragraphs (all of them in one)."""
    shipped = from_seed(read_seed())
    vocabulary = Knowledge([], shipped.topics, [])
    correct = answered = abstained = silent = 0
    timings: list[float] = []
    texts = []
    for path in sorted(REPORTS.glob("*.txt")):
        questions = [json.loads(l) for l in (REPORTS / f"{path.stem}.questions.jsonl").read_text().splitlines()
                     if l.strip()]
        knowledge, _ = learned_knowledge(path, path.stem.replace("-", " ").title())
        answer_question("warm-up", knowledge)  # the index is built once per knowledge
        score = judge(knowledge, questions, verbose)
        correct, answered = correct + score["top1"], answered + score["answered"]
        abstained, silent = abstained + score["abstained"], silent + score["silent"]
        for item in questions:
            started = time.perf_counter()
            answer_question(item["q"], knowledge)
            timings.append((time.perf_counter() - started) * 1000)
        texts.append(path.read_text(encoding="utf-8"))
    combined = "\n\n".join(texts * 2).encode()  # past 200 paragraphs
    started = time.perf_counter()
    paragraphs = read_document(combined, "combined.txt")
    propose(paragraphs, DocumentInfo(member="Combined", title="combined"), vocabulary)
    learn_seconds = time.perf_counter() - started
    timings.sort()
    return {"top1": correct / max(1, answered), "abstention": abstained / max(1, silent),
            "questions": answered + silent, "median_ms": timings[len(timings) // 2],
            "paragraphs": len(paragraphs), "learn_seconds": learn_seconds}


if __name__ == "__main__":
    main(sys.argv[1:])
