"""Closing a strategy, carrying its open actions into a later one, and the closing report."""
