"""POST /api/ingest: articles in, extracted and stored. Only mounted with a token.

The body is one JSON article or a list of them, in the corpus/JSONL shape:
``{"id", "text", "outlet", "title", "date" (YYYY-MM-DD), "url"}``; only ``text`` is
required, other keys are ignored. A missing id becomes a hash of the text, so posting
the same article twice stores it once.

Posted fields are cleaned as the readers clean them (controls, NUL, lone surrogates and
private-use characters dropped: they cannot be hashed, written to JSON or stored in
PostgreSQL), but markup is kept: what was posted is what is stored. What cannot be
cleaned (an overlong id, an implausible date) is a 400 naming the field; an article
whose extraction fails is a 422 naming it, and then nothing of the request is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from hadath.api.context import ApiContext, JSONBody, check_params, error_responses, get_context
from hadath.api.params import BadRequest
from hadath.article import Article
from hadath.readers.base import MAX_FIELD_CHARS, MAX_ID_CHARS, MAX_URL_CHARS
from hadath.readers.clean import clean_text, drop_unprintable
from hadath.readers.dates import FIRST_YEAR, LAST_YEAR, plausible
from hadath.store.dedupe import check_record

router = APIRouter(prefix="/api", tags=["ingest"])
log = logging.getLogger("hadath.api")

Extract = Callable[[Article], list[dict[str, Any]]]
TEXT_FIELDS = ("id", "outlet", "title", "url", "section", "dateline")
FIELD_LIMITS = {"id": MAX_ID_CHARS, "url": MAX_URL_CHARS}
MAX_TEXT = 1_000_000


def require_token(request: Request, ctx: Annotated[ApiContext, Depends(get_context)]) -> None:
    """401 without credentials, 403 with wrong ones (compared in constant time)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "missing credentials: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    expected = (ctx.settings.ingest_token or "").encode()
    if not hmac.compare_digest(token.strip().encode(), expected):
        raise HTTPException(403, "invalid ingest token")


def article_from_json(item: Any, position: int) -> Article:
    """One posted article, cleaned and checked; ``BadRequest`` names the bad field."""
    where = f"body[{position}]"
    if not isinstance(item, dict):
        raise BadRequest(where, "each article must be a JSON object")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest(f"{where}.text", "required: the article text, a non-empty string")
    if len(text) > MAX_TEXT:
        raise BadRequest(f"{where}.text", f"longer than {MAX_TEXT} characters")
    text = clean_text(text, html_input=False)
    if not text.strip():
        raise BadRequest(f"{where}.text", "no readable characters")
    fields: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        value = item.get(name)
        if value is not None and not isinstance(value, str | int):
            raise BadRequest(f"{where}.{name}", "must be a string")
        cleaned = drop_unprintable(str(value)) if value is not None else ""
        if name in FIELD_LIMITS:  # ids and URLs are keys and links: no stray spaces
            cleaned = cleaned.strip()
        limit = FIELD_LIMITS.get(name, MAX_FIELD_CHARS)
        if len(cleaned) > limit:
            raise BadRequest(f"{where}.{name}", f"longer than {limit} characters")
        fields[name] = cleaned or None
    raw_date = item.get("date", item.get("published"))
    published = None
    if raw_date is not None:
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            raise BadRequest(f"{where}.date", f"expected YYYY-MM-DD, got {raw_date!r}") from None
        if plausible(published) is None:
            raise BadRequest(f"{where}.date", f"{published} is not a plausible publication "
                                              f"date (years {FIRST_YEAR} to {LAST_YEAR})")
    article_id = fields.pop("id") or "api-" + hashlib.sha1(text.encode()).hexdigest()[:16]
    return Article(id=article_id, text=text, published=published, origin="api", **fields)


async def read_articles(request: Request, ctx: ApiContext) -> list[Article]:
    limit = ctx.settings.max_ingest_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"body larger than {limit} bytes")
    try:
        payload = json.loads(body)
    except RecursionError:
        raise BadRequest("body", "JSON nested too deeply") from None
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError, a 5,000-digit number
        raise BadRequest("body", f"not valid JSON: {e}") from None
    items = payload if isinstance(payload, list) else [payload]
    if not items:
        raise BadRequest("body", "no article given")
    if len(items) > ctx.settings.max_ingest_articles:
        raise BadRequest("body", f"at most {ctx.settings.max_ingest_articles} articles a request")
    return [article_from_json(item, i) for i, item in enumerate(items)]


def default_extract() -> Extract:
    from hadath.pipeline import extract_records

    return extract_records


async def extract_all(articles: list[Article], extract: Extract
                      ) -> list[list[dict[str, Any]]]:
    """The records of every article, before anything is stored: an article the
    pipeline fails on is a 422 naming it, not a 500 after its predecessors were stored."""
    out = []
    for i, article in enumerate(articles):
        try:
            records = await run_in_threadpool(extract, article)
        except Exception as exc:  # a pipeline bug on this input; the server goes on
            log.exception("extraction failed for posted article %r", article.id)
            raise BadRequest(f"body[{i}]", f"events could not be extracted from this article "
                                           f"({type(exc).__name__})", status=422) from None
        for record in records:
            problem = check_record(record)
            if problem:
                raise BadRequest(f"body[{i}]", f"an extracted record cannot be stored: "
                                               f"{problem}", status=422)
        out.append(records)
    return out


@router.post("/ingest", response_class=JSONBody, dependencies=[Depends(require_token)],
             summary="Extract events from posted articles and store them (token required)",
             responses=error_responses(400, 401, 403, 413, 422))
async def ingest(request: Request, ctx: Annotated[ApiContext, Depends(get_context)]) -> Any:
    check_params(request, ())
    articles = await read_articles(request, ctx)
    extracted = await extract_all(articles, default_extract())
    results = []
    for article, records in zip(articles, extracted, strict=True):
        result = await run_in_threadpool(ctx.call, ctx.store.ingest, article, records)
        results.append({"id": article.id, "records": len(records),
                        "article_added": result.article_added,
                        "mentions_added": result.mentions_added,
                        "events_created": result.events_created,
                        "events_joined": result.events_joined})
    return JSONBody({"articles": results,
                     "events_created": sum(r["events_created"] for r in results),
                     "events_joined": sum(r["events_joined"] for r in results)})
