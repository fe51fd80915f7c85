"""The compiled scanner against a plain Python reference: tokens, shingles, MinHash, distinct terms."""

from __future__ import annotations

import re

import numpy as np
import pytest

from dateline.dedup.config import DedupConfig
from dateline.dedup.kernels import sort_unique_terms
from dateline.dedup.signatures import compute_signatures, permutations

M64 = (1 << 64) - 1
FNV_OFFSET, FNV_PRIME = 0xCBF29CE484222325, 0x100000001B3


def _mix(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & M64
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def _alnum(c: int) -> bool:
    return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c >= 128


_FRACTION = re.compile(rb"(?<![0-9])[0-9]{1,3}(?:-[0-9]{1,3})?/[0-9]{1,3}(?![0-9]|[/-][0-9])")


def _token_bytes(text: str) -> list[bytes]:
    """Alphanumeric runs (bytes >= 128 count as letters); ``. , :`` stay inside numbers, and ``- /`` inside
    fractions ("1/2", "6-1/8": 1-3 digits around the slash, no further slash or dash and digits after)."""
    b = text.encode()
    inside = set()  # positions of the dashes and slashes of fractions
    for m in _FRACTION.finditer(b):
        inside.update(m.start() + k for k, c in enumerate(m.group()) if c in b"-/")
    out, i = [], 0
    while i < len(b):
        if not _alnum(b[i]):
            i += 1
            continue
        start, digits_only, ndig = i, True, 0
        while i < len(b):
            c = b[i]
            if _alnum(c):
                ndig += 48 <= c <= 57
                digits_only &= 48 <= c <= 57
            elif not (digits_only and ndig and (
                (c in b".,:" and i + 1 < len(b) and 48 <= b[i + 1] <= 57) or (c in b"-/" and i in inside)
            )):
                break
            i += 1
        out.append(b[start:i])
    return out


def _token_hashes(text: str) -> list[int]:
    """FNV-1a of each token's bytes, ASCII lower-cased and without commas, then mixed."""
    out = []
    for tok in _token_bytes(text):
        h = FNV_OFFSET
        for c in tok:
            if c != 44:
                h = ((h ^ (c + 32 if 65 <= c <= 90 else c)) * FNV_PRIME) & M64
        out.append(_mix(h))
    return out


def _reference_signature(text: str, num_perm: int, seed: int, n: int) -> tuple[list[int], int]:
    toks = _token_hashes(text)
    windows = [toks[i : i + n] for i in range(len(toks) - n + 1)] if len(toks) >= n else ([toks] if toks else [])
    a, b = permutations(num_perm, seed)
    a32 = [(int(x) & 0xFFFFFFFF) | 1 for x in a]
    b32 = [int(x) >> 32 for x in b]
    sig = [0xFFFFFFFF] * num_perm
    for w in windows:
        sh = 0
        for k, t in enumerate(w):
            sh = (_mix(sh ^ t) + k) & M64
        s32 = (sh ^ (sh >> 32)) & 0xFFFFFFFF
        sig = [min(m, (a32[k] * s32 + b32[k]) & 0xFFFFFFFF) for k, m in enumerate(sig)]
    return sig, len(windows)


TEXTS = [
    "The raid took place on Jan. 8, killing 14 fighters; 130,000 people fled the city of Deir ez-Zor.",
    "Payrolls rose by 130000 in August, the Labor Department said at 8:30 a.m.; rates held at 5.25%.",
    "Zürich's café owners met on 3 March.",
    "Fed funds traded at 6-1/8 pct, up 1/2 from 5-7/8; on 3/15/2017 the set went 7-6, and 2015-16 ran 1/2-3/4.",
    "Short text",
    "",
]


@pytest.mark.parametrize(("num_perm", "ngram"), [(128, 5), (16, 3)])
def test_kernels_scan_signatures_match_the_reference(num_perm, ngram):
    cfg = DedupConfig(num_perm=num_perm, bands=num_perm // 4, ngram=ngram)
    s = compute_signatures(TEXTS, config=cfg)
    for i, text in enumerate(TEXTS):
        sig, count = _reference_signature(text, num_perm, cfg.seed, ngram)
        assert s.sig[i].tolist() == sig
        assert int(s.shingles[i]) == count


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kernels_sort_unique_terms_matches_the_reference(seed):
    rng = np.random.default_rng(seed)
    off = np.concatenate([[0], np.cumsum(rng.integers(0, 60, size=30))]).astype(np.int64)
    h = rng.integers(0, 40, size=int(off[-1])).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    f = rng.integers(0, 64, size=h.shape[0]).astype(np.uint8)
    uh, uf, uc, uoff = sort_unique_terms(h, f, off)
    for d in range(off.shape[0] - 1):
        ref: dict[int, tuple[int, int]] = {}
        for x, y in zip(h[off[d] : off[d + 1]].tolist(), f[off[d] : off[d + 1]].tolist(), strict=True):
            flags, count = ref.get(x, (0, 0))
            ref[x] = (flags | y, count + 1)
        got = uh[uoff[d] : uoff[d + 1]].tolist()
        assert got == sorted(ref)
        assert uf[uoff[d] : uoff[d + 1]].tolist() == [ref[x][0] for x in got]
        assert uc[uoff[d] : uoff[d + 1]].tolist() == [ref[x][1] for x in got]


WEEKDAY_TEXTS = [
    "The quake struck on Sunday; rescuers arrived Monday, and on SUNDAY night the aftershocks stopped.",
    "Markets closed higher on Friday-afternoon trading (Thursday: lower).",
    "Sundays and Mondays are not weekday mentions; neither is Sun.",
    "The attack came on Saturday; a vigil is scheduled for Sunday, talks run until Monday, next Friday a vote.",
    "",
]


@pytest.mark.parametrize("text", WEEKDAY_TEXTS)
def test_kernels_scan_weekday_terms_match_the_reference(text):
    from dateline.dedup.kernels import F_WDAY

    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    by_hash = {_token_hashes(name)[0]: d for d, name in enumerate(names, 1)}
    # one weekday term per weekday named (hashed as its day number), counted per mention; a day set ahead
    # ("for", "until", "till" or "next" before it) is not the day reported
    ahead = {_token_hashes(w)[0] for w in ("for", "until", "till", "next")}
    want: dict[int, int] = {}
    toks = _token_hashes(text)
    for k, t in enumerate(toks):
        if t in by_hash and not (k > 0 and toks[k - 1] in ahead):
            key = _mix((by_hash[t] + 0x3D3D) & M64)
            want[key] = want.get(key, 0) + 1
    s = compute_signatures([text])
    got = {int(h): int(c) for h, f, c in zip(s.term_hash, s.term_flag, s.term_count, strict=True) if f & F_WDAY}
    assert got == want
    assert all(f == F_WDAY for f in s.term_flag[(s.term_flag & F_WDAY) != 0].tolist())


FIGURE_TEXTS = [
    "A magnitude 7.4 quake, 10 km deep, left 1,250 homeless and 300 injured; in 2019 and 1999 too.",
    "Shares fell 3.5% to $12.40 at 10:30 on volume of 2,017 lots (not the year 2017); 45 and 99 are short.",
    "Version 1.2.3 costs 100000 or 9.99, and the code 007 counts; 1799 and 2100 are not years.",
    "Rates of 6-1/8 and 6-3/4 pct, up 1/2 or 24/7; not 3/15/2017, 1000/3, 7-6 or 2015-16; 10-12/3 and 1/2-3/4.",
    "",
]


LEAD_MONTH_TEXTS = [
    "Payrolls rose by 209,000 in July, the department said on Friday; in June they had risen 231,000.",
    "S/P MAY DOWNGRADE AFG. The agency said on May 5 that it may act in March.",
    "May 12 fell on a Friday. Nothing in the lead names another month than that.",
    "THE FED MAY CUT RATES IN MAY, SAY ECONOMISTS",
    "Estimates for May showed 138,000 jobs; since May the rate fell. Early May was calm, next May too.",
    "Prime Minister Theresa May said the talks may end; May said so to Brian May.",
    "A long lead " + "word " * 40 + "that reaches January only after forty tokens.",
    "",
]
_MONTH_NO = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
             "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
             "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}  # fmt: skip
_MAY_CUES = ("in", "of", "for", "since", "until", "till", "last", "next", "early", "late")


def _reference_lead_months(text: str, lead: int) -> dict[int, int]:
    """The months a capitalized month name gives among the first ``lead`` tokens ("May" only after one of
    ``_MAY_CUES``, or before a day number 1-31, which may be the token after the lead), as month -> mentions."""
    toks = _raw_tokens(text)
    out: dict[int, int] = {}
    for k, tok in enumerate(toks[:lead]):
        m = _MONTH_NO.get(tok.lower())
        if not m or not tok[0].isupper():
            continue
        if m == 5:
            after = toks[k + 1] if k + 1 < len(toks) else ""
            if not (k > 0 and toks[k - 1].lower() in _MAY_CUES) and not (after.isdigit() and 1 <= int(after) <= 31 and len(after) <= 2):
                continue
        out[m] = out.get(m, 0) + 1
    return out


@pytest.mark.parametrize("text", LEAD_MONTH_TEXTS)
def test_kernels_scan_lead_month_terms_match_the_reference(text):
    from dateline.dedup.kernels import F_MONTH

    want = {_mix((m + 0x4D4D) & M64): c for m, c in _reference_lead_months(text, 40).items()}
    s = compute_signatures([text])
    got = {int(h): int(c) for h, f, c in zip(s.term_hash, s.term_flag, s.term_count, strict=True) if f & F_MONTH}
    assert got == want
    # no month terms at all with the check off
    off = compute_signatures([text], config=DedupConfig(lead_month_tokens=0))
    assert not (off.term_flag & F_MONTH).any()


def _reference_figures(text: str) -> dict[int, int]:
    """Precise figures of ``text`` by token hash, with their counts: digit tokens with a decimal point
    or with 3+ digits, except plain 4-digit years 1800-2099. Tokens of one hash are one term
    ("2,017" and "2017": commas are not hashed), counted together, a figure if any of them is."""
    figs: set[int] = set()
    counts: dict[int, int] = {}
    for tok, h in zip(_raw_tokens(text), _token_hashes(text), strict=True):
        digits = tok.replace(".", "").replace(",", "").replace(":", "").replace("-", "").replace("/", "")
        if not digits.isdigit() or not digits.isascii():
            continue
        counts[h] = counts.get(h, 0) + 1
        if tok.isdigit() and len(tok) == 4 and 1800 <= int(tok) <= 2099:
            continue
        if "." in tok or "/" in tok or len(digits) >= 3:
            figs.add(h)
    return {h: counts[h] for h in figs}


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("at 6-1/8 pct", ["at", "6-1/8", "pct"]),
        ("up 1/2.", ["up", "1/2"]),
        ("on 3/15/2017", ["on", "3", "15", "2017"]),
        ("won 7-6 in 2015-16", ["won", "7", "6", "in", "2015", "16"]),
        ("1000/3 and 1/2-3/4", ["1000", "3", "and", "1", "2-3/4"]),
    ],
)
def test_kernels_reference_tokens_keep_fractions_whole(text, tokens):
    # the reference's tokens, which the scanner's hashes must match (above): a fraction is one precise number
    assert _raw_tokens(text) == tokens


def _raw_tokens(text: str) -> list[str]:
    """The tokens of ``_token_hashes`` as text (``. , :`` kept between digits, ``- /`` inside fractions)."""
    return [t.decode(errors="replace") for t in _token_bytes(text)]


@pytest.mark.parametrize("text", FIGURE_TEXTS)
def test_kernels_scan_precise_figures_match_the_reference(text):
    from dateline.dedup.kernels import F_FIG, F_NUM

    s = compute_signatures([text])
    got = {int(h): int(c) for h, f, c in zip(s.term_hash, s.term_flag, s.term_count, strict=True) if f & F_FIG}
    assert got == _reference_figures(text)
    figs = s.term_flag[(s.term_flag & F_FIG) != 0]
    assert ((figs & F_NUM) != 0).all()


def _reference_pair_features(sigs, w, i, j):
    """Plain-Python fingerprint overlap of records ``i`` and ``j`` (the columns of ``verify.FEATURES``)."""
    from dateline.dedup.verify import FEATURES

    def terms(d):
        lo, hi = int(sigs.term_off[d]), int(sigs.term_off[d + 1])
        return {int(h): (int(f), float(x)) for h, f, x in zip(sigs.term_hash[lo:hi], sigs.term_flag[lo:hi], w[lo:hi], strict=True)}

    def kinds(f):  # number (not a year), date, year, entity, weekday, precise figure, lead month
        return (f & 2 and not f & 4, f & 8, f & 4, f & 1, f & 64, f & 128, f & 32)

    out = dict.fromkeys(FEATURES, 0.0)
    ta, tb = terms(i), terms(j)
    for side, t in (("a", ta), ("b", tb)):
        for f, x in t.values():
            num, date, year, cap, wday, fig, month = kinds(f)
            if wday:
                out[f"wday_{side}"] += 1
                continue
            if month:
                out[f"month_{side}"] += 1
                continue
            out[f"fig_{side}"] += bool(fig)
            out[f"w_{side}"] += x
            out[f"num_{side}"] += bool(num)
            out[f"date_{side}"] += bool(date)
            out[f"year_{side}"] += bool(year)
            out[f"cap_{side}"] += x if cap else 0.0
    for h in ta.keys() & tb.keys():
        f = ta[h][0] | tb[h][0]
        num, date, year, cap, wday, fig, month = kinds(f)
        if wday:
            out["wday_shared"] += 1
            continue
        if month:
            out["month_shared"] += 1
            continue
        out["fig_shared"] += bool(fig)
        x = min(ta[h][1], tb[h][1])
        out["w_shared"] += x
        out["terms_shared"] += 1
        out["num_shared"] += bool(num)
        out["date_shared"] += bool(date)
        out["year_shared"] += bool(year)
        out["cap_shared"] += x if cap else 0.0
    return [out[k] for k in FEATURES]


def test_verify_pair_features_match_the_reference():
    from dateline.dedup.verify import pair_features

    texts = [*TEXTS, *WEEKDAY_TEXTS, *FIGURE_TEXTS, "The raid on Sunday, Jan. 8, 2017 killed 14 fighters near Deir ez-Zor, Dorrian said."]
    s = compute_signatures(texts)
    w = np.random.default_rng(3).uniform(0.1, 2.0, size=s.term_hash.shape[0]).astype(np.float32)
    n = len(texts)
    a = np.array([i for i in range(n) for j in range(n) if i != j], dtype=np.int64)
    b = np.array([j for i in range(n) for j in range(n) if i != j], dtype=np.int64)
    got = pair_features(a, b, s.term_hash, s.term_flag, s.term_off, w)
    for p in range(a.shape[0]):
        assert got[p].tolist() == pytest.approx(_reference_pair_features(s, w, int(a[p]), int(b[p])))


@pytest.mark.parametrize(("seed", "rank"), [(0, 1), (1, 2), (2, 6), (3, 6)])
def test_verify_background_matches_the_reference(seed, rank):
    from dateline.dedup.verify import background

    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 30, size=400), rng.integers(0, 30, size=400)
    score = rng.choice([0.1, 0.2, 0.5, 0.9], size=400) if seed % 2 else rng.random(400)
    want = np.zeros(30)
    for r in range(30):
        mine = sorted([float(s) for x, y, s in zip(a.tolist(), b.tolist(), score.tolist(), strict=True) for _ in range((x == r) + (y == r))], reverse=True)
        want[r] = mine[rank - 1] if len(mine) >= rank else 0.0
    assert background(a, b, score, rank).tolist() == want.tolist()


@pytest.mark.parametrize(("seed", "rank"), [(0, 1), (1, 2), (2, 6), (3, 6)])
def test_verify_background_by_copy_group_matches_the_reference(seed, rank):
    # each other group counts once, by its best pair; the record's own group not at all; the kept-pairs kernel
    # with nothing kept gives the same
    from dateline.dedup.verify import background, background_kept

    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 30, size=400), rng.integers(0, 30, size=400)
    score = rng.choice([0.1, 0.2, 0.5, 0.9], size=400) if seed % 2 else rng.random(400)
    group = rng.integers(0, 12, size=30)
    want = np.zeros(30)
    for r in range(30):
        best: dict[int, float] = {}
        for x, y, sc in zip(a.tolist(), b.tolist(), score.tolist(), strict=True):
            for me, other in ((x, y), (y, x)):
                if me == r and group[other] != group[r]:
                    best[int(group[other])] = max(best.get(int(group[other]), -1.0), sc)
        mine = sorted(best.values(), reverse=True)
        want[r] = mine[rank - 1] if len(mine) >= rank else 0.0
    assert background(a, b, score, rank, n=30, group=group).tolist() == want.tolist()
    none = np.full((30, 0), -1, dtype=np.int64)
    got, _, _ = background_kept(a, b, score, rank, np.arange(30), none, none.astype(float), group=group)
    assert got.tolist() == want.tolist()


@pytest.mark.parametrize(("seed", "rank", "copies"), [(0, 1, False), (1, 2, True), (2, 6, False), (3, 6, True), (4, 3, True)])
def test_verify_background_of_loners_matches_background_without(seed, rank, copies):
    # the pairs of a record alone with a member of a story of two or more, with or without copy groups (some
    # of them holding a record alone: its member's list is then read again)
    from dateline.dedup.unionfind import components
    from dateline.dedup.verify import background_of_loners, background_without

    rng = np.random.default_rng(seed)
    n, m = 40, 500
    a, b = rng.integers(0, n, size=m), rng.integers(0, n, size=m)
    keep = a != b
    a, b = a[keep], b[keep]
    score = rng.choice([0.1, 0.2, 0.5, 0.9], size=a.shape[0]) if seed % 2 else rng.random(a.shape[0])
    links = rng.random(a.shape[0]) < 0.04
    root = components(n, a[links], b[links])
    group = rng.integers(0, 30, size=n) if copies else None
    size = np.bincount(root, minlength=n)
    alone = size[root] == 1
    sel = np.flatnonzero((alone[a] & (size[root[b]] > 1)) | (alone[b] & (size[root[a]] > 1)))
    assert sel.shape[0] > 10
    want = background_without(a, b, score, root, sel, rank, group)
    assert background_of_loners(a, b, score, root, sel, alone, rank, group).tolist() == want.tolist()
