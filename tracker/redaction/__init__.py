"""The business unit's review of flagged text: redact what identifies someone, or clear it."""
