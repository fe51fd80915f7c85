"""``/stories/{story_id}``: a story's copies, timeline plot, events and version diff (twin ``.json``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from dateline.web import queries
from dateline.web.charts import story_chart
from dateline.web.errors import ApiError
from dateline.web.views._common import Con, page, twin

router = APIRouter()


def story_data(con: Any, request: Request, story_id: str) -> dict[str, Any]:
    story = queries.story_detail(con, story_id, config=request.app.state.config)
    if story is None:
        raise ApiError(404, f"no story {story_id!r} in the store")
    first = next((a for a in story["articles"] if a["id"] == story["first_copy_id"]), story["articles"][0])
    story["title"] = first.get("title") or (first.get("snippet") or "")[:120]
    return {"story": story}


@router.get("/stories/{story_id:path}.json")
def story_json(story_id: str, request: Request, con: Con) -> Any:
    return twin(story_data(con, request, story_id))


@router.get("/stories/{story_id:path}")
def story(story_id: str, request: Request, con: Con) -> Any:
    data = story_data(con, request, story_id)["story"]
    data["spec"] = story_chart(data)
    data["chart_id"] = "chart-story"
    return page("story.html", story=data, title=data["title"] or story_id)
