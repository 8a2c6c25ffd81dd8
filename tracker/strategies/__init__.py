"""Strategies: the partnership's strategies side by side, choosing which one the pages work
on (the header's switcher), and adding the next one."""
