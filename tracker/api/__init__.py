"""The JSON API\x27s queries and shapes: what it answers, without HTTP."""
