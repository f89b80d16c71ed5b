"""read → normalise → clean → split: from input paths to `Article`s."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ErrorLog
from ..io.read import READERS, RawRecord, read_records
from ..records import Article
from ..text.boilerplate import LINE_RULES
from ..text.chars import count_cjk, has_cjk, normalized_key
from ..text.clean import Trace, clean_page, running_text
from ..text.dates import find_date, normalize_date
from ..text.normalize import normalize
from ..text.split import split_sentences


def load_articles(
    inputs: list[str], *, encoding: str | None = None, errors: ErrorLog | None = None, explain: bool = False,
    input_format: str | None = None,
) -> Iterator[Article]:
    """Read files, folders or `-` and yield clean articles, lazily.

    Bad files and records are reported to `errors` and skipped, so one
    broken file never costs the rest of the run.
    """
    errors = errors if errors is not None else ErrorLog()
    for record in read_records(inputs, errors, encoding, input_format):
        yield from record_articles(record, errors, explain=explain)


def record_articles(record: RawRecord, errors: ErrorLog, *, explain: bool = False,
                    split: bool = True) -> list[Article]:
    """The articles of one record; a record that gives none is reported to `errors`.

    A page whose chrome rules would remove more running text than they keep
    is cleaned again from its edges only, and `errors` gets a note: an
    article is never gutted without a word. With `explain`, each article
    carries what was removed and why (`Article.removed`, `title_source`).
    Without `split`, `Article.sentences` stays empty: a task that never reads
    sentences (classify) does not pay for splitting every body.
    """
    found = list(_clean_record(record, errors, explain, split))
    if not found:
        # A row's source is `path:line`; the report gives the path and the line their own fields.
        path = record.source.rsplit(":", 1)[0] if record.line is not None else record.source
        errors.add(path, why_empty(record.text), record.line)
    return found


MIN_CJK = 4


def why_empty(text: str) -> str:
    """Why a record gave no article, for the error report."""
    cjk = count_cjk(text[:20000])
    if cjk < MIN_CJK:
        return "no Chinese text found (zhnews reads Chinese news)"
    return "no article text found after cleaning (only page chrome)"


def _clean_record(record: RawRecord, errors: ErrorLog, explain: bool, split: bool = True) -> Iterable[Article]:
    text, meta = record.text, dict(record.fields)
    reader = READERS.get(record.kind)
    extracted = reader is not None and reader.extract is not None
    if extracted:
        text, page_meta = reader.extract(text)
        for key, value in page_meta.items():
            meta.setdefault(key, value)
    text = normalize(text, entities=not extracted, unwrap=not extracted)
    trace = Trace()
    # A row's text and an extracted HTML block are bodies already: their edges are cleaned, not their lines.
    edges_only = not record.is_page or extracted
    pages = clean_page(text, allow_split=record.is_page and not extracted, trace=trace, edges_only=extracted,
                       row=not record.is_page)
    if not edges_only:
        # Only the line rules can gut a body; related lists and sidebars are other articles.
        removed = running_text(line for line, rule in trace.removed if rule in LINE_RULES)
        if removed > sum(len(p.text) for p in pages):
            trace = Trace()
            pages = clean_page(text, allow_split=False, trace=trace, edges_only=True)
            errors.note(f"{record.source}: kept whole: the chrome rules would have removed "
                        f"{removed} characters of running text (see zhnews clean --explain)")
    base = meta.get("id") or _base_id(record)
    date = normalize_date(meta.get("date", "")) or find_date(text)
    given = normalize(meta.get("title", "")).strip()
    # zhnews reads Chinese news: a page or row left with no Chinese is not an article.
    pages = [page for page in pages if has_cjk(page.title + page.text, MIN_CJK)]
    for i, page in enumerate(pages, start=1):
        title, paragraphs, source = page.title, list(page.paragraphs), "first heading of the text"
        if given and (extracted or not record.is_page or not title):
            # The record's own title (a row's field, the page's headline) wins; a heading the
            # body opens with stays in the body unless it repeats that title.
            if title and normalized_key(title) != normalized_key(given):
                paragraphs.insert(0, title)
            title, source = given, meta.get("title_source") or "the record's title field"
        body = "\n".join(paragraphs)
        yield Article(
            id=base if len(pages) == 1 else f"{base}#{i}",
            title=title,
            text=body,
            sentences=split_sentences(body) if split else [],
            source=meta.get("source") or record.source,
            encoding=record.encoding,
            date=date,
            url=meta.get("url", ""),
            flags=page.flags,
            site=meta.get("site", ""),
            removed=list(trace.removed) if explain and i == 1 else [],
            title_source=source if title else "",
        )


def record_id(record: RawRecord) -> str:
    """The id a record's article gets (its own `id` field, else one made from its file and line)."""
    return record.fields.get("id") or _base_id(record)


def _base_id(record: RawRecord) -> str:
    if record.source == "<stdin>":
        return "stdin"
    if record.line is not None:
        return f"{Path(record.source.rsplit(':', 1)[0]).stem}:{record.line}"
    return Path(record.source).stem
