"""``/check``: paste an article and its stated date, get the date verdict, its evidence and the
stored stories it joins. ``POST /api/check`` (and ``POST /check.json``) answer exactly like
``dateline check --json``. Nothing is stored: the store is open read-only.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from dateline.errors import StoreError
from dateline.records import Article, parse_stated_date
from dateline.web.errors import ApiError
from dateline.web.highlight import highlight_segments
from dateline.web.views._common import Con, page, twin

router = APIRouter()
log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
FIELDS = {
    "text": "the article text (required)",
    "date": "its stated date, YYYY-MM-DD or YYYY-MM (optional)",
    "title": "its title (optional)",
}


class CheckRequest(BaseModel):
    """The body of ``POST /api/check``."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    date: str | None = Field(default=None, max_length=32)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)


def _check_article() -> Any:
    try:
        from dateline.dating import check_article
    except ImportError:
        try:
            from dateline.dating.check import check_article
        except ImportError as exc:
            raise ApiError(503, "date checking is not available in this installation") from exc
    return check_article


def check_data(con: Any, request: Request, req: CheckRequest) -> tuple[dict[str, Any], str | None]:
    """Check one pasted article; returns ``(dateline check --json output, note for the page)``."""
    if not req.text.strip():
        raise ApiError(422, "the article text is empty", [{"loc": ["text"], "msg": "paste the article text"}])
    try:
        stated = parse_stated_date(req.date)
    except ValueError as exc:
        raise ApiError(
            422, f"bad stated date {req.date!r}: {exc}", [{"loc": ["date"], "msg": str(exc)}]
        ) from exc
    article = Article(id="submitted", text=req.text, stated_date=stated, title=req.title or None, url=req.url)
    check = _check_article()
    cfg = request.app.state.run_config.dating
    note = None
    try:
        result = check(article, con=con, config=cfg)
    except StoreError as exc:
        log.warning("story matching failed on the read-only store (%s); checking the text alone", exc)
        note = "Matching against stored stories is not available on this store; the text alone was checked."
        result = check(article, con=None, config=cfg)
    out: dict[str, Any] = result.to_json()
    return out, note


@router.post("/api/check")
@router.post("/check.json")
def api_check(body: CheckRequest, request: Request, con: Con) -> Any:
    out, _ = check_data(con, request, body)
    return JSONResponse(out)


@router.get("/check.json")
def check_form_json() -> Any:
    return twin({"fields": FIELDS, "post": "/api/check", "result": None})


@router.get("/check")
def check_form() -> Any:
    return page("check.html", form={}, result=None, title="Check an article")


@router.post("/check")
def check_submit(
    request: Request,
    con: Con,
    text: str = Form("", max_length=MAX_TEXT_CHARS),
    date: str = Form("", max_length=32),
    title: str = Form("", max_length=2000),
    url: str = Form("", max_length=4000),
) -> Any:
    form = {"text": text, "date": date, "title": title, "url": url}
    req = CheckRequest.model_construct(text=text, date=date or None, title=title or None, url=url.strip() or None)
    try:
        result, note = check_data(con, request, req)
    except ApiError as err:
        return page(
            "check.html", status=err.status, form=form, result=None, error=err.error, title="Check an article"
        )
    spans = [
        {"start": e.get("start"), "end": e.get("end"), "kind": "evidence", "title": e.get("implies")}
        for e in result.get("evidence", [])
        if e.get("article_id") in (None, "submitted")
    ]
    segments = highlight_segments(text, spans)
    return page(
        "check.html", form=form, result=result, note=note, segments=segments, title="Check an article"
    )
