"""Date checking on ../shared/data/stories-dev (real pages of the same events; a development set).

The checker gets each page's text (its ``date ...`` header removed), ``stated_date`` and ``url`` (``--no-url``:
text and stated date only). Reported:

- stated pages: verdict against ``date_status`` (2 real wrong dates, D193 and D208), on the page's own text
  and with the other pages of its event as cluster evidence: the clusters of the set's ``event_id`` (an
  oracle grouping, to measure the date checker apart from story grouping), and the stories of dateline's
  own grouping (texts and URLs only, as `dateline run` groups them);
- pages without a stated date but with a ``true_date``: how often the estimate hits the day (exact, within 1,
  7 and 31 days), from the page's text alone, with the oracle clusters and with dateline's own stories;
- shifted stated dates: every page with a ``true_date`` gets it as its stated date, and half of them moved as in
  ``dateline eval dates`` (seeds 1-3), checked on the text alone, with the URL, and with the URL and the other
  copies of the story that dateline's own grouping finds (as `dateline run` checks them);
- every page with a ``true_date``, stated date withheld: dateline's text-only estimate against htmldate
  (``find_date`` with ``extensive_search=True, original_date=True`` on the same text wrapped in HTML
  paragraphs), when htmldate is installed (``pip install 'dateline[warc]'``); both with and without the URL.

Usage (from the repo root):

    python benchmarks/dates_stories_dev.py --out benchmarks/results/dates_stories_dev.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from dateline.dating import check_cluster, estimate_date
from dateline.dedup import group_articles
from dateline.records import Article, DateEstimate, parse_stated_date

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / ".." / "shared" / "data" / "stories-dev" / "stories-dev.jsonl"
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*[-\u2013\u2014]?\s*")


def _load() -> list[dict]:
    return [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]


def _article(rec: dict, use_url: bool = True) -> Article:
    return Article(id=rec["page_id"], text=_HEADER.sub("", rec["text"], count=1),
                   stated_date=parse_stated_date(rec.get("stated_date")), url=rec.get("url") if use_url else None)


def _gap(est: DateEstimate, true: str) -> int | None:
    if not est.estimated_date:
        return None
    return abs((date.fromisoformat(est.estimated_date) - date.fromisoformat(true)).days)


def run(use_url: bool = True) -> dict:
    recs = _load()
    arts = {r["page_id"]: _article(r, use_url) for r in recs}
    t0 = time.perf_counter()
    solo = {pid: estimate_date(a) for pid, a in arts.items()}
    events: dict[str, list[Article]] = defaultdict(list)
    for r in recs:
        events[r["event_id"]].append(arts[r["page_id"]])
    cluster: dict[str, DateEstimate] = {}
    for members in events.values():
        cluster.update(check_cluster(members))
    seconds = time.perf_counter() - t0
    # dateline's own stories (grouping never reads stated dates), as `dateline run` checks them
    grouping = group_articles(list(arts.values()))
    stories: dict[str, list[Article]] = defaultdict(list)
    for pid, a in arts.items():
        stories[grouping.story_id[pid]].append(a)
    grouped: dict[str, DateEstimate] = {}
    for members in stories.values():
        grouped.update(check_cluster(members))
    stated = [r for r in recs if r.get("stated_date")]
    table = {
        mode: Counter((r["date_status"], res[r["page_id"]].verdict) for r in stated)
        for mode, res in (("text", solo), ("cluster", cluster), ("grouped", grouped))
    }
    wrong_pages = {
        r["page_id"]: {
            "stated": r["stated_date"], "true": r["true_date"],
            "text": (solo[r["page_id"]].verdict, solo[r["page_id"]].estimated_date),
            "cluster": (cluster[r["page_id"]].verdict, cluster[r["page_id"]].estimated_date),
            "grouped": (grouped[r["page_id"]].verdict, grouped[r["page_id"]].estimated_date),
        }
        for r in stated if r["date_status"] == "wrong"
    }  # fmt: skip
    undated = [r for r in recs if not r.get("stated_date") and r.get("true_date")]
    hits: dict[str, Counter] = {}
    for mode, res in (("text", solo), ("cluster", cluster), ("grouped", grouped)):
        c: Counter = Counter()
        for r in undated:
            g = _gap(res[r["page_id"]], r["true_date"])
            c["n"] += 1
            c["estimated"] += g is not None
            c["exact"] += g == 0
            c["within_1"] += g is not None and g <= 1
            c["within_7"] += g is not None and g <= 7
            c["within_31"] += g is not None and g <= 31
        hits[mode] = c
    shifted = _shifted(recs)
    url_stats = _url_stats(recs)
    compare = _compare_htmldate(recs)
    return {"url_dates": url_stats, "shifted": shifted, "compare": compare, "verdicts": table, "wrong_pages": wrong_pages, "undated": hits, "seconds": round(seconds, 1),
            "pages": len(recs), "stated": len(stated)}


def _url_stats(recs: list[dict]) -> dict[str, int]:
    """How many URLs name a day, a month or a year, and how the named day compares with ``true_date``."""
    from dateline.dating.urls import url_date

    c: Counter = Counter()
    for r in recs:
        got = url_date(r.get("url"))
        if got is None:
            continue
        d, precision = got
        c[precision] += 1
        if precision == "day" and r.get("true_date"):
            gap = abs((date.fromisoformat(r["true_date"]) - d).days)
            c["day, with a true_date"] += 1
            c["day: the true day"] += gap == 0
            c["day: within 1 day"] += gap <= 1
    return dict(c)


def _shifted(recs: list[dict], seeds: tuple[int, ...] = (1, 2, 3)) -> dict[str, dict]:
    """``dateline eval dates`` on the pages with a true_date, without and with their URLs (mean over seeds)."""
    from dateline.dating.evaluate import check_by_story, make_cases, score_cases

    dated = [{"id": r["page_id"], "date": r["true_date"], "text": _HEADER.sub("", r["text"], count=1), "title": None}
             for r in recs if r.get("true_date")]
    urls = {r["page_id"]: r.get("url") for r in recs}
    out: dict[str, dict] = {}
    for mode in ("text", "text+url", "text+url+copies"):
        reports = []
        for seed in seeds:
            cases = make_cases(dated, seed=seed, fraction=0.5)
            if mode != "text":
                for c in cases:
                    c.article.url = urls[c.article.id]
            if mode == "text+url+copies":
                # dateline's own story grouping (texts only), then the copies of each story checked together
                reports.append(score_cases(cases, check_by_story([c.article for c in cases])))
                continue
            reports.append(score_cases(cases, [estimate_date(c.article) for c in cases]))
        def mean(get, reports=reports) -> float | None:
            vals = [get(r) for r in reports]
            vals = [v for v in vals if v is not None]
            return round(sum(vals) / len(vals), 3) if vals else None
        out[mode] = {
            "n": reports[0]["n_articles"],
            **{f"recall {b}": mean(lambda r, b=b: r["detection"]["by_bucket"][b]["recall"]) for b in ("1-30", "31-364", "365-3650")},
            "false flags": mean(lambda r: r["false_flag_rate"]),
            "precision": mean(lambda r: r["detection"]["precision"]),
            "flagged ±1 day": mean(lambda r: r["estimate_accuracy_flagged"]["within_1"]),
            "interval coverage": mean(lambda r: r["interval_coverage_flagged"]),
            "abstention": mean(lambda r: r["abstention_rate"]),
        }
    return out


def _compare_htmldate(recs: list[dict]) -> dict | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None
    import html

    dated = [r for r in recs if r.get("true_date")]
    names = ("dateline", "htmldate", "dateline+url", "htmldate+url")
    out: dict[str, Counter] = {n: Counter() for n in names}
    secs = {n: 0.0 for n in names}
    for r in dated:
        text = _HEADER.sub("", r["text"], count=1)
        page = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip()) + "</body></html>"
        got_by: dict[str, str | None] = {}
        for suffix, url in (("", None), ("+url", r.get("url"))):
            t0 = time.perf_counter()
            got_by["dateline" + suffix] = estimate_date(Article(id=r["page_id"], text=text, url=url)).estimated_date
            t1 = time.perf_counter()
            try:
                got_by["htmldate" + suffix] = find_date(page, url=url, extensive_search=True, original_date=True,
                                                        outputformat="%Y-%m-%d")
            except Exception:  # htmldate raises on odd input; count it as no date
                got_by["htmldate" + suffix] = None
            t2 = time.perf_counter()
            secs["dateline" + suffix] += t1 - t0
            secs["htmldate" + suffix] += t2 - t1
        for name, got in got_by.items():
            c = out[name]
            c["n"] += 1
            if got:
                g = abs((date.fromisoformat(got) - date.fromisoformat(r["true_date"])).days)
                c["estimated"] += 1
                c["exact"] += g == 0
                c["within_1"] += g <= 1
                c["within_7"] += g <= 7
    return {"counts": out, "seconds": {k: round(v, 2) for k, v in secs.items()}}


def to_markdown(res: dict, command: str) -> str:
    lines = ["# Date checking on stories-dev", "", f"Command: `{command}`", "",
             f"{res['pages']} pages, {res['stated']} with a stated date; {res['seconds']} s.", ""]
    heads = {"text": "own text only", "cluster": "with the other pages of the event (oracle event_id clusters)",
             "grouped": "with the other pages of their story (dateline's own grouping)"}
    for mode in ("text", "cluster", "grouped"):
        lines += [f"## Stated pages, {heads[mode]}",
                  "", "| date_status | consistent | wrong | insufficient_evidence |", "|---|---|---|---|"]
        c = res["verdicts"][mode]
        for status in ("consistent", "wrong", "unknown"):
            lines.append(f"| {status} | {c[(status, 'consistent')]} | {c[(status, 'wrong')]} | {c[(status, 'insufficient_evidence')]} |")
        lines.append("")
    lines += ["## The two real wrong dates", "", "| page | stated | true | text only | cluster | grouped |", "|---|---|---|---|---|---|"]
    for pid, w in res["wrong_pages"].items():
        lines.append(f"| {pid} | {w['stated']} | {w['true']} | {w['text'][0]} {w['text'][1]} | {w['cluster'][0]} {w['cluster'][1]} | "
                     f"{w['grouped'][0]} {w['grouped'][1]} |")
    lines += ["", "## Pages without a stated date: the estimated day against true_date", "",
              "| evidence | pages | estimated | exact | within 1 | within 7 | within 31 |", "|---|---|---|---|---|---|---|"]
    for mode, c in res["undated"].items():
        n = max(c["n"], 1)
        lines.append(f"| {mode} | {c['n']} | {c['estimated']} | {c['exact'] / n:.2f} | {c['within_1'] / n:.2f} | "
                     f"{c['within_7'] / n:.2f} | {c['within_31'] / n:.2f} |")
    lines += ["", "## Dates in the URLs", "", ", ".join(f"{k}: {v}" for k, v in res["url_dates"].items())]
    sh = res["shifted"]
    cols = list(next(iter(sh.values())).keys())
    lines += ["", "## Shifted stated dates (as `dateline eval dates`, mean of seeds 1-3), pages with a true_date", "",
              "| input | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for mode, row in sh.items():
        lines.append(f"| {mode} | " + " | ".join("-" if row[c] is None else str(row[c]) for c in cols) + " |")
    if res.get("compare"):
        cmp = res["compare"]
        lines += ["", "## Stated date withheld: dateline against htmldate (same pages, same text; +url: with the page URL)", "",
                  "| tool | pages | estimated | exact | within 1 | within 7 | seconds |", "|---|---|---|---|---|---|---|"]
        for name, c in cmp["counts"].items():
            n = max(c["n"], 1)
            lines.append(f"| {name} | {c['n']} | {c['estimated']} | {c['exact'] / n:.2f} | {c['within_1'] / n:.2f} | "
                         f"{c['within_7'] / n:.2f} | {cmp['seconds'][name]} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--no-url", action="store_true", help="checker sees text and stated date only")
    args = ap.parse_args(argv)
    if not DEV.exists():
        print(f"needs {DEV}", file=sys.stderr)
        return 1
    res = run(use_url=not args.no_url)
    cmd = "python benchmarks/dates_stories_dev.py" + (" --no-url" if args.no_url else "")
    md = to_markdown(res, cmd + (f" --out {args.out}" if args.out else ""))
    if args.out:
        args.out.write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
