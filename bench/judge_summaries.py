"""Blind judging of summaries on the readers' genre (../shared/SUMMARIES.md's six criteria).

    python bench/judge_summaries.py prepare ROUND DIR   # DIR/batch_*.md for readers; bench/judged/ROUND.key.json
    python bench/judge_summaries.py score ROUND DIR     # DIR/grades_*.json -> bench/judged/ROUND.jsonl and the table
    python bench/judge_summaries.py prepare h1 DIR --held-out 1   # other articles of the genre (below)
    ZHNEWS_VARIANT='{"min_gain": 0.35}' python bench/judge_summaries.py prepare ROUND DIR   # A/B: a fourth system
    ZHNEWS_VARIANT='{"title_weight": 2}' python bench/judge_summaries.py ab NAME DIR   # A/B where it differs
    python bench/judge_summaries.py abscore NAME DIR    # DIR/grades_*.json -> bench/judged/ab-NAME.jsonl

The set: the 12 seed articles, the 31 pages of html_pages (as zhnews reads
them), 15 long regional articles of themes_dev and 8 finance and IT articles
of SogouC (chosen by a fixed rule, not by reading them): 66 articles. Every
system summarizes the same cleaned article at the same budget (120
characters). For each article the summaries are shuffled and labelled A, B,
C; a reader gets only the article, the labelled summaries and the rubric,
never the system names. The key (which label is which system) and the
grades are kept in bench/judged/, the texts are not.

`ab` puts the default and the `ZHNEWS_VARIANT` side by side, shuffled as A and
B, on every article of the judged set and of the held-out slices where the two
summaries differ; each reader grades all of them on the six criteria and says
which one they prefer (or "even").

`--held-out K` judges articles of the same sources that the set above leaves
out: 30 other long regional articles of themes_dev and 10 other finance and
IT articles of SogouC, chosen by the same kind of fixed rule (40 articles).
Each K is a slice of its own (K = 1 to 4 share no article with each other or
with the set above; 3 holds the long articles left and then shorter ones, 4 the
other shorter ones, 5 the shorter ones left and articles of 200-299 characters, 6 the other articles
of 200-299 characters, 7 the last of those and SogouC train articles, 8-16 SogouC train articles,
17 the SogouC finance and IT articles left, of the test split and over 3,000 characters): once a slice's
failures have been read and fixed, the
next K measures the fixed code on articles nobody has looked at.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
DATA = REPO.parent / "shared" / "data"
JUDGED = REPO / "bench" / "judged"
CRITERIA = ("core_fact", "no_heading", "no_fluff", "no_chrome", "coherent", "no_repeat")
BUDGET = 120
ARTICLE_CHARS = 2500


def judged_articles(held_out: int = 0) -> list:
    """(set name, article) pairs, in a fixed order; with `held_out` K, slice K of the others (module doc)."""
    from zhnews.errors import ErrorLog
    from zhnews.run.articles import load_articles

    if held_out:
        return _held_out_articles(held_out)
    out = [("seeds", a) for a in load_articles([str(REPO / "seeds")])]
    pages = sorted((DATA / "html_pages" / "pages").glob("*.html"))
    for page in pages:
        found = list(load_articles([str(page)], errors=ErrorLog()))
        if found:
            out.append(("html_pages", found[0]))
    long_ones = _long_dev_rows()
    return out + _dev_articles(long_ones[:: max(1, len(long_ones) // 15)][:15]) + _sogouc_articles(0, 4)


def _dev_articles(rows: list[dict]) -> list:
    """themes_dev rows as zhnews reads them (their first article each)."""
    from zhnews.errors import ErrorLog
    from zhnews.io.rows import row_record
    from zhnews.run.articles import record_articles

    out = []
    for row in rows:
        errors = ErrorLog()
        record = row_record({key: row[key] for key in ("id", "title", "text")}, "themes_dev", 1, errors)
        out += [("themes_dev", a) for a in record_articles(record, errors)[:1]]
    return out


def _sogouc_articles(first: int, per_label: int, skip: int = 0, split: str = "test") -> list:
    """Finance and IT articles of a SogouC split: of every five rows of 400-3,000 characters, the
    one at `first`, `per_label` of each label after the first `skip`."""
    from zhnews.errors import ErrorLog
    from zhnews.io.rows import row_record
    from zhnews.run.articles import record_articles

    rows_of = [json.loads(line) for line in (DATA / "sogouc_subset" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    out = []
    for label in ("财经", "IT"):
        rows = [(i, r) for i, r in enumerate(rows_of, start=1) if r["label"] == label and 400 <= len(r["text"]) <= 3000]
        for i, row in rows[first::5][skip : skip + per_label]:
            errors = ErrorLog()
            record = row_record({"id": f"sogouc-{split}-{i}", "text": row["text"]}, "sogouc", i, errors)
            out += [("sogouc", a) for a in record_articles(record, errors)[:1]]
    return out


def _sogouc_rest() -> list:
    """Finance and IT articles of SogouC that slices 1-16 and the judged set did not take (slice 17)."""
    from zhnews.errors import ErrorLog
    from zhnews.io.rows import row_record
    from zhnews.run.articles import record_articles

    # The test split's (offset, count, skip) of the judged set and of slices 1-6.
    taken_test = [(0, 4, 0)] + [(_SLICES[k][1], 5, _SLICES[k][2]) for k in range(1, 7)]
    out = []
    for split in ("test", "train"):
        rows_of = [json.loads(line) for line in (DATA / "sogouc_subset" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
        for label in ("财经", "IT"):
            numbered = [(i, r) for i, r in enumerate(rows_of, start=1) if r["label"] == label]
            mid = [(i, r) for i, r in numbered if 400 <= len(r["text"]) <= 3000]
            taken = {i for first, count, skip in (taken_test if split == "test" else [])
                     for i, _ in mid[first::5][skip : skip + count]}
            rest = [(i, r) for i, r in mid if i not in taken] if split == "test" else []
            rest += [(i, r) for i, r in numbered if len(r["text"]) > 3000]
            for i, row in sorted(rest, key=lambda pair: pair[0]):
                errors = ErrorLog()
                record = row_record({"id": f"sogouc-{split}-{i}", "text": row["text"]}, "sogouc", i, errors)
                out += [("sogouc", a) for a in record_articles(record, errors)[:1]]
    return out


def _dev_rows() -> list[dict]:
    return [json.loads(line) for line in (DATA / "themes_dev" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]


def _long_dev_rows() -> list[dict]:
    return sorted((r for r in _dev_rows() if len(r["text"]) >= 500), key=lambda r: r["id"])


# Per slice: the remainders (modulo the judged set's step) of the long themes_dev rows, and the
# first SogouC row of every five (the judged set takes row 0 of every five). Slice 3 takes the long
# rows no other set took, then every other article of 300-499 characters; slice 4 the others of those.
# Slice 5 takes the 300-499 rows left and then every other one of 200-299, and SogouC's row 0 of
# every five again, past the four the judged set took. Slice 6 takes the 200-299 rows slice 5 left, and
# SogouC's row 1 of every five past the five slice 2 took. Slice 7 takes the 200-299 rows left and
# 10 finance and 10 IT articles of SogouC's train split (row 0 of every five). Slice 8 takes no
# themes_dev rows (none of 200 characters or more is left) and 20 finance and 20 IT articles of the
# train split (row 1 of every five); slice 9 the same of row 2 of every five, slice 10 of row 3, slice 11 of row 4,
# and slice 12 of row 0 past the ten slice 7 took; slices 13-16 take rows 1-4 past the twenty slices 8-11 took
# (what is left: 11 to 14 of each label).
# Slice 17 (offset None) takes the SogouC finance and IT articles no other slice could: the test split's
# 400-3,000-character rows that slices 1-6 and the judged set left, and every row over 3,000 characters
# of both splits (`_sogouc_rest`).
# Each entry: (themes_dev remainders, SogouC offset, SogouC rows skipped at that offset).
_SLICES = {1: ((2, 4), 2, 0), 2: ((1, 3), 1, 0), 3: (None, 3, 0), 4: (None, 4, 0), 5: (None, 0, 4),
           6: (None, 1, 5), 7: (None, 0, 0), 8: ((), 1, 0), 9: ((), 2, 0),
           10: ((), 3, 0), 11: ((), 4, 0), 12: ((), 0, 10),
           13: ((), 1, 20), 14: ((), 2, 20), 15: ((), 3, 20), 16: ((), 4, 20), 17: ((), None, 0)}
_PER_SLICE = 30
# Where a slice's SogouC articles come from, and how many of each label (test, 5 unless named here).
_SOGOUC_FROM = {7: ("train", 10), **{k: ("train", 20) for k in range(8, 17)}}


def _slice_rows(long_ones: list[dict], step: int, k: int) -> list[dict]:
    remainders = _SLICES[k][0]
    if remainders is not None:
        return [r for i, r in enumerate(long_ones) if i % step in remainders][:_PER_SLICE]
    short = sorted((r for r in _dev_rows() if 300 <= len(r["text"]) < 500), key=lambda r: r["id"])
    if k == 4:
        return short[1::2][:_PER_SLICE]
    if k in (5, 6, 7):
        taken = {r["id"] for j in (3, 4) for r in _slice_rows(long_ones, step, j)}
        shorter = sorted((r for r in _dev_rows() if 200 <= len(r["text"]) < 300), key=lambda r: r["id"])
        five = ([r for r in short if r["id"] not in taken] + shorter[::2])[:_PER_SLICE]
        if k == 5:
            return five
        taken = {r["id"] for r in five}
        six = [r for r in shorter if r["id"] not in taken][:_PER_SLICE]
        if k == 6:
            return six
        taken |= {r["id"] for r in six}
        return [r for r in shorter if r["id"] not in taken]
    taken = {r["id"] for r in long_ones[::step][:15]}
    for other in (j for j in _SLICES if _SLICES[j][0] is not None):
        taken |= {r["id"] for r in _slice_rows(long_ones, step, other)}
    rest = [r for r in long_ones if r["id"] not in taken]
    return (rest + short[::2])[:_PER_SLICE]


def _held_out_articles(k: int) -> list:
    long_ones = _long_dev_rows()
    step = max(1, len(long_ones) // 15)
    if k not in _SLICES or step < 5:
        raise SystemExit(f"judge_summaries: no held-out slice {k} (there are {', '.join(map(str, _SLICES))})")
    _, offset, skip = _SLICES[k]
    if offset is None:
        return _sogouc_rest()
    split, per_label = _SOGOUC_FROM.get(k, ("test", 5))
    return _dev_articles(_slice_rows(long_ones, step, k)) + _sogouc_articles(offset, per_label, skip, split)


def systems() -> dict:
    from bench_summarize import peer_methods

    from zhnews.models.summarize import LeadSummarizer, Length, TextRankSummarizer

    zhnews, lead = TextRankSummarizer(length=Length(chars=BUDGET)), LeadSummarizer(length=Length(chars=BUDGET))
    lexrank = peer_methods([])["sumy LexRank"]
    made = {
        "zhnews": lambda a: zhnews.summarize(a),
        "lead": lambda a: lead.summarize(a),
        "sumy LexRank": lambda a: lexrank(a.text, BUDGET),
    }
    if VARIANT:
        # An A/B round: the same readers grade a TextRank variant beside the default.
        variant = TextRankSummarizer(length=Length(chars=BUDGET), **json.loads(VARIANT))
        made[VARIANT_NAME] = lambda a: variant.summarize(a)
    return made


# ZHNEWS_VARIANT='{"position_weight": 8}' adds that TextRank variant to a round as a fourth system.
VARIANT = os.environ.get("ZHNEWS_VARIANT", "")
VARIANT_NAME = f"zhnews {VARIANT}"


RUBRIC = (REPO.parent / "shared" / "SUMMARIES.md")


def prepare(round_name: str, folder: Path, batches: int = 3, held_out: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"zhnews-{round_name}")
    made = systems()
    key, items = [], []
    for n, (set_name, article) in enumerate(judged_articles(held_out), start=1):
        outputs = {name: run(article) for name, run in made.items()}
        names = list(outputs)
        rng.shuffle(names)
        labels = dict(zip("ABCD", names))
        key.append({"n": n, "set": set_name, "id": article.id, "labels": labels})
        text = article.text[:ARTICLE_CHARS] + ("……（后略）" if len(article.text) > ARTICLE_CHARS else "")
        block = [f"## Article {n}", "", f"Title: {article.title or '(none)'}", "", text, ""]
        for label, name in labels.items():
            summary = " ".join(outputs[name]) or "(empty)"
            block += [f"**{label}**: {summary}", ""]
        items.append("\n".join(block))
    JUDGED.mkdir(parents=True, exist_ok=True)
    (JUDGED / f"{round_name}.key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    size = -(-len(items) // batches)
    for b in range(batches):
        chunk = items[b * size : (b + 1) * size]
        (folder / f"batch_{b + 1}.md").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
    print(f"{len(items)} articles in {batches} batches under {folder}; key in {JUDGED / (round_name + '.key.json')}")


def score(round_name: str, folder: Path) -> None:
    key = {k["n"]: k for k in json.loads((JUDGED / f"{round_name}.key.json").read_text(encoding="utf-8"))}
    rows = []
    for path in sorted(folder.glob("grades_*.json")):
        for graded in json.loads(path.read_text(encoding="utf-8")):
            entry = key[int(graded["n"])]
            for label, name in entry["labels"].items():
                marks = {c: int(graded[label][c]) for c in CRITERIA}
                rows.append({"n": entry["n"], "set": entry["set"], "id": entry["id"], "system": name, **marks})
    (JUDGED / f"{round_name}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sorted(rows, key=lambda r: (r["n"], r["system"]))),
        encoding="utf-8",
    )
    n_articles = len({r["n"] for r in rows})
    print(f"round {round_name}: {n_articles} articles judged blind, 6 criteria each (0/1)\n")
    print("| system | " + " | ".join(CRITERIA) + f" | total / {6 * n_articles} | share |")
    print("|---" * (len(CRITERIA) + 3) + "|")
    names = ["zhnews", "lead", "sumy LexRank"] + sorted({r["system"] for r in rows} - {"zhnews", "lead", "sumy LexRank"})
    for name in names:
        mine = [r for r in rows if r["system"] == name]
        sums = [sum(r[c] for r in mine) for c in CRITERIA]
        total = sum(sums)
        print(f"| {name} | " + " | ".join(map(str, sums)) + f" | {total} | {total / max(1, 6 * len(mine)):.1%} |")


def ab(name: str, folder: Path) -> None:
    from zhnews.models.summarize import Length, TextRankSummarizer

    if not VARIANT:
        raise SystemExit("judge_summaries ab: set ZHNEWS_VARIANT to the parameters to try")
    default = TextRankSummarizer(length=Length(chars=BUDGET))
    variant = TextRankSummarizer(length=Length(chars=BUDGET), **json.loads(VARIANT))
    articles = judged_articles() + [pair for k in _SLICES for pair in judged_articles(k)]
    rng = random.Random(f"zhnews-ab-{name}")
    key, items = [], []
    for set_name, article in articles:
        outputs = {"default": default.summarize(article), "variant": variant.summarize(article)}
        if outputs["default"] == outputs["variant"]:
            continue
        names = list(outputs)
        rng.shuffle(names)
        labels = dict(zip("AB", names))
        n = len(key) + 1
        key.append({"n": n, "set": set_name, "id": article.id, "labels": labels})
        text = article.text[:ARTICLE_CHARS] + ("……（后略）" if len(article.text) > ARTICLE_CHARS else "")
        block = [f"## Article {n}", "", f"Title: {article.title or '(none)'}", "", text, ""]
        block += [f"**{label}**: {' '.join(outputs[which]) or '(empty)'}\n" for label, which in labels.items()]
        items.append("\n".join(block))
    folder.mkdir(parents=True, exist_ok=True)
    (JUDGED / f"ab-{name}.key.json").write_text(json.dumps({"variant": VARIANT, "items": key}, ensure_ascii=False,
                                                           indent=1), encoding="utf-8")
    (folder / "batch.md").write_text("\n\n".join(items) + "\n", encoding="utf-8")
    print(f"{len(items)} of {len(articles)} articles differ; {folder / 'batch.md'} for each reader")


def abscore(name: str, folder: Path) -> None:
    meta = json.loads((JUDGED / f"ab-{name}.key.json").read_text(encoding="utf-8"))
    key = {k["n"]: k for k in meta["items"]}
    rows = []
    for reader, path in enumerate(sorted(folder.glob("grades_*.json")), start=1):
        for graded in json.loads(path.read_text(encoding="utf-8")):
            entry = key[int(graded["n"])]
            for label, which in entry["labels"].items():
                marks = {c: int(graded[label][c]) for c in CRITERIA}
                rows.append({"reader": reader, "n": entry["n"], "set": entry["set"], "id": entry["id"],
                             "system": which, **marks, "preferred": graded.get("preferred") == label})
    (JUDGED / f"ab-{name}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"A/B {name}: variant {meta['variant']} against the default, {len(key)} articles where they differ\n")
    print("| reader | system | " + " | ".join(CRITERIA) + f" | total / {6 * len(key)} | preferred |")
    print("|---" * (len(CRITERIA) + 4) + "|")
    for reader in sorted({r["reader"] for r in rows}):
        for which in ("default", "variant"):
            mine = [r for r in rows if r["reader"] == reader and r["system"] == which]
            sums = [sum(r[c] for r in mine) for c in CRITERIA]
            print(f"| {reader} | {which} | " + " | ".join(map(str, sums))
                  + f" | {sum(sums)} | {sum(r['preferred'] for r in mine)} |")


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("prepare", "score", "ab", "abscore"):
        print("usage:\n" + __doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    command, round_name, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if command in ("ab", "abscore"):
        {"ab": ab, "abscore": abscore}[command](round_name, folder)
    elif command == "prepare":
        rest = sys.argv[4:]
        prepare(round_name, folder, held_out=int(rest[rest.index("--held-out") + 1]) if "--held-out" in rest else 0)
    else:
        score(round_name, folder)
