"""Reading real pages: body and title extraction on ../shared/data/html_pages, beside the peers.

    python bench/bench_extract.py              # the table, zhnews and every installed peer
    python bench/bench_extract.py --pages      # also one line per page for zhnews
    python bench/bench_extract.py --sogouc     # also: SogouC articles skipped or losing > 20%

Metrics (the data set's README): "fully right" = the body's first and last
sentences present and none of the page's listed chrome strings; "complete" =
share of the body's sentences present, weighted by length; "chrome" = listed
chrome strings present; "title exact" = the title equals the truth (or an
accepted variant); "failures" = nothing extracted, an exception, or the wrong
content. Both sides are compared after NFKC, lower case, letters and digits
only, and conversion to simplified characters. Peers (the `bench` extra):
trafilatura, readability-lxml, GNE, newspaper4k, each given the same HTML.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"
PAGES = DATA / "html_pages"

_NOT_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    from zhnews.text.normalize import to_simplified

    return _NOT_WORD.sub("", to_simplified(unicodedata.normalize("NFKC", text or "")).lower())


def decode(raw: bytes, encoding: str | None) -> str:
    from zhnews.io.encoding import decode as zdecode

    return raw.decode(encoding) if encoding else zdecode(raw)[0]


# -- the systems: html → (title, body text) ------------------------------------------------


def zhnews_extract(path: Path, html: str) -> tuple[str, str]:
    from zhnews.errors import ErrorLog
    from zhnews.run.articles import load_articles

    articles = list(load_articles([str(path)], errors=ErrorLog()))
    if not articles:
        return "", ""
    return articles[0].title, "\n".join(a.text for a in articles)


def trafilatura_extract(path: Path, html: str) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    if doc is None:
        return "", ""
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data.get("title") or "", data.get("text") or ""


def readability_extract(path: Path, html: str) -> tuple[str, str]:
    from lxml import html as lhtml
    from readability import Document

    doc = Document(html)
    body = lhtml.fromstring(doc.summary()).text_content()
    return doc.short_title(), body


def gne_extract(path: Path, html: str) -> tuple[str, str]:
    from gne import GeneralNewsExtractor

    out = GeneralNewsExtractor().extract(html)
    return out.get("title") or "", out.get("content") or ""


def newspaper_extract(path: Path, html: str) -> tuple[str, str]:
    import newspaper

    article = newspaper.Article("http://example.com/", language="zh")
    article.download(input_html=html)
    article.parse()
    return article.title or "", article.text or ""


SYSTEMS = {
    "zhnews": (zhnews_extract, None),
    "trafilatura": (trafilatura_extract, "trafilatura"),
    "readability-lxml": (readability_extract, "readability"),
    "GNE": (gne_extract, "gne"),
    "newspaper4k": (newspaper_extract, "newspaper"),
}


# -- scoring ----------------------------------------------------------------------------------


def score_page(truth: dict, body: dict, title: str, text: str) -> dict:
    got = norm(text)
    sentences = [s for para in body["paragraphs"] for s in para]
    weights = [len(norm(s)) for s in sentences]
    present = [w for s, w in zip(sentences, weights) if w and norm(s) in got]
    complete = sum(present) / max(1, sum(weights))
    first, last = norm(truth["first"]) in got, norm(truth["last"]) in got
    chrome = [c for c in truth.get("chrome", []) if norm(c) and norm(c) in got]
    titles = [truth["title"]] + list(truth.get("title_alt") or [])
    failure = len(got) < 10 or (not first and not last and complete < 0.2)
    return {
        "fully_right": first and last and not chrome,
        "first": first,
        "last": last,
        "complete": complete,
        "chrome": chrome,
        "title_exact": norm(title) in {norm(t) for t in titles},
        "failure": failure,
    }


def run_system(name: str, extract, truths: list[dict], bodies: dict) -> dict:
    rows, seconds = [], 0.0
    for truth in truths:
        path = PAGES / truth["file"]
        html = decode(path.read_bytes(), truth.get("encoding"))
        t0 = time.perf_counter()
        try:
            title, text = extract(path, html)
            error = None
        except Exception as exc:  # a peer's crash is a failure, not the end of the run
            title, text, error = "", "", f"{type(exc).__name__}: {exc}"
        seconds += time.perf_counter() - t0
        row = score_page(truth, bodies[truth["id"]], title, text)
        row.update(id=truth["id"], title=title, error=error)
        row["failure"] = row["failure"] or error is not None
        rows.append(row)
    n = len(rows)
    return {
        "name": name,
        "rows": rows,
        "fully_right": sum(r["fully_right"] for r in rows),
        "complete": sum(r["complete"] for r in rows) / n,
        "chrome": sum(len(r["chrome"]) for r in rows) / n,
        "title_exact": sum(r["title_exact"] for r in rows),
        "failures": sum(r["failure"] for r in rows),
        "ms": 1000 * seconds / n,
        "n": n,
    }


def sogouc_check(limit: float = 0.8) -> None:
    """Articles with a body that cleaning skips, or that keep under `limit` of their characters, and why."""
    from collections import Counter

    from zhnews.errors import ErrorLog
    from zhnews.io.rows import row_record
    from zhnews.run.articles import record_articles
    from zhnews.text.normalize import normalize

    print(f"\nSogouC: articles skipped or keeping under {limit:.0%} of their characters, with what removed most")
    total = lost = skipped = 0
    reasons: Counter[str] = Counter()
    for split in ("test", "train"):
        path = DATA / "sogouc_subset" / f"{split}.jsonl"
        if not path.is_file():
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            row = json.loads(line)
            errors = ErrorLog()
            record = row_record({"id": f"{split}:{lineno}", "text": row["text"]}, split, lineno, errors)
            if record is None:
                continue
            total += 1
            articles = record_articles(record, errors, explain=True)
            before = len(norm(normalize(row["text"])))  # entities as characters, not as "nbsp"
            after = sum(len(norm(a.title + a.text)) for a in articles)
            if not articles:
                skipped += 1
                print(f"  skipped {split}:{lineno} ({before} chars): {errors.problems[0].reason}")
            elif after < limit * before:
                lost += 1
                by_rule: Counter[str] = Counter()
                for removed, rule in articles[0].removed:
                    by_rule[rule] += len(norm(removed))
                rule, chars = by_rule.most_common(1)[0] if by_rule else ("?", 0)
                reasons[rule] += 1
                print(f"  {split}:{lineno} keeps {after / before:.0%} of {before} chars; most went as {rule!r} "
                      f"({chars}): {row['text'][:40]!r}")
    print(f"  {total} articles: {skipped} skipped, {lost} keep under {limit:.0%}; "
          f"what removed most: {', '.join(f'{r} {n}' for r, n in reasons.most_common())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="one line per page for zhnews")
    parser.add_argument("--sogouc", action="store_true", help="also check SogouC for lost text")
    parser.add_argument("--only", help="comma-separated systems to run")
    args = parser.parse_args()
    if not (PAGES / "truth.jsonl").is_file():
        print("bench_extract: ../shared/data/html_pages is absent; nothing to measure")
        return
    truths = [json.loads(l) for l in (PAGES / "truth.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    bodies = {b["id"]: b for b in map(json.loads, (PAGES / "bodies.jsonl").read_text(encoding="utf-8").splitlines())}
    wanted = args.only.split(",") if args.only else list(SYSTEMS)
    results = []
    for name in wanted:
        extract, module = SYSTEMS[name]
        if module is not None:
            try:
                __import__(module)
            except ImportError:
                print(f"({name} not installed: pip install '.[bench]')")
                continue
        results.append(run_system(name, extract, truths, bodies))
    print(f"\nhtml_pages: {len(truths)} real pages")
    print(f"| system | fully right | complete | chrome / page | title exact | failures | ms / page |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['name']} | {r['fully_right']} | {100 * r['complete']:.1f}% | {r['chrome']:.2f} | "
              f"{r['title_exact']} | {r['failures']} | {r['ms']:.0f} |")
    if args.pages:
        for r in results[:1]:
            for row in r["rows"]:
                marks = "".join(k[0] for k in ("first", "last") if not row[k])
                print(f"  {row['id']:<22} {'ok ' if row['fully_right'] else 'BAD'} {100 * row['complete']:5.1f}% "
                      f"title={'ok' if row['title_exact'] else repr(row['title'])[:50]} "
                      f"missing={marks or '-'} chrome={row['chrome']}{' ' + row['error'] if row['error'] else ''}")
    if args.sogouc:
        sogouc_check()


if __name__ == "__main__":
    main()
