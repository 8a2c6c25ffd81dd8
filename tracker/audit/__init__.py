"""The audit trail: every change, who made it, when, and what it was before."""
