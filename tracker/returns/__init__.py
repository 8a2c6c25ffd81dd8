"""Plans' quarterly returns: reading their state, and the writes that move them on."""
