"""The free-text guard: text that looks like it identifies a person is confirmed or edited."""
