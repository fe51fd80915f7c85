"""``/``: counts, verdicts and the largest stories (JSON twin ``/index.json``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from dateline.web import queries
from dateline.web.views._common import Con, page, twin

router = APIRouter()


def home_data(con: Any, request: Request) -> dict[str, Any]:
    return {"overview": queries.overview(con, config=request.app.state.config)}


@router.get("/index.json")
def home_json(request: Request, con: Con) -> Any:
    return twin(home_data(con, request))


@router.get("/")
@router.get("/index")
def home(request: Request, con: Con) -> Any:
    return page("index.html", ov=home_data(con, request)["overview"], title="Overview")
