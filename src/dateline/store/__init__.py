"""The embedded DuckDB store."""

from dateline.store.duckdb import Store, open_store

__all__ = ["Store", "open_store"]
