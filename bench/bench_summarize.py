"""Benchmark: zhnews TextRank and lead against peer summarizers on real news.

Scores every method on ../shared/data/cctv_briefs/pairs.jsonl (CCTV news items
with editor-written summaries) under the same budget: the reference's length
in characters. Reports ROUGE-1/2/L F1 on characters, articles per second,
peak traced memory, and two behaviour checks on the same articles:
`repeat %` (the first paragraph doubled, as scraped pages often have it: how
often a 150-character summary contains the same sentence twice) and
`order %` (how often a 150-character summary is out of document order).

zhnews was tuned on the dev split (every third row, 200 rows, all years); the
default reports the test split (the other 400 rows) only.

    python bench/bench_summarize.py              # test split, Markdown table
    python bench/bench_summarize.py --split dev
    python bench/bench_summarize.py --limit 100  # quicker
    python bench/bench_summarize.py --sentences 0  # without the second table (below)

A second table scores every method asked for a number of sentences instead
(`--sentences`, 3 by default): the whole output against the reference, no
character cap, so a method that picks long sentences is not cut back.

Peers (pip install -e '.[bench]'): textrank4zh (patched for networkx 3),
SnowNLP, sumy TextRank and LexRank with sumy's Chinese tokenizer (jieba). A
peer that is not installed is skipped with a note. Each peer returns its
ranked sentences; all methods get the same budget fitting: sentences are
taken in rank order while they fit, a best sentence longer than the budget is
cut, and the result is capped at the budget. Peers keep their own output
order (textrank4zh and SnowNLP: by rank; sumy: document order).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PAIRS = REPO.parent / "shared" / "data" / "cctv_briefs" / "pairs.jsonl"
# Rows are in date order and CCTV's style changed over the years, so the dev
# split takes every third row rather than the first ones.
DEV_EVERY = 3
# A digest line: room for two or three sentences, so order and repeats show.
BEHAVIOUR_BUDGET = 150

# A method maps (article text, character budget, number of sentences or None) to summary sentences;
# given a number of sentences, it ignores the budget.
Method = Callable[..., list[str]]


def fit_ranked(ranked: list[tuple[int, str]], budget: int, doc_order: bool, sentences: int | None = None) -> list[str]:
    """Same budget rule for every peer: rank order while it fits; cut the best if needed.
    Asked for a number of sentences: the best that many."""
    from zhnews.models.summarize import truncate

    if not ranked:
        return []
    if sentences:
        chosen = ranked[:sentences]
        return [s for _, s in (sorted(chosen) if doc_order else chosen)]
    if len(ranked[0][1]) > budget:
        return [truncate(ranked[0][1], budget)]
    chosen, used = [], 0
    for pos, sentence in ranked:
        if used + len(sentence) <= budget:
            chosen.append((pos, sentence))
            used += len(sentence)
    if doc_order:
        chosen.sort()
    return [s for _, s in chosen]


def cap(sentences: list[str], budget: int) -> str:
    return "".join(sentences)[:budget]


# --- methods -----------------------------------------------------------------


def zhnews_methods() -> dict[str, Method]:
    from zhnews.text.split import split_sentences
    from zhnews.models.summarize import LeadSummarizer, Length, TextRankSummarizer

    textrank, lead = TextRankSummarizer(), LeadSummarizer()

    def lead3_raw(text: str, budget: int, sentences: int | None = None) -> list[str]:
        return split_sentences(text)[: sentences or 3]

    def length(budget: int, sentences: int | None) -> Length:
        return Length(sentences=sentences) if sentences else Length(chars=budget)

    return {
        "zhnews TextRank": lambda text, budget, n=None: textrank.summarize(text, length=length(budget, n)),
        "zhnews lead": lambda text, budget, n=None: lead.summarize(text, length=length(budget, n)),
        "lead-3 (raw sentences)": lead3_raw,
    }


def peer_methods(notes: list[str]) -> dict[str, Method]:
    methods: dict[str, Method] = {}
    warnings.filterwarnings("ignore")
    try:
        import networkx

        if not hasattr(networkx, "from_numpy_matrix"):
            networkx.from_numpy_matrix = networkx.from_numpy_array
        from textrank4zh import TextRank4Sentence

        def textrank4zh(text: str, budget: int, sentences: int | None = None) -> list[str]:
            tr = TextRank4Sentence()
            tr.analyze(text=text, lower=True, source="all_filters")
            ranked = [(item.index, item.sentence) for item in tr.get_key_sentences(num=10)]
            return fit_ranked(ranked, budget, doc_order=False, sentences=sentences)

        methods["textrank4zh 0.3"] = textrank4zh
    except ImportError as exc:
        notes.append(f"textrank4zh skipped: {exc}")
    try:
        from snownlp import SnowNLP

        def snownlp(text: str, budget: int, sentences: int | None = None) -> list[str]:
            ranked = list(enumerate(SnowNLP(text).summary(10)))
            return fit_ranked(ranked, budget, doc_order=False, sentences=sentences)

        methods["SnowNLP"] = snownlp
    except ImportError as exc:
        notes.append(f"SnowNLP skipped: {exc}")
    try:
        import jieba  # noqa: F401  (sumy's Chinese tokenizer needs it)
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRank

        tokenizer = Tokenizer("chinese")

        def sumy_method(summarizer) -> Method:
            def run(text: str, budget: int, sentences: int | None = None) -> list[str]:
                document = PlaintextParser.from_string(text, tokenizer).document
                order = {id(s): i for i, s in enumerate(document.sentences)}
                ranked: list[tuple[int, str]] = []

                def keep_ranking(infos):  # sumy passes sentences best first
                    ranked.extend((order[id(i.sentence)], str(i.sentence)) for i in infos)
                    return infos

                summarizer(document, keep_ranking)
                return fit_ranked(ranked, budget, doc_order=True, sentences=sentences)

            return run

        methods["sumy TextRank"] = sumy_method(SumyTextRank())
        methods["sumy LexRank"] = sumy_method(LexRankSummarizer())
    except ImportError as exc:
        notes.append(f"sumy skipped: {exc}")
    return methods


# --- measurements --------------------------------------------------------------


def score(method: Method, rows: list[dict], sentences: int | None = None) -> dict[str, float]:
    from zhnews.models.evaluate import rouge_l, rouge_n

    totals = {"R-1": 0.0, "R-2": 0.0, "R-L": 0.0}
    start = time.perf_counter()
    if sentences:
        outputs = ["".join(method(r["article"], 0, sentences)) for r in rows]
    else:
        outputs = [cap(method(r["article"], len(r["summary"])), len(r["summary"])) for r in rows]
    elapsed = time.perf_counter() - start
    for out, row in zip(outputs, rows):
        totals["R-1"] += rouge_n(out, row["summary"], 1)
        totals["R-2"] += rouge_n(out, row["summary"], 2)
        totals["R-L"] += rouge_l(out, row["summary"])
    result = {k: 100 * v / len(rows) for k, v in totals.items()}
    result["characters"] = sum(map(len, outputs)) / len(rows)
    result["art/s"] = len(rows) / elapsed
    return result


def behaviour(method: Method, rows: list[dict]) -> tuple[float, float]:
    """(% summaries repeating a sentence, % out of document order) at 150 characters."""
    from zhnews.text.chars import normalized_key

    repeats = disorder = 0
    for row in rows:
        paragraphs = row["article"].split("\n")
        doubled = "\n".join([paragraphs[0]] + paragraphs)
        out = [normalized_key(s) for s in method(doubled, BEHAVIOUR_BUDGET)]
        repeats += len(set(out)) < len(out)
        plain = normalized_key(row["article"])
        positions = [plain.find(s) for s in out if s and plain.find(s) >= 0]
        disorder += positions != sorted(positions)
    return 100 * repeats / len(rows), 100 * disorder / len(rows)


def peak_memory(method: Method, rows: list[dict]) -> float:
    tracemalloc.start()
    for row in rows:
        method(row["article"], len(row["summary"]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def long_page_seconds(method: Method, rows: list[dict], chars: int = 20000) -> tuple[float, int]:
    parts, total = [], 0
    for row in rows:
        parts.append(row["article"])
        total += len(row["article"])
        if total >= chars:
            break
    page = "\n".join(parts)[:chars]
    start = time.perf_counter()
    method(page, 150)
    return time.perf_counter() - start, len(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N rows of the split")
    parser.add_argument("--only", default=None, help="comma-separated method names to run")
    parser.add_argument("--sentences", type=int, default=3,
                        help="also score every method asked for this many sentences (0: skip that table)")
    args = parser.parse_args(argv)
    if not PAIRS.is_file():
        print(f"bench_summarize: {PAIRS} is absent; nothing to benchmark.")
        return 0
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [r for i, r in enumerate(rows) if i % DEV_EVERY == 0]
    test = [r for i, r in enumerate(rows) if i % DEV_EVERY != 0]
    rows = {"dev": dev, "test": test, "all": rows}[args.split]
    if args.limit:
        rows = rows[: args.limit]
    notes: list[str] = []
    methods = {**zhnews_methods(), **peer_methods(notes)}
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        methods = {k: v for k, v in methods.items() if k in wanted}
        if not methods:
            print(f"bench_summarize: no method named {args.only!r}; choose from "
                  f"{', '.join({**zhnews_methods(), **peer_methods([])})}", file=sys.stderr)
            return 2
    # One-time loading (dictionaries, models) is not part of the speed.
    for method in methods.values():
        method(rows[0]["article"], len(rows[0]["summary"]))
    results = {}
    for name, method in methods.items():
        print(f"scoring {name} ...", file=sys.stderr, flush=True)
        result = score(method, rows)
        result["repeat %"], result["order %"] = behaviour(method, rows)
        result["peak MiB"] = peak_memory(method, rows[:20])
        result["20k page s"], page_chars = long_page_seconds(method, rows)
        results[name] = result
    print(f"cctv_briefs {args.split} split: {len(rows)} articles; budget = reference length in characters; "
          f"ROUGE F1 on characters (punctuation ignored), mean over articles.\n")
    columns = ["R-1", "R-2", "R-L", "art/s", "20k page s", "peak MiB", "repeat %", "order %"]
    print("| method | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    formats = {"art/s": "{:.1f}", "20k page s": "{:.3f}", "peak MiB": "{:.1f}", "repeat %": "{:.1f}", "order %": "{:.1f}"}
    for name, result in results.items():
        cells = [formats.get(c, "{:.2f}").format(result[c]) for c in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    ours = results.get("zhnews TextRank")
    if ours:
        print()
        for name, result in results.items():
            if name != "zhnews TextRank":
                print(f"- vs {name}: R-L {ours['R-L'] - result['R-L']:+.2f} points, "
                      f"speed ×{ours['art/s'] / result['art/s']:.1f}")
    print(f"\n20k page: one {page_chars}-character page of concatenated items, 150-character budget. "
          f"peak MiB: tracemalloc peak over 20 articles. Speed excludes one-time dictionary loading.")
    if args.sentences > 0:
        print(f"\ncctv_briefs {args.split} split, {args.sentences} sentences per summary (no character cap): "
              f"ROUGE F1 on characters, mean over articles.\n")
        print("| method | R-1 | R-2 | R-L | characters |")
        print("|---|---|---|---|---|")
        for name, method in methods.items():
            print(f"scoring {name} at {args.sentences} sentences ...", file=sys.stderr, flush=True)
            result = score(method, rows, args.sentences)
            print(f"| {name} | {result['R-1']:.2f} | {result['R-2']:.2f} | {result['R-L']:.2f} | "
                  f"{result['characters']:.0f} |", flush=True)
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
