"""E-mail reminders to leads: who is reminded of what, sending digests, and the run."""
