-- dateline embedded store. Each stage owns its tables; this file holds the shared ones.
-- Articles: one row per accepted record ever ingested. Keyed by id; reruns add nothing.
CREATE TABLE IF NOT EXISTS articles (
    id           VARCHAR PRIMARY KEY,
    seq          BIGINT NOT NULL,          -- ingest order, global across runs
    batch_id     VARCHAR NOT NULL,         -- the run that first ingested it
    origin_file  VARCHAR,
    origin_line  BIGINT,
    stated_date  VARCHAR,                  -- YYYY-MM-DD or YYYY-MM, or NULL
    title        VARCHAR,
    url          VARCHAR,
    source       VARCHAR,
    text         VARCHAR NOT NULL,
    html_date_signals VARCHAR              -- JSON list, or NULL
);
-- Per-article results of the latest run that touched the article.
CREATE TABLE IF NOT EXISTS article_results (
    id              VARCHAR PRIMARY KEY,
    dup_group_id    VARCHAR,
    story_id        VARCHAR,
    date_verdict    VARCHAR,
    estimated_date  VARCHAR,
    date_lo         VARCHAR,
    date_hi         VARCHAR,
    date_confidence DOUBLE,
    evidence        VARCHAR,               -- JSON list of evidence objects
    timexes         VARCHAR                -- JSON list of timex objects
);
-- Stories: one row per story with the summary the report and UI read.
CREATE TABLE IF NOT EXISTS stories (
    story_id      VARCHAR PRIMARY KEY,
    article_ids   VARCHAR[] NOT NULL,
    first_copy_id VARCHAR,
    date_lo       VARCHAR,
    date_hi       VARCHAR,
    timeline      VARCHAR,                 -- JSON
    versions      VARCHAR                  -- JSON
);
-- Runs: one row per completed ingest/run, for provenance and the report's overview.
CREATE TABLE IF NOT EXISTS runs (
    batch_id    VARCHAR PRIMARY KEY,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP,
    inputs      VARCHAR,                   -- JSON list of input paths
    accepted    BIGINT,
    rejected    BIGINT,
    new_articles BIGINT
);
