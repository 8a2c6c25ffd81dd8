"""Piccolo's configuration module (PICCOLO_CONF=tracker.db.piccolo_conf).

`DB` starts as the engine for DATABASE_URL; `tracker.db.engine.use_database`
replaces it when the tracker is pointed at another database (tests do).
"""

from piccolo.conf.apps import AppRegistry

from tracker.db.engine import engine_for_url
from tracker.settings import Settings

DB = engine_for_url(Settings.from_environment().database_url)

APP_REGISTRY = AppRegistry(apps=["tracker.db.piccolo_app"])
