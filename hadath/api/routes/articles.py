"""/api/articles: the stored articles (text only on the single-article route)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from hadath.api.context import ApiContext, JSONBody, check_params, error_responses, get_context
from hadath.api.params import MAX_LIMIT, MAX_OFFSET, parse_text
from hadath.api.routes.events import MAX_ID, next_url

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles", response_class=JSONBody,
            summary="Articles, newest first, optionally full-text filtered (no text)",
            responses=error_responses(400))
def list_articles(
    request: Request,
    ctx: Annotated[ApiContext, Depends(get_context)],
    q: Annotated[str | None, Query(description="Arabic-aware full-text search")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Any:
    check_params(request, ("q", "limit", "offset"))
    articles, total = ctx.call(ctx.store.articles, parse_text("q", q), limit, offset)
    return JSONBody({"total": total, "limit": limit, "offset": offset, "count": len(articles),
                     "next": next_url(request, limit, offset, total), "articles": articles})


@router.get("/articles/{article_id}", response_class=JSONBody,
            summary="One article with its text and the event records found in it",
            responses=error_responses(400, 404))
def get_article(
    request: Request,
    article_id: Annotated[str, Path(max_length=MAX_ID)],
    ctx: Annotated[ApiContext, Depends(get_context)],
) -> Any:
    check_params(request, ())
    article = ctx.call(ctx.store.article, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONBody(article)
