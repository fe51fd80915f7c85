"""Build the story-grouping benchmark from the real articles in ../shared/data/dated-news (not TEST).

Each sampled real article becomes a story: the article plus 1-5 copies edited the way wire copy is
edited on its way through outlets (truncation, a new lead and headline, paragraph reordering, an
inserted quote, site boilerplate, name variants such as "U.S."/"United States", sentence drops,
OCR-like noise). Digest pages put the leads of several stories on one page and are their own label
(they must not chain the stories together). Many further real Reuters articles are added untouched
as negatives: templated earnings reports, market closes and other look-alikes that share most of
their words but report different events. Reuters articles whose text is repeated in the corpus keep
one label.

Deterministic for a seed. The output is written outside the repo or to the ignored benchmarks/data/:

    python benchmarks/build_story_bench.py --out benchmarks/data/story_bench.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "dated-news"

_PARA = re.compile(r"\n+|\s{3,}")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_ENTITY = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_RESEND = re.compile(r"^(?:corrected|correction|repeat|rpt)\s+")
VARIANTS = [
    ("U.S.", "United States"), ("U.K.", "Britain"), ("USSR", "Soviet Union"), ("pct", "percent"),
    ("mln", "million"), ("dlrs", "dollars"), ("bln", "billion"), ("Federal Reserve", "Fed"),
    ("European Community", "EC"), ("Inc", "Incorporated"), ("Corp", "Corporation"), ("Co ", "Company "),
    ("said", "says"), ("Islamic State", "ISIL"), ("United Nations", "U.N."),
]  # fmt: skip
OCR = [("rn", "m"), ("l", "1"), ("O", "0"), ("e", "c"), ("i", "l"), ("S", "5"), ("h", "b")]
OUTLETS = [
    "dailyherald-news.com", "worldwire.net", "themetro.co", "businessline.org", "capitalobserver.com",
    "eveningpost.info", "globalnewsdesk.com", "marketticker.net", "valleytimes.com", "harborgazette.org",
]  # fmt: skip
LEADS = [
    "In a development closely watched by analysts, {e}.",
    "{E} was at the center of news on {day}.",
    "Here is what we know so far about {e}.",
    "UPDATE {n}: {E} - details below.",
    "{E}: the latest.",
]
QUOTES = [
    '"We are following this closely," a spokesman for {E} said.',
    '"It is too early to draw conclusions," said an analyst who follows {E}.',
    '"This is an important step," {E} said in a statement.',
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def chrome(outlet: str) -> tuple[str, str]:
    """Per-outlet navigation header and footer (the same on every page of that outlet)."""
    name = outlet.split(".")[0].title()
    head = f"{name} | Home | World | Business | Markets | Sports | Opinion"
    foot = (
        f"Related stories: Markets wrap | Weather outlook | Top ten reads this week\n"
        f"Sign up for the {name} newsletter.\nCopyright {name} Media Group. All rights reserved."
    )
    return head, foot


def paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in _PARA.split(text) if p.strip()]
    if len(paras) == 1:
        sents = _SENT.split(paras[0])
        paras = [" ".join(sents[i : i + 2]) for i in range(0, len(sents), 2)]
    return paras


def _entity(text: str, rng: random.Random) -> str:
    ents = _ENTITY.findall(text)
    return rng.choice(ents) if ents else "the company"


def edit(text: str, title: str | None, rng: random.Random, n_edits: int) -> tuple[str, str | None, list[str]]:
    """Apply ``n_edits`` random wire-copy edits; return (text, title, edit names)."""
    paras = paragraphs(text)
    names = rng.sample(["truncate", "lead", "reorder", "quote", "variants", "drop", "ocr"], n_edits)
    ent = _entity(text, rng)
    if "truncate" in names and len(paras) > 2:
        keep = max(2, round(len(paras) * rng.uniform(0.45, 0.9)))
        paras = paras[:keep]
    if "drop" in names and len(paras) > 3:
        paras = [p for i, p in enumerate(paras) if i < 2 or rng.random() > 0.25]
    if "reorder" in names and len(paras) > 3:
        tail = paras[2:]
        rng.shuffle(tail)
        paras = paras[:2] + tail
    if "quote" in names:
        paras.insert(min(len(paras), rng.randint(1, 3)), rng.choice(QUOTES).format(E=ent))
    if "lead" in names:
        lead = rng.choice(LEADS).format(e=ent.lower() if False else ent, E=ent, day=rng.choice(DAYS), n=rng.randint(1, 3))
        first = _SENT.split(paras[0], maxsplit=1)
        paras[0] = lead + (" " + first[1] if len(first) > 1 else "")
        if title:
            words = title.split()
            title = " ".join(words[: max(3, len(words) - rng.randint(0, 3))]).title()
    out = "\n\n".join(paras)
    if "variants" in names:
        for a, b in rng.sample(VARIANTS, 6):
            out = out.replace(a, b) if rng.random() < 0.5 else out.replace(b, a)
    if "ocr" in names:
        chars = list(out)
        for _ in range(max(1, len(chars) // 120)):
            i = rng.randrange(len(chars))
            for a, b in OCR:
                if chars[i] == a[0]:
                    chars[i] = b
                    break
        out = "".join(chars)
    return out, title, names


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _text_key(text: str) -> str:
    return hashlib.sha1(re.sub(r"\W+", " ", text.lower())[:300].encode()).hexdigest()


def distinct_events(
    rows: list[dict], *, cosine: float = 0.25, days: int = 7, rare_df: int = 30, resend_cosine: float = 0.5
) -> list[dict]:
    """Keep one article per group of possibly-same-event articles, so every kept one is its own event.

    Reuters re-sends and updates a story many times. Two articles are taken as possibly the same
    event when, by their trusted publication dates, they are at most ``days`` apart, their TF-IDF
    cosine is at least ``cosine``, and they share a rare capitalized name (at most ``rare_df``
    articles use it). Templated reports about other companies or other days do not meet all three
    and stay in as the hard negatives. A re-send is also the same event: the same headline (a leading
    "CORRECTED-" or "RPT-" left out), at most a day apart, with a cosine of at least ``resend_cosine``.
    Re-sent stories whose names are all common ("U.S. EARLY MARCH CAR SALES OFF 2.2 PCT") share no rare
    name; a daily list under one headline ("PROPOSED OFFERINGS RECENTLY FILED WITH THE SEC") stays under
    0.5, and headlines that are only alike (another day's money-market help, another company's eurobond)
    are not taken. The labels of the benchmark never come from dateline.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["text"] for r in rows]
    x = TfidfVectorizer(min_df=2, max_df=0.3, sublinear_tf=True).fit_transform(texts)
    caps = [set(re.findall(r"\b[A-Z][a-z]{2,}\b", t)) for t in texts]
    df: dict[str, int] = {}
    for c in caps:
        for w in c:
            df[w] = df.get(w, 0) + 1
    rare = [{w for w in c if df[w] <= rare_df} for c in caps]
    day = np.array([np.datetime64(r["date"][:10], "D").astype(int) for r in rows])
    titles = [_RESEND.sub("", re.sub(r"\W+", " ", (r.get("title") or "").lower()).strip()) for r in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for lo in range(0, len(rows), 2000):
        sims = csr_matrix(x[lo : lo + 2000] @ x.T)
        sims.data[sims.data < cosine] = 0
        sims.eliminate_zeros()
        coo = sims.tocoo()
        for i, j, sim in zip(coo.row + lo, coo.col, coo.data, strict=True):
            if j <= i or abs(day[i] - day[j]) > days:
                continue
            resend = sim >= resend_cosine and abs(day[i] - day[j]) <= 1 and titles[i] and titles[i] == titles[j]
            if resend or rare[i] & rare[j]:
                parent[find(i)] = find(j)
    seen: set[int] = set()
    kept = []
    for i, r in enumerate(rows):
        root = find(i)
        if root not in seen:
            seen.add(root)
            kept.append(r)
    return kept


def in_half(article_id: str, half: int | None) -> bool:
    """Whether a source article belongs to ``half`` (0 or 1; None: every article): a fixed split by a hash of its
    id, so that two builds of different halves share no source article.

    >>> [in_half("reuters21578-1", h) for h in (None, 0, 1)]
    [True, False, True]
    """
    return half is None or zlib.crc32(article_id.encode("utf-8")) % 2 == half


def build(
    seed: int = 7, n_stories: int = 1500, n_negatives: int = 4000, n_digests: int = 150, half: int | None = None
) -> Iterator[dict]:
    """Yield benchmark records: ``id, text, title, url, source, story, kind, base``; with ``half``, from that half
    of the source articles only (``in_half``)."""
    rng = random.Random(seed)
    reuters = distinct_events([r for r in load(DATA / "reuters21578.jsonl") if len(r["text"]) >= 300])
    wiki = load(DATA / "wikinews-semeval2015.jsonl")
    # the look-alike filter runs on all articles, so each half keeps the same events apart as a whole build
    reuters = [r for r in reuters if in_half(r["id"], half)]
    wiki = [r for r in wiki if in_half(r["id"], half)]
    label = {_text_key(r["text"]): r["id"] for r in reuters + wiki}
    rng.shuffle(reuters)
    long = [r for r in reuters if len(r["text"]) >= 700]
    bases = long[:n_stories] + wiki
    used = {r["id"] for r in bases}
    negatives = [r for r in reuters if r["id"] not in used][:n_negatives]
    records: list[dict] = []
    for base in bases:
        story = "S:" + label[_text_key(base["text"])]
        outlets = rng.sample(OUTLETS, 6)
        n_copies = rng.randint(1, 5)
        for c in range(n_copies + 1):
            outlet = outlets[c]
            if c == 0:
                text, title, names = base["text"], base.get("title"), ["original"]
            else:
                text, title, names = edit(base["text"], base.get("title"), rng, rng.randint(2, 4))
            if c == 0 or rng.random() < 0.7:
                head, foot = chrome(outlet)
                text = f"{head}\n{text}\n{foot}"
            records.append({
                "id": f"{base['id']}#{c}", "text": text, "title": title,
                "url": f"https://{outlet}/{base['id']}/{c}", "source": None, "story": story,
                "kind": ",".join(names), "base": base["id"],
            })  # fmt: skip
    for r in negatives:
        outlet = rng.choice(OUTLETS)
        records.append({
            "id": r["id"], "text": r["text"], "title": r.get("title"), "url": f"https://{outlet}/{r['id']}",
            "source": None, "story": "S:" + label[_text_key(r["text"])], "kind": "negative", "base": r["id"],
        })  # fmt: skip
    for d in range(n_digests):
        picks = rng.sample(bases, rng.randint(3, 4))
        parts = [f"{(p.get('title') or '').title()}\n{paragraphs(p['text'])[0]}" for p in picks]
        records.append({
            "id": f"digest-{d}", "text": "Today's briefing\n\n" + "\n\n".join(parts), "title": "News digest",
            "url": f"https://{rng.choice(OUTLETS)}/digest/{d}", "source": None, "story": f"D:{d}",
            "kind": "digest", "base": ",".join(p["id"] for p in picks),
        })  # fmt: skip
    rng.shuffle(records)
    yield from records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "data" / "story_bench.jsonl"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--stories", type=int, default=1500)
    ap.add_argument("--negatives", type=int, default=4000)
    ap.add_argument("--digests", type=int, default=150)
    ap.add_argument("--half", type=int, choices=(0, 1), default=None,
                    help="build from one half of the source articles only (a fixed split by id): two builds of "
                    "different halves share none, so one can fit what the other tests")
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec in build(args.seed, args.stories, args.negatives, args.digests, args.half):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} records to {out}")


if __name__ == "__main__":
    main()
