"""From cleaned texts to MinHash signatures and event-fingerprint terms (one compiled pass)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dateline.dedup import kernels
from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig

__all__ = ["Signatures", "compute_signatures", "permutations", "token_hash", "STOPWORDS"]

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours said says say told according would could may might must
    shall one two three four five six seven eight nine ten new last first next year years week weeks day days time
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow ago mr mrs ms per cent percent
    pct mln bln dlrs cts vs us u.s reuters ap afp via read more photo image copyright rights reserved news reported
    report reports people did did't don't it's he's she's we're they're that's there's including since around
    like well even still back many much another other while however whether although though across among""".split()
)
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}


def token_hash(token: str) -> int:
    """The 64-bit hash the scanner gives ``token`` (lower-cased)."""
    return int(kernels.hash_token(np.frombuffer(token.encode("utf-8"), dtype=np.uint8)))


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Lookup table of the scanner: stopword, month-name and weekday token hashes (``kernels.word_table``).

    Weekday names stay stopwords as words; the scanner adds them as terms of their own kind
    (``kernels.F_WDAY``), which weigh nothing in the fingerprint and only serve the weekday check.
    """
    stop = np.unique(np.array([token_hash(w) for w in STOPWORDS if w.isalnum()], dtype=np.uint64))
    pairs = sorted((token_hash(w), m) for w, m in _MONTHS.items())
    days = sorted((token_hash(w), d) for w, d in _WEEKDAYS.items())
    return kernels.word_table(
        stop, np.array([p[0] for p in pairs], dtype=np.uint64), np.array([p[1] for p in pairs], dtype=np.int64),
        np.array([p[0] for p in days], dtype=np.uint64), np.array([p[1] for p in days], dtype=np.int64),
    )  # fmt: skip


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash parameters ``(a odd, b)`` of the MinHash permutations."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63 - 1, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63 - 1, size=num_perm, dtype=np.uint64)
    return a, b


@dataclass(slots=True)
class Signatures:
    """Per-document arrays of one batch.

    Attributes:
        sig: uint32[n, num_perm] MinHash signatures of the shingles.
        shingles: int32[n] number of shingles of each document.
        term_hash / term_flag / term_count: the document's distinct fingerprint terms, sorted by hash
            per document, with kernel flags (entity, number, year, date, weekday, precise figure) and
            occurrence counts.
        term_off: int64[n+1] slice bounds of each document's terms.
        slot_key: uint64[k] the document's number slots (``kernels.slot_key``: a number keyed by the
            tokens before and after it), sorted per document, each once.
        slot_off: int64[n+1] slice bounds of each document's slots.
        lead_key: uint64[l] the word terms of the document's first ``story_lead_tokens`` tokens, sorted per
            document, each once (empty with the lead test off).
        lead_off: int64[n+1] slice bounds of each document's lead words.
        next_key / next_off: the same for the ``story_lead_tokens`` tokens after the lead.
    """

    sig: np.ndarray
    shingles: np.ndarray
    term_hash: np.ndarray
    term_flag: np.ndarray
    term_count: np.ndarray
    term_off: np.ndarray
    slot_key: np.ndarray
    slot_off: np.ndarray
    lead_key: np.ndarray
    lead_off: np.ndarray
    next_key: np.ndarray
    next_off: np.ndarray

    def __len__(self) -> int:
        return int(self.sig.shape[0])

    def terms(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.term_off[i], self.term_off[i + 1]
        return self.term_hash[lo:hi], self.term_flag[lo:hi]


def _pack(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [t.encode("utf-8", "replace") for t in texts]
    lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    buf = np.frombuffer(bytearray().join(encoded), dtype=np.uint8)  # writable, one copy of the bytes
    return buf, offsets


def pack_texts(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of all texts in one writable buffer, with ``n + 1`` offsets."""
    return _pack(texts)


def compute_signatures(
    texts: Sequence[str] | tuple[np.ndarray, np.ndarray],
    *,
    config: DedupConfig = DEFAULT_DEDUP,
    term_cap: int = 2000,
    slot_cap: int = 256,
) -> Signatures:
    """Signatures, fingerprint terms, number slots (the first ``slot_cap`` numbers of each
    document) and lead words of cleaned texts, or of a packed ``(buf, offsets)``."""
    word_keys, word_kind = _tables()
    a, b = permutations(config.num_perm, config.seed)
    if isinstance(texts, tuple):
        buf, offsets = texts
    else:
        buf, offsets = _pack(texts)
    char_mode = config.shingle == "char"
    if config.number_slot_conflict == 0 and config.strong_slot_conflict == 0:
        slot_cap = 0
    lead_cap = config.story_lead_tokens if config.lead_test else 0
    if char_mode:
        empty = np.zeros(0, dtype=np.uint64)
        _, counts, th, tf, toff, sk, soff, lk, loff, xk, xoff = kernels.scan(
            buf, offsets, word_keys, word_kind, config.ngram, True, empty, empty, term_cap, slot_cap,
            config.lead_month_tokens, lead_cap,
        )
        sig, counts = kernels.char_shingle_minhash(buf, offsets, config.ngram, a, b)
    else:
        sig, counts, th, tf, toff, sk, soff, lk, loff, xk, xoff = kernels.scan(
            buf, offsets, word_keys, word_kind, config.ngram, False, a, b, term_cap, slot_cap,
            config.lead_month_tokens, lead_cap,
        )
    uh, uf, uc, uoff = kernels.sort_unique_terms(th, tf, toff)
    return Signatures(sig, counts, uh, uf, uc, uoff, sk, soff, lk, loff, xk, xoff)
