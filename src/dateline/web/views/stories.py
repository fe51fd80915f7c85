"""``/stories?q=&page=``: story search, largest first (JSON twin ``/stories.json``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from dateline.web import queries
from dateline.web.views._common import Con, page, twin

router = APIRouter()


def stories_data(con: Any, request: Request, q: str, page_no: int) -> dict[str, Any]:
    cfg = request.app.state.config
    return queries.search_stories(con, q, page=page_no, page_size=cfg.report_page_size)


@router.get("/stories.json")
def stories_json(
    request: Request,
    con: Con,
    q: str = Query("", max_length=200),
    page_no: int = Query(1, alias="page", ge=1, le=100_000),
) -> Any:
    return twin(stories_data(con, request, q, page_no))


@router.get("/stories")
def stories(
    request: Request,
    con: Con,
    q: str = Query("", max_length=200),
    page_no: int = Query(1, alias="page", ge=1, le=100_000),
) -> Any:
    res = stories_data(con, request, q, page_no)
    return page("stories.html", res=res, q=res["q"], title="Stories")
