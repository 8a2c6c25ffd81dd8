"""The committed migrations build exactly the tables the code declares."""

import asyncio

from piccolo.apps.migrations.commands.new import AutoMigrationManager

from tracker.core.piccolo_app import APP_CONFIG


def test_no_table_change_lacks_a_migration():
    statements = asyncio.run(
        AutoMigrationManager(auto_input="n").get_alter_statements(app_config=APP_CONFIG)
    )
    assert [line for group in statements for line in group.statements] == []
