"""The exceptions dateline raises, and the message templates users see."""

from __future__ import annotations


class DatelineError(Exception):
    "Base class of every error dateline raises on purpose."


class InputFormatError(DatelineError):
    "An input record or file could not be read (raised under --strict, or for a whole unreadable input)."


class ConfigError(DatelineError):
    "A configuration value is invalid."


class StoreError(DatelineError):
    "The embedded store could not be opened, read or written."


class EngineError(DatelineError):
    "An execution engine failed or is misconfigured."


class MissingDependencyError(DatelineError, ImportError):
    "An optional dependency is not installed."


# Message templates. Each says what failed, where, the value, and how to fix it.
MISSING_DEPENDENCY = (
    "{feature} needs the Python package {package!r}, which is not installed. "
    "Install it with: pip install 'dateline[{extra}]'"
)
REJECT_HINTS = {
    "invalid_utf8": "the file is not UTF-8; re-encode it (iconv -f LATIN1 -t UTF-8) or drop the record",
    "malformed_json": "each line must be one JSON object; fix the line or use --input-format",
    "malformed_csv": "the row does not parse as CSV with a header; check quoting and the column count",
    "impossible_date": "the date must be a real YYYY-MM-DD or YYYY-MM day; fix it or map another field with --field date=...",
    "empty_text": "the record has no text; map the text column with --field text=COLUMN",
    "binary": "the record looks like binary data, not text; check the input file",
    "too_large": "the record is larger than the reader's max_record_bytes; split it or raise the limit in the config",
    "duplicate_id": "two records share one id; make ids unique or drop the id field so ids come from provenance",
    "unreadable": "the file could not be read; check the path and its permissions",
    "not_html": "the WARC response is not an HTML page (images, PDFs and scripts are not articles)",
}
UNKNOWN_FORMAT = (
    "{path}: cannot tell the input format from the suffix {suffix!r}; "
    "use --input-format with one of: {choices}"
)
BAD_CONFIG_VALUE = "{where}: {problem}, got {value!r}"
