"""Compiled kernels: tokenize raw UTF-8 bytes, hash shingles, MinHash them and collect the terms of
the event fingerprint, in one pass per document (numba, no Python per token).

Internal module: its functions and array layouts are not a stable API; call
``dateline.dedup.signatures`` instead.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)

# byte classes of the scanner: 1 alphanumeric (ASCII letters, digits, any byte >= 128), 2 upper case, 4 digit
_CLS = np.zeros(256, dtype=np.uint8)
_CLS[48:58] = 1 | 4
_CLS[65:91] = 1 | 2
_CLS[97:123] = 1
_CLS[128:] = 1
_LOWER = np.arange(256, dtype=np.uint64)
_LOWER[65:91] += 32

# term flags
F_CAP = 1  # starts with an upper-case letter in the text (entity-like)
F_NUM = 2  # a number (digits with . , : inside)
F_YEAR = 4  # a 4-digit number 1800-2099
F_DATE = 8  # a month-day mention such as "Jan. 8" / "8 January" (hashed as month*32+day)
F_STOP = 16  # a stopword (never a term; used in shingles only)
F_MONTH = 32  # a month name
F_WDAY = 64  # a weekday name ("Monday"; hashed as its day number): a stopword as a word, a term only of this kind
F_FIG = 128  # a precise figure: a number with a decimal point or with 3+ digits, not a year ("4.7", "1,250")


@njit(cache=True, inline="always")
def _mix(x: np.uint64) -> np.uint64:
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


@njit(cache=True)
def mix64(x: np.uint64) -> np.uint64:
    """The splitmix64 finalizer (for kernels in other modules)."""
    return _mix(x)


@njit(cache=True, inline="always")
def _is_alnum(c: np.uint8) -> bool:
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c >= 128  # type: ignore[return-value]


@njit(cache=True)
def hash_token(b: np.ndarray) -> np.uint64:
    """FNV-1a of lower-cased bytes, then mixed (the same hash the scanner gives a token)."""
    h = _FNV_OFFSET
    for i in range(b.shape[0]):
        c = b[i]
        if 65 <= c <= 90:
            c += 32
        if c == 44:  # commas inside numbers are dropped: 130,000 == 130000
            continue
        h = (h ^ np.uint64(c)) * _FNV_PRIME
    return _mix(h)


def _cue_hashes(*words: bytes) -> np.ndarray:
    return np.array([hash_token(np.frombuffer(w, dtype=np.uint8)) for w in words], dtype=np.uint64)


# the tokens after which a capitalized "May" is the month, not the verb of a headline or a name ("in May",
# "figures for May", "since May", "last May", "early May")
_MAY_CUES = _cue_hashes(b"in", b"of", b"for", b"since", b"until", b"till", b"last", b"next", b"early", b"late")
# the tokens before a weekday that is set ahead, not reported: "scheduled for Sunday", "until Monday", "next Friday"
_AHEAD_CUES = _cue_hashes(b"for", b"until", b"till", b"next")


def word_table(
    stop: np.ndarray,
    month_hashes: np.ndarray,
    month_index: np.ndarray,
    wday_hashes: np.ndarray | None = None,
    wday_index: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Open-addressing table of token hashes: kind = month number (1-12) | 16 if a stopword
    | 64 * weekday number (1-7); 0 = empty."""
    if wday_hashes is None or wday_index is None:
        wday_hashes = np.zeros(0, dtype=np.uint64)
        wday_index = np.zeros(0, dtype=np.int64)
    size = 16
    while size < 4 * (stop.shape[0] + month_hashes.shape[0] + wday_hashes.shape[0]):
        size *= 2
    keys = np.zeros(size, dtype=np.uint64)
    kind = np.zeros(size, dtype=np.int64)
    entries: dict[int, int] = {}
    for h in stop.tolist():
        entries[h] = entries.get(h, 0) | 16
    for h, m in zip(month_hashes.tolist(), month_index.tolist(), strict=True):
        entries[h] = entries.get(h, 0) | int(m)
    for h, w in zip(wday_hashes.tolist(), wday_index.tolist(), strict=True):
        entries[h] = entries.get(h, 0) | (int(w) << 6)
    for h, k in entries.items():
        j = h & (size - 1)
        while kind[j] != 0:
            j = (j + 1) & (size - 1)
        keys[j] = h
        kind[j] = k
    return keys, kind


@njit(cache=True, inline="always")
def _is_cue(h: np.uint64, cues: np.ndarray) -> bool:
    for k in range(cues.shape[0]):
        if cues[k] == h:
            return True
    return False


@njit(cache=True)
def _digit_run(buf: np.ndarray, i: int, hi: int) -> int:
    """Length of the run of ASCII digits at ``buf[i:hi]``."""
    j = i
    while j < hi and 48 <= buf[j] <= 57:
        j += 1
    return j - i


@njit(cache=True)
def _fraction_at(buf: np.ndarray, i: int, hi: int, lo: int) -> bool:
    """Whether the ``-`` or ``/`` at ``buf[i]`` continues a fraction: "1/2", "6-1/8" (a mixed number, as
    financial copy writes rates and prices), with 1-3 digits on each side of the slash and no further slash
    or dash and digits after it, so that dates ("3/15/2017") and ranges or scores ("2015-16", "7-6") stay
    apart. ``lo`` is the start of the token, whose digits run up to ``i``."""
    before = 0
    j = i - 1
    while j >= lo and 48 <= buf[j] <= 57:
        before += 1
        j -= 1
    if not 1 <= before <= 3:
        return False
    k = i + 1
    if buf[i] == 45:  # "6-1/8": the dash must lead to a fraction
        num = _digit_run(buf, k, hi)
        if not 1 <= num <= 3 or k + num >= hi or buf[k + num] != 47:
            return False
        k += num + 1
    den = _digit_run(buf, k, hi)
    if not 1 <= den <= 3:
        return False
    k += den
    return not (k + 1 < hi and (buf[k] == 47 or buf[k] == 45) and 48 <= buf[k + 1] <= 57)


@njit(cache=True, inline="always")
def _word_kind(keys: np.ndarray, kind: np.ndarray, h: np.uint64) -> int:
    mask = keys.shape[0] - 1
    j = np.int64(h & np.uint64(mask))
    while kind[j] != 0:
        if keys[j] == h:
            return kind[j]  # type: ignore[no-any-return]
        j = (j + 1) & mask
    return 0


@njit(cache=True)
def scan(
    buf: np.ndarray,
    offsets: np.ndarray,
    word_keys: np.ndarray,
    word_kind: np.ndarray,
    ngram: int,
    char_mode: bool,
    perm_a: np.ndarray,
    perm_b: np.ndarray,
    term_cap: int,
    slot_cap: int = 0,
    lead_tokens: int = 0,
    lead_cap: int = 0,
) -> tuple[
    np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
    np.ndarray, np.ndarray,
]:
    """Tokenize, shingle and MinHash every document of ``buf[offsets[i]:offsets[i+1]]``.

    Returns ``(signatures uint32[n, P], shingle_counts int32[n], term_hashes uint64[m],
    term_flags uint8[m], term_offsets int64[n+1], slot_keys uint64[k], slot_offsets int64[n+1],
    lead_keys uint64[l], lead_offsets int64[n+1], next_keys uint64[l2], next_offsets int64[n+1])``; terms
    are the non-stopword tokens (numbers flagged ``F_NUM``, and ``F_FIG`` when precise), month-day
    mentions, weekday names (``F_WDAY``) and the months named in the first ``lead_tokens`` tokens
    (``F_MONTH``: a capitalized month name; "May" only after a cue such as "in", "for" or "since", or
    before a day number) of each document, unsorted, at most ``term_cap`` per document. Slots are the
    document's numbers (not years) keyed by their context (``slot_key``), sorted per document, each once, at
    most ``slot_cap`` per document (0: none). Lead keys are the hashes of the word terms (not numbers) among the
    document's first ``lead_cap`` tokens, sorted per document, each once (0: none); next keys the same for the
    ``lead_cap`` tokens after them (a lead may sit behind page furniture: a banner, a photo caption).
    ``word_keys`` / ``word_kind`` is the open-addressing table of ``word_table`` (stopwords, months).
    """
    n = offsets.shape[0] - 1
    P = perm_a.shape[0]
    sig = np.empty((n, P), dtype=np.uint32)
    counts = np.zeros(n, dtype=np.int32)
    total_cap = _capacity(offsets, term_cap)
    t_hash = np.empty(total_cap, dtype=np.uint64)
    t_flag = np.empty(total_cap, dtype=np.uint8)
    t_off = np.zeros(n + 1, dtype=np.int64)
    s_key = np.empty(_capacity(offsets, slot_cap), dtype=np.uint64)
    s_off = np.zeros(n + 1, dtype=np.int64)
    ns = 0
    lead_total = _capacity(offsets, lead_cap)
    l_key = np.empty(lead_total, dtype=np.uint64)
    l_off = np.zeros(n + 1, dtype=np.int64)
    nl = 0
    x_key = np.empty(lead_total, dtype=np.uint64)  # the window after the lead
    x_off = np.zeros(n + 1, dtype=np.int64)
    nx = 0
    window = np.zeros(max(ngram, 1), dtype=np.uint64)
    mins32 = np.empty(P, dtype=np.uint32)
    # 32-bit multiply-add permutations (odd multipliers): 8 lanes per AVX2 instruction
    a32 = (perm_a & np.uint64(0xFFFFFFFF)).astype(np.uint32) | np.uint32(1)
    b32 = (perm_b >> np.uint64(32)).astype(np.uint32)
    nt = 0
    for d in range(n):
        lo = offsets[d]
        hi = offsets[d + 1]
        for k in range(P):
            mins32[k] = np.uint32(0xFFFFFFFF)
        nshingles = 0
        ntok = 0
        doc_terms = 0
        prev_month = 0
        prev_num_day = 0
        prev_cap_may = False  # the token before was a capitalized "May" not yet counted as a month
        doc_tok = 0
        doc_slots = 0
        prev_tok = np.uint64(0)  # hash of the token before the current one
        pend = False  # a number waits for the token after it (the right side of its context)
        pend_left = np.uint64(0)
        pend_num = np.uint64(0)
        i = lo
        while i < hi:
            c = buf[i]
            if not _CLS[c] & 1:
                i += 1
                continue
            # one token: alnum run; . , : kept between digits, - and / inside fractions
            start = i
            h = _FNV_OFFSET
            all_digit = True
            ndig = 0
            cap = (_CLS[c] & 2) != 0
            dig_val = 0
            decimal = False
            while i < hi:
                c = buf[i]
                cls = _CLS[c]
                if cls & 1:
                    if cls & 4:
                        ndig += 1
                        if dig_val < 100000:
                            dig_val = dig_val * 10 + (c - 48)
                    else:
                        all_digit = False
                    h = (h ^ _LOWER[c]) * _FNV_PRIME
                    i += 1
                elif (c == 46 or c == 44 or c == 58) and all_digit and ndig > 0 and i + 1 < hi and 48 <= buf[i + 1] <= 57:
                    if c != 44:
                        h = (h ^ np.uint64(c)) * _FNV_PRIME
                    if c == 46:
                        decimal = True
                    dig_val = 100000
                    i += 1
                elif (c == 45 or c == 47) and all_digit and ndig > 0 and _fraction_at(buf, i, hi, start):
                    # "1/2", "6-1/8": one precise number, not three small ones
                    h = (h ^ np.uint64(c)) * _FNV_PRIME
                    decimal = True
                    dig_val = 100000
                    i += 1
                else:
                    break
            length = i - start
            th = _mix(h)
            # number slots: (token before, token after) -> the number between them
            if slot_cap > 0:
                if pend:
                    if doc_slots < slot_cap:
                        s_key[ns] = slot_key(pend_left, th, pend_num)
                        ns += 1
                        doc_slots += 1
                    pend = False
                if all_digit and not (ndig == 4 and 1800 <= dig_val <= 2099):  # years: not slots
                    pend = True
                    pend_left = prev_tok
                    pend_num = number_hash(buf, start, i)
            # shingles
            if not char_mode:
                if ngram > 1:
                    for k in range(ngram - 1):
                        window[k] = window[k + 1]
                window[ngram - 1] = th
                ntok += 1
                if ntok >= ngram:
                    sh = np.uint64(0)
                    for k in range(ngram):
                        sh = _mix(sh ^ window[k]) + np.uint64(k)
                    nshingles += 1
                    sh32 = np.uint32((sh ^ (sh >> np.uint64(32))) & np.uint64(0xFFFFFFFF))
                    for k in range(P):
                        mins32[k] = min(mins32[k], np.uint32((a32[k] * sh32 + b32[k]) & np.uint64(0xFFFFFFFF)))
            # terms
            flags = 0
            kind = _word_kind(word_keys, word_kind, th)
            is_stop = (kind & 16) != 0
            month = kind & 15
            wday = (kind >> 6) & 7
            if all_digit:
                flags |= F_NUM
                if ndig == 4 and 1800 <= dig_val <= 2099:
                    flags |= F_YEAR
                elif decimal or ndig >= 3:
                    flags |= F_FIG
            elif cap:
                flags |= F_CAP
            day = dig_val if (all_digit and ndig <= 2 and 1 <= dig_val <= 31) else 0
            date_key = 0
            if month > 0 and prev_num_day > 0:
                date_key = month * 32 + prev_num_day
            elif day > 0 and prev_month > 0:
                date_key = prev_month * 32 + day
            if doc_terms < term_cap and month == 0 and not is_stop and (length >= 2 or all_digit):
                t_hash[nt] = th
                t_flag[nt] = flags
                nt += 1
                doc_terms += 1
                if doc_tok < lead_cap and not all_digit:
                    l_key[nl] = th
                    nl += 1
                elif doc_tok < 2 * lead_cap and not all_digit:
                    x_key[nx] = th
                    nx += 1
            if date_key > 0 and doc_terms < term_cap:
                t_hash[nt] = _mix(np.uint64(date_key) + np.uint64(0x5151))
                t_flag[nt] = F_DATE
                nt += 1
                doc_terms += 1
            # a weekday after "for", "until", "till" or "next" is a day set ahead ("a vigil scheduled for Sunday"),
            # not the day of what is reported
            ahead = _is_cue(prev_tok, _AHEAD_CUES)
            if wday > 0 and not ahead and doc_terms < term_cap:
                t_hash[nt] = _mix(np.uint64(wday) + np.uint64(0x3D3D))
                t_flag[nt] = F_WDAY
                nt += 1
                doc_terms += 1
            if doc_tok < lead_tokens + 1 and doc_terms < term_cap:
                # a month the lead names ("in July", "Jan. 8"); "May" is a month after a cue or before a day
                lead_month = 0
                if month > 0 and cap and doc_tok < lead_tokens:
                    if month != 5 or _is_cue(prev_tok, _MAY_CUES):
                        lead_month = month
                    else:
                        prev_cap_may = True
                elif prev_cap_may and day > 0:
                    lead_month = 5
                if lead_month > 0:
                    t_hash[nt] = _mix(np.uint64(lead_month) + np.uint64(0x4D4D))
                    t_flag[nt] = F_MONTH
                    nt += 1
                    doc_terms += 1
            if not (month == 5 and cap):
                prev_cap_may = False
            prev_month = month
            prev_num_day = day
            prev_tok = th
            doc_tok += 1
        if pend and doc_slots < slot_cap:
            s_key[ns] = slot_key(pend_left, np.uint64(0), pend_num)
            ns += 1
        # the document's slots and lead words sorted, each once, in place
        ns = _sort_unique_tail(s_key, s_off[d], ns)
        s_off[d + 1] = ns
        nl = _sort_unique_tail(l_key, l_off[d], nl)
        l_off[d + 1] = nl
        nx = _sort_unique_tail(x_key, x_off[d], nx)
        x_off[d + 1] = nx
        if not char_mode and 0 < ntok < ngram:
            sh = np.uint64(0)
            for k in range(ntok):
                sh = _mix(sh ^ window[ngram - ntok + k]) + np.uint64(k)
            nshingles = 1
            sh32 = np.uint32((sh ^ (sh >> np.uint64(32))) & np.uint64(0xFFFFFFFF))
            for k in range(P):
                mins32[k] = min(mins32[k], np.uint32((a32[k] * sh32 + b32[k]) & np.uint64(0xFFFFFFFF)))
        counts[d] = nshingles
        for k in range(P):
            sig[d, k] = mins32[k]
        t_off[d + 1] = nt
    return sig, counts, t_hash[:nt], t_flag[:nt], t_off, s_key[:ns], s_off, l_key[:nl], l_off, x_key[:nx], x_off


@njit(cache=True)
def _capacity(offsets: np.ndarray, cap: int) -> int:
    """Room for up to ``cap`` items per document, and no more than a document of ``offsets`` can hold (one per
    two bytes); 0 when ``cap`` is 0."""
    total = 0
    if cap > 0:
        for d in range(offsets.shape[0] - 1):
            total += min(cap, (offsets[d + 1] - offsets[d]) // 2 + 1)
    return total


@njit(cache=True)
def _sort_unique_tail(keys: np.ndarray, start: int, end: int) -> int:
    """Sort ``keys[start:end]`` in place, keep each key once; returns the new end. A short run (a lead's few
    dozen words) is sorted by insertion, a long one (a table's many number slots) by ``np.sort``."""
    if end - start > 32:
        keys[start:end] = np.sort(keys[start:end])
    else:
        for i in range(start + 1, end):
            x = keys[i]
            j = i - 1
            while j >= start and keys[j] > x:
                keys[j + 1] = keys[j]
                j -= 1
            keys[j + 1] = x
    m = start
    for k in range(start, end):
        if k == start or keys[k] != keys[m - 1]:
            keys[m] = keys[k]
            m += 1
    return m


_SLOT_NUM_BITS = 24
_SLOT_NUM_MASK = np.uint64((1 << _SLOT_NUM_BITS) - 1)


@njit(cache=True)
def number_hash(buf: np.ndarray, start: int, end: int) -> np.uint64:
    """Hash of the number ``buf[start:end]`` without its thousands commas and leading zeros
    ("130,000" == "130000", "06" == "6", "0.5" keeps its zero)."""
    h = _FNV_OFFSET
    zeros = 0
    lead = True
    for k in range(start, end):
        c = buf[k]
        if c == 44:
            continue
        if lead:
            if c == 48:
                zeros += 1
                continue
            if zeros > 0 and not 49 <= c <= 57:  # "0.5", "0:30": keep one zero before the separator
                h = (h ^ np.uint64(48)) * _FNV_PRIME
            lead = False
        h = (h ^ np.uint64(c)) * _FNV_PRIME
    if lead and zeros > 0:  # "0", "00"
        h = (h ^ np.uint64(48)) * _FNV_PRIME
    return _mix(h)


@njit(cache=True)
def slot_key(left: np.uint64, right: np.uint64, num: np.uint64) -> np.uint64:
    """One number slot: a 40-bit hash of its context (the tokens before and after) above 24 bits of
    the number's hash, so that a document's sorted keys hold each context's numbers together."""
    ctx = _mix(left * np.uint64(0x9E3779B97F4A7C15) + _mix(right ^ np.uint64(0x5A5A)))
    return (ctx & ~_SLOT_NUM_MASK) | (num & _SLOT_NUM_MASK)


@njit(cache=True)
def _lead_weight(key: np.uint64, d: int, term_hash: np.ndarray, term_off: np.ndarray, weight: np.ndarray) -> float:
    """The weight of document ``d``'s term ``key`` (its sorted terms searched; 0 when absent)."""
    lo = term_off[d]
    hi = term_off[d + 1]
    k = lo + np.searchsorted(term_hash[lo:hi], key)
    if k < hi and term_hash[k] == key:
        return weight[k]
    return 0.0


@njit(cache=True)
def _key_weights(
    key: np.ndarray, off: np.ndarray, need: np.ndarray, term_hash: np.ndarray, term_off: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each key's weight (of the documents in ``need`` only; 0 elsewhere) and each document's total."""
    n = off.shape[0] - 1
    kw = np.zeros(key.shape[0], dtype=np.float64)
    norm = np.zeros(n, dtype=np.float64)
    for d in range(n):
        if not need[d]:
            continue
        for k in range(off[d], off[d + 1]):
            kw[k] = _lead_weight(key[k], d, term_hash, term_off, weight)
            norm[d] += kw[k]
    return kw, norm


@njit(cache=True)
def _shared_weight(i: int, ie: int, ka: np.ndarray, kw: np.ndarray, j: int, je: int, kb: np.ndarray) -> float:
    """The weight (``kw``, aligned with ``ka``) of the keys ``ka[i:ie]`` and ``kb[j:je]`` share (one merge)."""
    shared = 0.0
    while i < ie and j < je:
        if ka[i] < kb[j]:
            i += 1
        elif ka[i] > kb[j]:
            j += 1
        else:
            shared += kw[i]
            i += 1
            j += 1
    return shared


@njit(cache=True)
def lead_cosines(
    a: np.ndarray,
    b: np.ndarray,
    lead_key: np.ndarray,
    lead_off: np.ndarray,
    next_key: np.ndarray,
    next_off: np.ndarray,
    term_hash: np.ndarray,
    term_off: np.ndarray,
    weight: np.ndarray,
    enough: float = 2.0,
) -> np.ndarray:
    """For each pair ``(a[p], b[p])``: the cosine of the two documents' leads, each word weighted by its term's
    ``weight`` (aligned with ``term_hash``); -1 where either lead is empty or weighs nothing.

    A lead may sit behind page furniture (a banner, a photo caption), so the cosine is the best of one lead
    against the other and of each lead against the window that follows the other's (``next_key``/``next_off``).
    A lead-against-lead cosine of ``enough`` or more is returned without the windows (a caller that only
    compares with a bar passes it here).
    ``lead_key``/``lead_off`` and ``next_key``/``next_off``: each document's sorted words, each once (``scan``'s
    lead and next keys). One merge of two sorted lists per comparison.
    """
    n = lead_off.shape[0] - 1
    need = np.zeros(n, dtype=np.bool_)
    for p in range(a.shape[0]):
        need[a[p]] = True
        need[b[p]] = True
    lw, lead_norm = _key_weights(lead_key, lead_off, need, term_hash, term_off, weight)
    xw, next_norm = _key_weights(next_key, next_off, need, term_hash, term_off, weight)
    m = a.shape[0]
    out = np.empty(m, dtype=np.float64)
    for p in range(m):
        da = a[p]
        db = b[p]
        if lead_norm[da] <= 0.0 or lead_norm[db] <= 0.0:
            out[p] = -1.0
            continue
        la, lae, lb, lbe = lead_off[da], lead_off[da + 1], lead_off[db], lead_off[db + 1]
        best = _shared_weight(la, lae, lead_key, lw, lb, lbe, lead_key) / np.sqrt(lead_norm[da] * lead_norm[db])
        if best >= enough:
            out[p] = best
            continue
        if next_norm[db] > 0.0:
            c = _shared_weight(la, lae, lead_key, lw, next_off[db], next_off[db + 1], next_key)
            best = max(best, c / np.sqrt(lead_norm[da] * next_norm[db]))
        if next_norm[da] > 0.0:
            c = _shared_weight(next_off[da], next_off[da + 1], next_key, xw, lb, lbe, lead_key)
            best = max(best, c / np.sqrt(next_norm[da] * lead_norm[db]))
        out[p] = best
    return out


@njit(cache=True)
def slot_agreement(
    a: np.ndarray, b: np.ndarray, keys: np.ndarray, off: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair ``(a[p], b[p])``: how many number contexts both documents have where they give a
    common number (agree) and where they give only different numbers (disagree).

    ``keys``/``off``: each document's sorted slot keys (``scan``); a context's numbers sit
    together under its upper 40 bits. One merge of the two sorted lists per pair.
    """
    m = a.shape[0]
    agree = np.zeros(m, dtype=np.int32)
    disagree = np.zeros(m, dtype=np.int32)
    for p in range(m):
        i = off[a[p]]
        ie = off[a[p] + 1]
        j = off[b[p]]
        je = off[b[p] + 1]
        while i < ie and j < je:
            ci = keys[i] >> np.uint64(_SLOT_NUM_BITS)
            cj = keys[j] >> np.uint64(_SLOT_NUM_BITS)
            if ci < cj:
                i += 1
            elif ci > cj:
                j += 1
            else:
                gi = i
                while gi < ie and keys[gi] >> np.uint64(_SLOT_NUM_BITS) == ci:
                    gi += 1
                gj = j
                while gj < je and keys[gj] >> np.uint64(_SLOT_NUM_BITS) == cj:
                    gj += 1
                common = False
                x = i
                y = j
                while x < gi and y < gj:
                    if keys[x] < keys[y]:
                        x += 1
                    elif keys[x] > keys[y]:
                        y += 1
                    else:
                        common = True
                        break
                if common:
                    agree[p] += 1
                else:
                    disagree[p] += 1
                i = gi
                j = gj
    return agree, disagree


@njit(cache=True)
def char_shingle_minhash(
    buf: np.ndarray, offsets: np.ndarray, ngram: int, perm_a: np.ndarray, perm_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash of character n-grams over lower-cased alnum runs joined by single spaces."""
    n = offsets.shape[0] - 1
    P = perm_a.shape[0]
    sig = np.empty((n, P), dtype=np.uint32)
    counts = np.zeros(n, dtype=np.int32)
    ring = np.zeros(ngram, dtype=np.uint8)
    for d in range(n):
        mins = np.full(P, np.uint64(0xFFFFFFFF))
        filled = 0
        last_space = True
        cnt = 0
        for i in range(offsets[d], offsets[d + 1]):
            c = buf[i]
            if _is_alnum(c):
                ch = c + 32 if 65 <= c <= 90 else c
                last_space = False
            elif last_space:
                continue
            else:
                ch = np.uint8(32)
                last_space = True
            for k in range(ngram - 1):
                ring[k] = ring[k + 1]
            ring[ngram - 1] = ch
            filled += 1
            if filled >= ngram:
                h = _FNV_OFFSET
                for k in range(ngram):
                    h = (h ^ np.uint64(ring[k])) * _FNV_PRIME
                sh = _mix(h)
                cnt += 1
                for k in range(P):
                    v = (perm_a[k] * sh + perm_b[k]) >> np.uint64(32)
                    if v < mins[k]:
                        mins[k] = v
        counts[d] = cnt
        for k in range(P):
            sig[d, k] = np.uint32(mins[k])
    return sig, counts


@njit(cache=True)
def sort_unique_terms(
    t_hash: np.ndarray, t_flag: np.ndarray, t_off: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per document: keep each term once (OR of flags, occurrence count), sorted by hash.

    Repeats are merged in a small hash table first, so only the distinct terms are sorted.
    """
    n = t_off.shape[0] - 1
    out_h = np.empty(t_hash.shape[0], dtype=np.uint64)
    out_f = np.empty(t_hash.shape[0], dtype=np.uint8)
    out_c = np.empty(t_hash.shape[0], dtype=np.uint16)
    out_off = np.zeros(n + 1, dtype=np.int64)
    longest = 1
    for d in range(n):
        longest = max(longest, t_off[d + 1] - t_off[d])
    size = 16
    while size < 2 * longest:
        size *= 2
    slot_of = np.full(size, -1, dtype=np.int64)  # table slot -> index into the distinct terms
    u_h = np.empty(longest, dtype=np.uint64)
    u_f = np.empty(longest, dtype=np.uint8)
    u_c = np.empty(longest, dtype=np.int64)
    u_slot = np.empty(longest, dtype=np.int64)
    m = 0
    for d in range(n):
        lo = t_off[d]
        hi = t_off[d + 1]
        cnt = hi - lo
        tsize = 16
        while tsize < 2 * cnt:
            tsize *= 2
        mask = np.uint64(tsize - 1)
        nu = 0
        for i in range(lo, hi):
            h = t_hash[i]
            j = np.int64(h & mask)
            while True:
                k = slot_of[j]
                if k < 0:
                    slot_of[j] = nu
                    u_h[nu] = h
                    u_f[nu] = t_flag[i]
                    u_c[nu] = 1
                    u_slot[nu] = j
                    nu += 1
                    break
                if u_h[k] == h:
                    u_f[k] |= t_flag[i]
                    u_c[k] += 1
                    break
                j = (j + 1) & (tsize - 1)
        order = np.argsort(u_h[:nu])
        for r in range(nu):
            q = order[r]
            out_h[m] = u_h[q]
            out_f[m] = u_f[q]
            out_c[m] = min(u_c[q], 65535)
            m += 1
            slot_of[u_slot[q]] = -1
        out_off[d + 1] = m
    return out_h[:m], out_f[:m], out_c[:m], out_off


@njit(cache=True)
def band_keys(sig: np.ndarray, bands: int) -> np.ndarray:
    """uint64 key per (document, band): a hash of the band's rows, salted with the band number."""
    n, P = sig.shape
    r = P // bands
    out = np.empty((n, bands), dtype=np.uint64)
    for d in range(n):
        for b in range(bands):
            h = np.uint64(b + 1) * np.uint64(0x9E3779B97F4A7C15)
            for k in range(r):
                h = _mix(h ^ np.uint64(sig[d, b * r + k]))
            out[d, b] = h
    return out


@njit(cache=True)
def band_key_column(sig: np.ndarray, bands: int, band: int) -> np.ndarray:
    """Column ``band`` of ``band_keys(sig, bands)``: one band's key for every document."""
    n, P = sig.shape
    r = P // bands
    out = np.empty(n, dtype=np.uint64)
    salt = np.uint64(band + 1) * np.uint64(0x9E3779B97F4A7C15)
    for d in range(n):
        h = salt
        for k in range(r):
            h = _mix(h ^ np.uint64(sig[d, band * r + k]))
        out[d] = h
    return out


@njit(cache=True)
def line_hashes(buf: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lines of every document (split at newlines and at `` | `` separators of flattened pages).

    Returns ``(hash, doc, start, end, chars)`` per non-empty line; the hash ignores case and runs of
    white space, ``chars`` counts the line's non-space bytes.
    """
    total = 0
    for i in range(buf.shape[0]):
        if buf[i] == 10 or buf[i] == 124:
            total += 1
    total += offsets.shape[0]
    hs = np.empty(total, dtype=np.uint64)
    ds = np.empty(total, dtype=np.int64)
    st = np.empty(total, dtype=np.int64)
    en = np.empty(total, dtype=np.int64)
    ch = np.empty(total, dtype=np.int64)
    m = 0
    for d in range(offsets.shape[0] - 1):
        lo = offsets[d]
        hi = offsets[d + 1]
        i = lo
        while i < hi:
            start = i
            h = _FNV_OFFSET
            nchars = 0
            pending_space = False
            while i < hi:
                c = buf[i]
                if c == 10 or c == 13:
                    break
                if c == 124 and i > lo and buf[i - 1] == 32 and i + 1 < hi and buf[i + 1] == 32:
                    break
                if c == 32 or c == 9:
                    pending_space = nchars > 0
                else:
                    if pending_space:
                        h = (h ^ np.uint64(32)) * _FNV_PRIME
                        pending_space = False
                    lc = c + 32 if 65 <= c <= 90 else c
                    h = (h ^ np.uint64(lc)) * _FNV_PRIME
                    nchars += 1
                i += 1
            if nchars > 0:
                hs[m] = _mix(h)
                ds[m] = d
                st[m] = start
                en[m] = i
                ch[m] = nchars
                m += 1
            i += 1
    return hs[:m], ds[:m], st[:m], en[:m], ch[:m]


@njit(cache=True)
def line_key_counts(
    hs: np.ndarray,
    ds: np.ndarray,
    chars: np.ndarray,
    doc_salt: np.ndarray,
    has_src: np.ndarray,
    max_chars: int,
    crawl_salt: np.uint64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Line keys of a batch and the number of records holding each.

    Every line of a record with a source gets a source key (its hash salted with the source), and a
    line of at most ``max_chars`` a crawl key; both are ``_mix``-ed. Returns ``(keys, counts)`` of the
    distinct keys (first-seen order) and, per key occurrence, ``(key index, line, is crawl key)``.
    Lines come in record order, so a record is counted once per key by remembering the last one.
    """
    m = hs.shape[0]
    size = 16
    while size < 4 * m + 2:
        size *= 2
    mask = size - 1
    t_key = np.zeros(size, dtype=np.uint64)
    t_idx = np.full(size, -1, dtype=np.int64)
    keys = np.empty(2 * m, dtype=np.uint64)
    counts = np.zeros(2 * m, dtype=np.int64)
    last = np.empty(2 * m, dtype=np.int64)
    e_u = np.empty(2 * m, dtype=np.int64)
    e_line = np.empty(2 * m, dtype=np.int64)
    e_crawl = np.empty(2 * m, dtype=np.bool_)
    nu = 0
    ne = 0
    for i in range(m):
        d = ds[i]
        for crawl in (False, True):
            if crawl:
                if chars[i] > max_chars:
                    continue
                k = _mix(hs[i] ^ crawl_salt)
            else:
                if not has_src[d]:
                    continue
                k = _mix(hs[i] ^ doc_salt[d])
            j = np.int64(k & np.uint64(mask))
            while t_idx[j] >= 0 and t_key[j] != k:
                j = (j + 1) & mask
            u = t_idx[j]
            if u < 0:
                u = nu
                nu += 1
                t_idx[j] = u
                t_key[j] = k
                keys[u] = k
                last[u] = -1
            if last[u] != d:
                last[u] = d
                counts[u] += 1
            e_u[ne] = u
            e_line[ne] = i
            e_crawl[ne] = crawl
            ne += 1
    return keys[:nu], counts[:nu], e_u[:ne], e_line[:ne], e_crawl[:ne]


@njit(cache=True)
def blank_ranges(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
    """Overwrite ``buf[starts[k]:ends[k]]`` with spaces (removes boilerplate lines in place)."""
    for k in range(starts.shape[0]):
        for i in range(starts[k], ends[k]):
            buf[i] = 32


@njit(cache=True)
def top_k_per_doc(prio: np.ndarray, ok: np.ndarray, off: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest-``prio`` eligible (``ok``, ``prio > 0``) terms of every document
    (weekday terms weigh 0 and never block)."""
    out = np.empty(min(prio.shape[0], k * (off.shape[0] - 1)), dtype=np.int64)
    m = 0
    for d in range(off.shape[0] - 1):
        lo = off[d]
        hi = off[d + 1]
        cnt = 0
        for i in range(lo, hi):
            if ok[i] and prio[i] > 0:
                cnt += 1
        if cnt == 0:
            continue
        idx = np.empty(cnt, dtype=np.int64)
        vals = np.empty(cnt, dtype=np.float32)
        c = 0
        for i in range(lo, hi):
            if ok[i] and prio[i] > 0:
                idx[c] = i
                vals[c] = -prio[i]
                c += 1
        order = np.argsort(vals, kind="mergesort")
        for j in range(min(k, cnt)):
            out[m] = idx[order[j]]
            m += 1
    return out[:m]


@njit(cache=True)
def _rehash(ukeys: np.ndarray, nu: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.zeros(size, dtype=np.uint64)
    tid = np.full(size, -1, dtype=np.int32)
    mask = np.uint64(size - 1)
    for t in range(nu):
        h = ukeys[t]
        j = np.int64(_mix(h) & mask)
        while tid[j] >= 0:
            j = (j + 1) & (size - 1)
        keys[j] = h
        tid[j] = t
    return keys, tid


@njit(cache=True)
def _insert_terms(
    term_hash: np.ndarray, start: int, keys: np.ndarray, tid: np.ndarray, ukeys: np.ndarray, counts: np.ndarray,
    ids: np.ndarray, nu: int,
) -> tuple[int, int]:
    """Insert ``term_hash[start:]`` until done or the table is half full; returns (next index, distinct)."""
    size = keys.shape[0]
    mask = size - 1
    limit = size // 2
    for i in range(start, term_hash.shape[0]):
        h = term_hash[i]
        j = np.int64(_mix(h) & np.uint64(mask))
        while tid[j] >= 0 and keys[j] != h:
            j = (j + 1) & mask
        t = tid[j]
        if t < 0:
            if nu >= limit:
                return i, nu
            t = nu
            nu += 1
            tid[j] = t
            keys[j] = h
            ukeys[t] = h
        counts[t] += 1
        ids[i] = t
    return term_hash.shape[0], nu


def term_ids(term_hash: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per term occurrence: its document frequency (int32, see ``term_df``) and a dense uint32 id of
    its hash (equal hashes, equal ids; ids below the number of distinct hashes).

    Open addressing, no sort; the table grows with the distinct hashes (not the occurrences), so it
    stays small and cache-friendly on large batches.
    """
    m = term_hash.shape[0]
    size = 1 << 12
    while size < m // 16:
        size *= 2
    ukeys = np.empty(size // 2, dtype=np.uint64)
    counts = np.zeros(size // 2, dtype=np.int32)
    keys, tid = _rehash(ukeys, 0, size)
    ids = np.empty(m, dtype=np.uint32)
    i, nu = 0, 0
    while True:
        i, nu = _insert_terms(term_hash, i, keys, tid, ukeys, counts, ids, nu)
        if i >= m:
            break
        size *= 2  # half full: double and re-insert the distinct hashes
        ukeys = grow(ukeys, size // 2)
        counts = grow(counts, size // 2)
        keys, tid = _rehash(ukeys, nu, size)
    df: np.ndarray = counts[ids]
    return df, ids


def term_df(term_hash: np.ndarray) -> np.ndarray:
    """For every term occurrence, how many occurrences share its hash (its document frequency,
    as each document lists a term once)."""
    return term_ids(term_hash)[0]


def grow(x: np.ndarray, cap: int) -> np.ndarray:
    """``x`` copied into a zeroed array of ``cap`` items of its dtype (for buffers that fill up)."""
    out = np.zeros(cap, dtype=x.dtype)
    out[: x.shape[0]] = x
    return out
