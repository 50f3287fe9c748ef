"""The hub's ASGI application."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

import wa_desk
from wa_desk.core.conversation import ActionRefused
from wa_desk.hub.alert_loop import keep_alerts_evaluated
from wa_desk.hub.api import (
    agent_routes,
    alert_routes,
    auth_routes,
    conversation_routes,
    docs_routes,
    event_routes,
    heatmap_routes,
    media_routes,
    misc_routes,
    note_tag_routes,
    promise_routes,
    report_routes,
    stream_routes,
    supervisor_agent_routes,
    supervisor_routes,
    wallboard_routes,
    webhook_routes,
)
from wa_desk.hub.api.errors import (
    ApiError,
    api_error_handler,
    http_error_handler,
    refusal_handler,
    storage_error_handler,
    validation_error_handler,
)
from wa_desk.hub.auto_reply_sending import keep_auto_replies_sent
from wa_desk.hub.body_limit import BodyLimitMiddleware
from wa_desk.hub.context import HubContext
from wa_desk.hub.csat_sending import send_unsent_surveys
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.media_cache_sweep import keep_media_cache_swept
from wa_desk.hub.policy_reload import follow_other_replicas, record_in_use, reload_on_sighup
from wa_desk.hub.retention_loop import keep_store_purged
from wa_desk.hub.revocation_watch import end_streams_revoked_elsewhere
from wa_desk.hub.routing_loop import keep_routed_after_commits, keep_routing_swept
from wa_desk.hub.run_once import Work, run_once_across_replicas
from wa_desk.hub.signed_out_agents import keep_signed_out_agents_offline
from wa_desk.hub.template_sync import keep_templates_synced
from wa_desk.hub.wallboard_push import keep_wallboard_pushed
from wa_desk.hub.webhook_fast_path import WebhookFastPath

log = logging.getLogger(__name__)


def create_app(ctx: HubContext, *, sync_templates: bool = True) -> ASGIApp:
    """The hub: webhook deliveries on a fast path in front of the FastAPI app, whose
    every body is checked for size and depth first.

    Deliveries keep their own size limit and no depth limit: their signature is checked
    on the raw body before anything parses it, and what Meta signed is stored, clipped
    if need be, never refused (Meta would retry it for a week)."""
    api = BodyLimitMiddleware(
        create_api(ctx, sync_templates=sync_templates),
        max_bytes=ctx.settings.max_body_bytes,
        max_json_depth=ctx.settings.http.max_json_depth,
    )
    return WebhookFastPath(api, ctx)


def create_api(ctx: HubContext, *, sync_templates: bool = True) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx.bind_loop(asyncio.get_running_loop())
        # Every replica: its own streams and the wallboard rows of its own writes.
        ctx.spawn(end_streams_revoked_elsewhere(ctx), "revocation-watch")
        ctx.spawn(keep_wallboard_pushed(ctx), "wallboard")
        ctx.spawn(keep_routed_after_commits(ctx), "routing")
        # Its own media cache: each replica keeps its files on its own disk.
        ctx.spawn(keep_media_cache_swept(ctx.media_dir, ctx.settings.media_cache), "media-cache")
        # One replica for all (hub.run_once).
        once: Work = {
            "signed-out-agents": lambda: keep_signed_out_agents_offline(ctx),
            "alert-loop": lambda: keep_alerts_evaluated(ctx),
            "csat-surveys": lambda: send_unsent_surveys(ctx),
            "auto-replies": lambda: keep_auto_replies_sent(ctx),
            "routing-sweep": lambda: keep_routing_swept(ctx),
        }
        if ctx.settings.purge_interval_seconds > 0:
            once["retention-purge"] = lambda: keep_store_purged(ctx)
        if sync_templates and ctx.settings.waba_id:
            once["template-sync"] = lambda: keep_templates_synced(ctx)
        ctx.spawn(run_once_across_replicas(ctx, once), "run-once")
        # The policy file: its version in the chain, reloaded on SIGHUP, and on the word
        # of another replica (hub.policy_reload).
        await record_in_use(ctx)
        reload_on_sighup(ctx)
        ctx.followed_listeners.append(lambda events: follow_other_replicas(ctx, events))
        yield
        await ctx.aclose()

    app = FastAPI(
        title="wa-desk hub",
        version=wa_desk.__version__,
        description="WhatsApp gateway and central store of wa-desk.",
        lifespan=lifespan,
        **docs_routes.fastapi_doc_urls(ctx.settings.http.api_docs),
    )
    app.state.hub = ctx
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(ActionRefused, refusal_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StorageError, storage_error_handler)
    for module in (
        webhook_routes,
        auth_routes,
        agent_routes,
        conversation_routes,
        note_tag_routes,
        promise_routes,
        stream_routes,
        misc_routes,
    ):
        app.include_router(module.router)
    app.include_router(media_routes.router)  # customers' media, fetched from WhatsApp
    app.include_router(event_routes.router)  # devices' action logs into the audit trail
    app.include_router(supervisor_routes.router)  # timelines for supervisors
    app.include_router(supervisor_agent_routes.router)  # assignment, agents' capacity and status
    app.include_router(report_routes.router)  # the KPI reports and an agent's own figures
    app.include_router(heatmap_routes.router)  # heat-maps and the conversations behind a cell
    app.include_router(alert_routes.router)  # early alerts: list, acknowledge, snooze
    app.include_router(wallboard_routes.router)  # queues and agents now and today
    docs = docs_routes.signed_in_router(ctx.settings.http.api_docs)
    if docs is not None:
        app.include_router(docs)
    return app
