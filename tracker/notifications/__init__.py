"""E-mail notifications of challenges, replies, returns and deadlines, after the write commits."""
