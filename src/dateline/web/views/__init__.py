"""One module per page. Each exposes ``router`` and the query function its HTML page and JSON twin share."""
