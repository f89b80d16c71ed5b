"""What each term of the TextRank score adds, on both genres.

    python bench/ablate_summaries.py                 # every variant
    python bench/ablate_summaries.py min_gain        # the default and the variants whose name holds a word

For the default and for the default with one term turned off: ROUGE-L on the
cctv_briefs dev split (budget = reference length), and on the 66 regional
articles of bench/judge_summaries.py the automatic checks that stand in for
the blind grades between rounds: the share of summaries quoting a heading
(`text.lines.is_heading_unit`), quoting fluff (`fluff_score` >= 1), opening
with a dangling 他/该/此外 sentence, carrying a fact (`fact_score` >= 1), and quoting the article's first sentence (where
regional news states its event),
and the characters and sentences used of 120.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
PAIRS = REPO.parent / "shared" / "data" / "cctv_briefs" / "pairs.jsonl"

OFF = {
    "default": {},
    "no fact density (fact_weight 0)": {"fact_weight": 0.0},
    "no fluff penalty (fluff_weight 0)": {"fluff_weight": 0.0},
    "no subheading words (heading_lend 0)": {"heading_lend": 0.0},
    "no section leads (section_weight 0)": {"section_weight": 0.0},
    "label subheadings lend all (label_heading_share 1, the default until 2026-12-04)": {"label_heading_share": 1.0},
    "label subheadings lend nothing (label_heading_share 0)": {"label_heading_share": 0.0},
    "fact density halved (fact_weight 0.5)": {"fact_weight": 0.5},
    "no title similarity (title_weight 0)": {"title_weight": 0.0},
    "title similarity 0.5 (the default until 2026-12-02)": {"title_weight": 0.5},
    "position prior 8 (was 4)": {"position_weight": 8.0},
    "fragments may be quoted (bar_fragments off)": {"bar_fragments": False},
    "dangling sentences alone (keep_context off)": {"keep_context": False},
    "fill the budget (min_gain 0)": {"min_gain": 0.0},
    "report subheadings quoted (subheading_weight 8)": {"subheading_weight": 8.0},
    "a lead that restates the title barred (lead_repeats_title off)": {"lead_repeats_title": False},
    "questions, trailing ellipses and salutations may be quoted (bar_asides off)": {"bar_asides": False},
    "subheading words and section leads weigh 1 and 0.5": {"heading_lend": 1.0, "section_weight": 0.5},
    "subheading words 1, no section leads": {"heading_lend": 1.0, "section_weight": 0.0},
    "min_gain 0.35": {"min_gain": 0.35},
    "restatements may be added (max_containment 1)": {"max_containment": 1.0},
    "max_containment 0.7": {"max_containment": 0.7},
    "min_gain 0.5": {"min_gain": 0.5},
    "fluff openers and hooks kept (trim_fluff off)": {"trim_fluff": False},
    "no clause cut to fill the room left (cut_to_fit 0)": {"cut_to_fit": 0},
}


def main() -> None:
    import judge_summaries

    from zhnews.models.evaluate import rouge_l
    from zhnews.models.summarize import LeadSummarizer, Length, TextRankSummarizer
    from zhnews.text.lines import fact_score, fluff_score, is_dependent, is_heading_unit, without_fluff

    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()][::3]
    regional = [a for _, a in judged_articles_cached(judge_summaries)]

    def measure(summarizer) -> str:
        rl = sum(rouge_l("".join(summarizer.summarize(r["article"], length=Length(chars=len(r["summary"]))))
                         [: len(r["summary"])], r["summary"]) for r in rows) / len(rows)
        outs = [summarizer.summarize(a, length=Length(chars=120)) for a in regional]
        n = len(outs)
        share = lambda test: sum(bool(o) and test(o) for o in outs) / n  # noqa: E731
        heads = share(lambda o: any(is_heading_unit(s) for s in o))
        fluff = share(lambda o: any(fluff_score(s) >= 1 for s in o))
        dangling = share(lambda o: is_dependent(o[0]))
        facts = share(lambda o: any(fact_score(s) >= 1 for s in o))
        # The lead counts as quoted without the fluff `trim_fluff` drops.
        leads = sum(bool(lead) and (lead in o or without_fluff(lead) in o) for lead, o in zip(firsts, outs)) / n
        chars = sum(sum(map(len, o)) for o in outs) / n
        pieces = sum(len(o) for o in outs) / n
        return (f"{100 * rl:.2f} | {heads:.0%} | {fluff:.0%} | {dangling:.0%} | {facts:.0%} | {leads:.0%} | "
                f"{chars:.0f} | {pieces:.1f}")

    # The article's first sentence (after datelines and headings): where regional news states its event.
    from zhnews.models.summarize.base import summary_candidates

    firsts = [next((s for s in summary_candidates(a.sentences) if not is_heading_unit(s)), "") for a in regional]
    print("| TextRank variant | CCTV dev R-L | headings | fluff | dangling first | has a fact | quotes the lead | chars "
          "| sentences |")
    print("|---|---|---|---|---|---|---|---|---|")
    only = sys.argv[1:]
    for name, params in OFF.items():
        if only and name != "default" and not any(part in name for part in only):
            continue
        print(f"| {name} | {measure(TextRankSummarizer(**params))} |", flush=True)
    print(f"| lead (first sentences, datelines removed) | {measure(LeadSummarizer())} |")


def judged_articles_cached(module):
    return module.judged_articles()


if __name__ == "__main__":
    main()
