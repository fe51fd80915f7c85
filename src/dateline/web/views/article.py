"""``/articles/{article_id}``: an article's text with its date evidence highlighted (twin ``.json``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dateline.web import queries
from dateline.web.errors import ApiError
from dateline.web.render import article_segments
from dateline.web.views._common import Con, page, twin

router = APIRouter()


def article_data(con: Any, article_id: str) -> dict[str, Any]:
    art = queries.article_detail(con, article_id)
    if art is None:
        raise ApiError(404, f"no article {article_id!r} in the store")
    return {"article": art}


@router.get("/articles/{article_id:path}.json")
def article_json(article_id: str, con: Con) -> Any:
    return twin(article_data(con, article_id))


@router.get("/articles/{article_id:path}")
def article(article_id: str, con: Con) -> Any:
    art = article_data(con, article_id)["article"]
    art["segments"] = article_segments(art)
    return page("article.html", article=art, title=art.get("title") or article_id)
