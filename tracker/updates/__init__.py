"""Recording updates and edits of actions: checked, version-guarded, audited, all or nothing."""
