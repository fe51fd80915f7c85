"""Settings of the dedup (story grouping) stage."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.errors import BAD_CONFIG_VALUE, ConfigError


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Options of the dedup stage; every field has a default and a matching key in defaults.toml.

    Attributes:
        shingle: ``word`` or ``char`` n-grams for the near-duplicate level.
        ngram: n of the shingles (words or characters).
        num_perm: MinHash permutations (signature length, uint32 each).
        bands: LSH bands; ``num_perm`` must be divisible by it (rows = num_perm // bands).
        seed: seed of the MinHash permutations.
        fold_accents: read letters with and without diacritics as one ("Mbappé" and "Mbappe", "Szczęsny" and
            "Szczesny", "ﬁ" and "fi"): outlets spell names with and without them (stories-dev's two reports of
            the 2025 Clásico). Latin letters only (marks after a letter A-Z, and a few letters without a decomposition: ø, ł,
            ß, æ, œ, đ, ı); other scripts are read as they are. A store keeps the setting it was built with.
        dup_jaccard: shingle Jaccard at or above which two records are near-identical copies ...
        dup_containment: ... or the containment of the shorter in the longer at or above this.
        dup_number_agreement: copies must also agree on this share of the numbers they mention.
        story_strong: story score (fingerprint overlap with number/year/day agreement) at or above
            which two records report one story without further evidence.
        story_threshold: below that, a weak link needs an event score (overlap, halved per clear
            conflict of years, days or figures) of at least this ...
        story_weak_min_entity: ... shared entity-like names of at least this IDF weight ...
        story_weak_min_score: ... a story score (which clear conflicts of figures, days and years pull
            down hard) of at least this, so that another day's or year's look-alike does not link ...
        story_weak_rank: ... and an event score at least ``story_weak_margin`` above the
            ``story_weak_rank``-th best event score of each of its two records (their background of
            look-alikes), so that templated look-alikes do not link.
        story_weak_margin: see ``story_weak_rank``.
        copy_support: a weak link must also hold, within this share of the bar it cleared, between
            each end and every near-copy (strong neighbour) of the other end; 0 turns the check off.
        weekday_conflict: a weak link is dropped when both records name weekdays and share none of
            them (another day's event of the same kind); strong links are not affected.
        lead_month_tokens: a weak link is dropped when the leads of both records (the title and the
            text's first tokens, this many) name months and share none of them (another month's report
            of the same kind: a jobs report, a monthly index); strong links are not affected; 0 turns it off.
        story_lead_tokens: a weak link is dropped when the leads of its two records (the title and the text's
            first tokens, this many) share too little (``story_lead_min_cosine``): a news report says in its
            first sentences what happened, so two reports of one event open with the same news, and two
            developments of one saga (another day's arrest, ruling or reaction, naming the same people) open
            with their own. A lead may sit behind page furniture (a banner, a photo caption), so each lead is
            also compared with the as many tokens that follow the other's; strong links are not affected; 0
            turns it off.
        story_lead_min_cosine: ... the cosine of the two leads' words (numbers left out), each weighted by its
            squared IDF in the batch, that a weak link needs; a record without a lead word (or stored before
            leads were) is not tested; 0 turns the test off.
        figure_conflict: a weak link is dropped when both records give 3 or more precise figures
            (decimals, numbers of 3+ digits; years excluded) and share none of them; strong links
            are not affected.
        number_slot_conflict: a weak link is dropped when at least this many of the number slots the
            two records share (the same words before and after a number other than a year, "at about N to")
            give different numbers and these outnumber the slots giving the same number: another
            day's or quarter's report of one template; strong links are not affected; 0 turns it off.
        strong_slot_conflict: the same test for strong links, with at least this many differing slots:
            a score above ``story_strong`` does not make a link when this many shared slots give other
            numbers and outnumber the agreeing ones (next week's "grain ships waiting", February's
            leading index against January's), unless the two records give the same numbers (a
            correction that swapped figures with their comparisons); 0 turns it off.
        bridge_overlap: a record whose story links fall into groups that do not link to each other,
            and that it matches on terms overlapping less than this share, keeps only its links into
            its best group (a digest page must not glue the stories it quotes); 0 turns this off.
        loner_support: a record that no link groups with another joins the one story where at least
            this many members, counting near-copies of one text once, each pass the weak-link tests with it except the background margin and
            the entity bar (``loner_min_entity`` and ``loner_margin`` instead), provided it nearly links to no other story;
            0 turns this off.
        loner_min_entity: shared entity-name weight of such a near link ...
        loner_margin: ... whose event score must stand this far above the background of both ends
            (``story_weak_margin`` is the weak links' larger margin); a member's background leaves out
            the other members of its story.
        part_support: two stories join when at least this many pairs between them, counting near-copies of
            one text once, pass the weak-link tests against backgrounds that leave out each end's own story (a
            large event split in two: its pages were each other's look-alikes); 0 turns this off.
        part_share: ... and those pairs are at least this share of the candidate pairs between the two stories
            (two related events, the attack and the next day's raid, are linked by a few pairs, not most).
        part_rank: a pair between two stories also passes for ``part_support`` when it stands
            ``story_weak_margin`` above the ``part_rank``-th best candidate of each end outside both stories: in a
            larger crawl an event's parts are each other's look-alikes and, with the crawl's rarer words, so are
            more pages of its topic; a background without both parts at a smaller rank than
            ``story_weak_rank`` measures the pair against the rest. 0 turns this off.
        story_links: ``events`` (the default): a story holds the copies and rewrites of one text and other
            outlets' reports of the same event (weak links, parts and loners, tested against backgrounds of
            look-alikes); ``rewrites``: only the copies and rewrites of one text (near-copies and strong links),
            for cleaning a wire-copy corpus where another report of the same event, or another day's follow-up
            of one desk, must stay apart. A store keeps the setting it was built with.
        copies_once: the backgrounds count the copies of one text once (a near-copy or strong link joins them):
            each other text counts by its best pair, and a record's own copies not at all. Without it, one report
            republished by a few sites fills the background of every record it matches, and a page can no longer
            link to another outlet's report of its event (stories-dev with 1-5 edited copies of half its pages:
            pairwise recall 0.133 against 0.913 with it). ``false`` is the behaviour before.
        same_source: how two records of one source (the ``source`` field, else the host of the URL) may be linked
            as one story's independent reports (weak links, parts, loners; copies and rewrites are linked
            whatever their source). ``specific`` (the default): only when they share a specific detail as well,
            a precise figure (a decimal or 3+ digits, not a year), a day of the month or a weekday. One outlet
            rarely reports one event twice in two texts that are not rewrites of each other, while one desk's
            developments of a saga (another day's bid, another quarter's results) share its names and words. In
            the Reuters crawl (one source) it drops 77% of the story links of little shingle overlap between
            articles dated more than 14 days apart (1,547 to 360), and 47% of those dated within 2 days (1,305
            to 689); the dates were read only to measure this. ``any``: as records of two sources; ``copies``:
            only as copies and rewrites (a single-source crawl is then grouped as with
            ``story_links = "rewrites"``).
        story_recheck: an incremental index (``StoryIndex``) re-tests the stored links that rest on backgrounds
            (weak links, and the links that joined parts and loners) of the records each batch loads, against
            their backgrounds as that batch leaves them (look-alikes that arrived later), and splits a stored
            story where one no longer stands out, unless ``part_support`` such links still join
            the parts; the part without the story's founder gets the id of its own first record.
        story_recheck_margin: ... such a stored link holds while its event score stands this far above the
            background of both ends (a weak link is made at ``story_weak_margin``; the lower bar to keep it stops
            it from coming and going as its background moves a little).
        story_min_shared: key terms two records must share to be compared at the story level.
        key_terms: key terms (rarest first) each record contributes to story-level blocking.
        max_posting: a key term held by more records than this is too common to block on.
        boilerplate_min_docs: a line repeated in this many records of one source is boilerplate.
        boilerplate_crawl_min_docs: a short line repeated in this many records of the whole batch is boilerplate.
        boilerplate_max_chars: longest line that crawl-wide repetition may strip.
        embedder: ``none`` or a versioned encoder name (``minilm.v1``, needs ``dateline[embed]``).
        embed_weight: weight of the embedding cosine in the story score when an embedder is set (0 by
            default: 0.3, the previous default, changes nothing on stories-dev and lowers the benchmark's
            precision from 0.9372 to 0.9319; benchmarks/results/stories_embed.md).
        embed_min_cosine: with an embedder, a pair whose embedding cosine is at least this (and stands
            ``embed_margin`` above the ``story_weak_rank``-th best cosine of both its records) needs no shared
            entity names to be a weak link; every other weak-link test still holds. Independent reports of one
            event often name it in their own words. 0 turns this off.
        embed_margin: see ``embed_min_cosine``.
        lexical_min_cosine: the same without an embedder: a pair whose IDF-weighted cosine over all its words is
            at least this, and stands ``lexical_margin`` above the ``story_weak_rank``-th best such cosine of both
            its records (among all their candidate pairs), needs no shared entity names to be a weak link.
            0 turns this off.
        lexical_margin: see ``lexical_min_cosine``.
    """

    shingle: str = "word"
    ngram: int = 5
    num_perm: int = 128
    bands: int = 32
    seed: int = 1
    fold_accents: bool = True
    dup_jaccard: float = 0.6
    dup_containment: float = 0.8
    dup_number_agreement: float = 0.8
    story_threshold: float = 0.14
    story_strong: float = 0.6
    story_weak_min_entity: float = 4.0
    story_weak_min_score: float = 0.025
    story_weak_rank: int = 6
    story_weak_margin: float = 0.09
    story_min_shared: int = 3
    key_terms: int = 32
    max_posting: int = 300
    boilerplate_min_docs: int = 3
    boilerplate_crawl_min_docs: int = 20
    boilerplate_max_chars: int = 200
    copy_support: float = 0.8
    bridge_overlap: float = 0.2
    weekday_conflict: bool = True
    lead_month_tokens: int = 40
    story_lead_tokens: int = 80
    story_lead_min_cosine: float = 0.12
    figure_conflict: bool = True
    number_slot_conflict: int = 2
    strong_slot_conflict: int = 3
    loner_support: int = 2
    loner_min_entity: float = 1.0
    loner_margin: float = 0.05
    part_support: int = 2
    part_share: float = 0.3
    part_rank: int = 4
    story_links: str = "events"
    copies_once: bool = True
    same_source: str = "specific"
    story_recheck: bool = True
    story_recheck_margin: float = 0.03
    embedder: str = "none"
    embed_weight: float = 0.0
    embed_min_cosine: float = 0.65
    embed_margin: float = 0.05
    lexical_min_cosine: float = 0.15
    lexical_margin: float = 0.2

    def __post_init__(self) -> None:
        if self.shingle not in ("word", "char"):
            raise ConfigError(
                BAD_CONFIG_VALUE.format(where="dedup.shingle", problem="must be one of: char, word", value=self.shingle)
            )
        for name in ("ngram", "num_perm", "bands", "key_terms", "max_posting", "story_min_shared", "story_weak_rank"):
            if getattr(self, name) < 1:
                raise ConfigError(
                    BAD_CONFIG_VALUE.format(where=f"dedup.{name}", problem="must be >= 1", value=getattr(self, name))
                )
        if self.loner_support < 0 or self.loner_min_entity < 0:
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where="dedup.loner_support / dedup.loner_min_entity", problem="must be >= 0 (support 0 turns joining off)",
                    value=(self.loner_support, self.loner_min_entity),
                )
            )
        for name in ("part_support", "part_rank", "lead_month_tokens", "story_lead_tokens", "number_slot_conflict",
                     "strong_slot_conflict"):
            if getattr(self, name) < 0:
                raise ConfigError(
                    BAD_CONFIG_VALUE.format(
                        where=f"dedup.{name}", problem="must be >= 0 (0 turns it off)", value=getattr(self, name)
                    )
                )
        if self.num_perm % self.bands:
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where="dedup.bands", problem=f"must divide num_perm ({self.num_perm})", value=self.bands
                )
            )
        for name in ("dup_jaccard", "dup_containment", "dup_number_agreement", "story_threshold", "story_strong", "story_weak_margin",
                     "story_weak_min_score", "loner_margin", "part_share", "story_recheck_margin", "embed_weight", "embed_min_cosine", "embed_margin",
                     "lexical_min_cosine", "lexical_margin", "story_lead_min_cosine",
                     "copy_support", "bridge_overlap"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise ConfigError(BAD_CONFIG_VALUE.format(where=f"dedup.{name}", problem="must be in [0, 1]", value=v))
        if self.story_links not in ("events", "rewrites"):
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where="dedup.story_links", problem="must be one of: events, rewrites", value=self.story_links
                )
            )
        if self.same_source not in ("specific", "any", "copies"):
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where="dedup.same_source", problem="must be one of: any, copies, specific", value=self.same_source
                )
            )
        if self.embedder not in ("none", "minilm.v1", "fake.v1"):
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where="dedup.embedder", problem="must be one of: fake.v1, minilm.v1, none", value=self.embedder
                )
            )

    @property
    def lead_test(self) -> bool:
        """Whether a weak link needs leads that share the news (``story_lead_tokens`` and
        ``story_lead_min_cosine`` both above 0)."""
        return self.story_lead_tokens > 0 and self.story_lead_min_cosine > 0

    @property
    def rows(self) -> int:
        """Rows (signature values) per LSH band."""
        return self.num_perm // self.bands


DEFAULT_DEDUP = DedupConfig()
