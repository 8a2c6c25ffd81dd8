"""Piccolo's configuration module (PICCOLO_CONF=tracker.core.piccolo_conf).

The tracker sets `DB` itself through `tracker.core.engine.use_database`, so that
one process can be pointed at any database (the tests do). Piccolo's own
command line (`piccolo migrations new tracker --auto`, for developers) gets
the engine of DATABASE_URL when it is set.
"""

import os

from piccolo.conf.apps import AppRegistry
from piccolo.engine.base import Engine

from tracker.core import engine

DB: Engine | None = engine.current or (
    engine.engine_for_url(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else None
)

APP_REGISTRY = AppRegistry(apps=["tracker.core.piccolo_app"])
