"""Input readers and output writers."""

from dateline.io.readers import (
    FORMATS,
    article_from_text,
    detect_format,
    iter_input_files,
    read_records,
    read_single_article,
)

__all__ = ["FORMATS", "article_from_text", "detect_format", "iter_input_files", "read_records", "read_single_article"]
