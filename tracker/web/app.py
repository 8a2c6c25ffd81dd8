"""The web application: routes, templates, static files, security and error handling."""

from __future__ import annotations

import logging
from pathlib import Path

from litestar import Litestar, Request, Response
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.plugins.htmx import HTMXPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from piccolo.engine.postgres import PostgresEngine

from tracker.accounts import link_pages as password_links
from tracker.accounts import profile_pages as profile
from tracker.accounts import sign_in_pages as signing_in
from tracker.accounts import users_pages as users
from tracker.accounts.authentication import SESSION_COOKIE, SessionAuthentication
from tracker.api.routes import openapi_config
from tracker.api.routes import router as api_router
from tracker.assurance import pages as assurance
from tracker.audit import pages as audit
from tracker.challenges import pages as challenges
from tracker.closing import pages as closing
from tracker.core.chosen import strategies as strategies_of
from tracker.core.engine import use_database
from tracker.core.migrate import pending_migrations
from tracker.core.settings import REPO_ROOT, Settings
from tracker.core.web import route_paths
from tracker.core.web.access import PUBLIC_PATHS
from tracker.core.web.bounds import refuse_unreadable_input
from tracker.core.web.csrf import CSRFProtection
from tracker.core.web.errors import error_response
from tracker.core.web.headers import every_response_headers
from tracker.core.web.one_connection import one_connection_a_request
from tracker.core.web.templating import make_environment
from tracker.coverage import pages as coverage
from tracker.coverage import tagging_pages as tagging
from tracker.dashboard import pages as dashboard
from tracker.escalations import pages as escalations
from tracker.imports import learning_pages as learning_imports
from tracker.imports import pages as imports
from tracker.imports.preview_jobs import PreviewJobs
from tracker.learning import gap_pages as learning_gaps
from tracker.learning import link_pages as learning_links
from tracker.learning import pages as learning
from tracker.learning import source_pages as learning_sources
from tracker.notifications import pages as notice_choices
from tracker.notifications.background import Notifier
from tracker.plan_changes import pages as plan_changes
from tracker.plans import pages as strategy
from tracker.plans import reference_pages as reference
from tracker.plans import rows
from tracker.plans.fields import ACTION_FIELDS
from tracker.proformas import pages as proformas
from tracker.proformas.rules import may_download
from tracker.proposals import pages as proposals
from tracker.redaction import pages as flagged_text
from tracker.reminders import pages as reminders
from tracker.reports import pages as reports
from tracker.returns import pages as returns
from tracker.returns import return_pages as plan_returns
from tracker.review import pages as review
from tracker.review.row import objective_options, review_row
from tracker.strategies import pages as strategies
from tracker.todo import pages as todo
from tracker.updates import action_pages as action_page
from tracker.updates import editing_pages as editing
from tracker.updates import pages as updating
from tracker.upload_links import pages as upload_links
from tracker.web import health

logger = logging.getLogger("tracker")

STATIC_DIR = Path(__file__).parent / "static"
HTMX_DIR = REPO_ROOT / "node_modules" / "htmx.org" / "dist"


class DatabaseNotReady(RuntimeError):
    """The database is unreachable or needs migrating; the message says what to run."""


async def check_database() -> None:
    try:
        pending = await pending_migrations()
    except Exception as error:  # noqa: BLE001 - reported, not swallowed: start-up stops
        raise DatabaseNotReady(f"The database cannot be reached: {error}") from error
    if pending:
        raise DatabaseNotReady(
            f"The database is missing {len(pending)} migration(s): run `tracker db upgrade`."
        )


def may_download_proforma(person: object, plan_agency_id: int | None) -> bool:
    """For templates: whether to offer this person the plan's proforma (the route decides)."""
    role = getattr(person, "role", None)  # None: nobody signed in
    agency_ids: frozenset[int] = getattr(person, "agency_ids", frozenset())
    return role is not None and may_download(role, agency_ids, plan_agency_id)


async def before_each_request(request: Request) -> None:  # type: ignore[type-arg]
    """Unreadable input refused; for a signed-in person, the strategies read once, for the
    header's switcher and the handler's chosen strategy (tracker.core.chosen)."""
    await refuse_unreadable_input(request)
    if request.scope.get("user") is not None:
        await strategies_of(request)


def _template_engine(settings: Settings) -> JinjaTemplateEngine:
    engine = JinjaTemplateEngine.from_environment(
        make_environment(
            settings.templates_dir,
            {
                "fields": ACTION_FIELDS,
                "may_download_proforma": may_download_proforma,
                "review_row": review_row,
                "objective_options": objective_options,
                "plan_row_html": rows.plan_row,
                "my_row_html": rows.my_row,
            },
        )
    )
    engine.register_template_callable("url_for", route_paths.url_for)  # each route found once
    return engine


def create_app(settings: Settings | None = None, *, check_migrations: bool = True) -> Litestar:
    settings = settings or Settings.from_environment()
    engine = use_database(settings.database_url)
    # E-mails people are told of changes by, sent after each write's response has gone.
    notifier = Notifier(settings.smtp, settings.reminders_from, settings.base_url)

    async def on_startup() -> None:
        if check_migrations:
            await check_database()
        if isinstance(engine, PostgresEngine):
            # No floor of idle connections: connections open as requests need them, and an
            # unreachable database is said once per request, not by the pool retrying behind.
            await engine.start_connection_pool(min_size=0)
        await notifier.start()

    async def on_shutdown() -> None:
        await notifier.stop()
        if engine.engine_type == "postgres":
            await engine.close_connection_pool()

    # Both always routed, so templates can name them (url_for); a missing htmx only 404s.
    static_routers = [
        create_static_files_router(path="/static", directories=[STATIC_DIR]),
        create_static_files_router(path="/vendor/htmx", directories=[HTMX_DIR], name="htmx"),
    ]
    if not HTMX_DIR.is_dir():
        logger.warning("htmx is not installed (run `make setup`): pages work without it")

    def not_found_or_error(request: Request, exc: Exception) -> Response:
        return error_response(request, exc)

    return Litestar(
        route_handlers=[
            strategy.home,
            strategy.plan,
            action_page.action,
            updating.update_form,
            editing.edit_form,
            editing.edit_submit,
            tagging.tag_form,
            tagging.tag_submit,
            updating.update_submit,
            updating.action_row_fragment,
            updating.my_actions_page,
            updating.my_actions_remaining,
            reference.agencies,
            reference.core_components,
            reference.save_own_component_submit,
            reference.glossary,
            coverage.coverage_page,
            health.healthz,
            signing_in.sign_in_form,
            signing_in.sign_in_submit,
            signing_in.sign_out_submit,
            *password_links.ROUTES,
            imports.imports_page,
            imports.preview,
            imports.confirm,
            imports.reading_progress,
            imports.staged_preview,
            imports.import_detail,
            imports.undo,
            imports.return_import,
            proposals.accept_proposal,
            proposals.reject_proposal,
            profile.profile,
            profile.create,
            profile.revoke,
            profile.change_password,
            *notice_choices.ROUTES,
            api_router,
            *users.ROUTES,
            audit.audit_trail,
            dashboard.dashboard_page,
            *challenges.ROUTES,
            *escalations.ROUTES,
            *flagged_text.ROUTES,
            review.review,
            review.review_as_csv,
            review.review_as_xlsx,
            proformas.plan_proforma,
            proformas.every_proforma,
            proformas.email_proformas_confirm,
            proformas.email_proformas,
            reminders.reminders_page,
            reminders.reminder_email,
            *assurance.ROUTES,
            *reports.ROUTES,
            *returns.ROUTES,
            *plan_returns.ROUTES,
            *todo.ROUTES,
            *strategies.ROUTES,
            *upload_links.ROUTES,
            *closing.ROUTES,
            *learning.ROUTES,
            *learning_gaps.ROUTES,
            *learning_links.ROUTES,
            *learning_sources.ROUTES,
            *learning_imports.ROUTES,
            *plan_changes.ROUTES,
            *static_routers,
        ],
        template_config=TemplateConfig(engine=_template_engine(settings)),
        # Only the JSON API is documented (its router opts back in), never the pages.
        include_in_schema=False,
        openapi_config=openapi_config(),
        plugins=[HTMXPlugin()],
        middleware=[
            one_connection_a_request,  # outermost: the session's own queries share it too
            DefineMiddleware(SessionAuthentication, exclude=PUBLIC_PATHS),
            # Changes under /api/ need a bearer token, never a cookie alone (see access.py).
            DefineMiddleware(
                CSRFProtection,
                secret=settings.secret_key,
                session_cookie=SESSION_COOKIE,
                secure=settings.secure_cookies,
                base_url=settings.base_url,
            ),
        ],
        state=State(
            {
                "secure_cookies": settings.secure_cookies,
                "max_upload_bytes": settings.max_upload_bytes,
                "max_unpacked_bytes": settings.max_unpacked_bytes,
                "max_import_rows": settings.max_import_rows,
                "max_import_actions": settings.max_import_actions,
                "upload_link_days": settings.upload_link_days,
                "preview_jobs": PreviewJobs(),
                "reminders_emailed": settings.smtp is not None,
                "smtp": settings.smtp,  # password links are e-mailed through it too
                "mail_from": settings.reminders_from,
                "base_url": settings.base_url,
                "notifier": notifier,
                # Sections other features add to the Profile page (see tracker.accounts.profile).
                "profile_sections": [notice_choices.profile_section],
                # ... and to the Imports page (see tracker.imports.pages).
                "imports_sections": [upload_links.imports_section],
            }
        ),
        # Room for the form around the largest spreadsheet accepted; the page
        # itself says when a file is over the limit.
        request_max_body_size=settings.max_upload_bytes + 1024 * 1024,
        # Security headers and Cache-Control on every response, errors and static files too.
        before_send=[every_response_headers(https_only=settings.secure_cookies)],
        exception_handlers={Exception: not_found_or_error},
        # Ids out of range, NUL bytes and lone surrogates: refused before any handler.
        before_request=before_each_request,
        after_response=notifier.after_response,
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
        debug=False,
    )
