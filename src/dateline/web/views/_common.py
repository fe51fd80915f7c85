"""Helpers shared by the views: the per-request read-only cursor and page rendering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from dateline.web.render import ServerLinks, environment

LINKS = ServerLinks()


def cursor(request: Request) -> Iterator[Any]:
    """A cursor on the app's read-only store connection, closed after the request."""
    cur = request.app.state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[Any, Depends(cursor)]
"""A view parameter that receives the per-request read-only cursor."""


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(link=LINKS, **context)
    return HTMLResponse(html, status_code=status)


def twin(data: dict[str, Any]) -> JSONResponse:
    """The JSON twin of a page: the page's data with ``ok: true``."""
    return JSONResponse({"ok": True, **data})
