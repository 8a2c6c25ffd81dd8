"""Templates' url_for: Litestar's route_reverse, with each route's path found once.

Litestar's looks the route up and sorts its paths on every call (3 microseconds, and
more through Jinja); a table of 50 actions names three routes a row. Here the path's
pieces are found on a route's first use, with each set of parameter names, and kept in
the app's state; a value of another type than the path declares goes to Litestar's own,
which refuses it as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Litestar
from litestar.types.internal_types import PathParameterDefinition
from litestar.utils import normalize_path

_Pieces = tuple[str | PathParameterDefinition, ...]
_STATE_KEY = "route_paths"  # the app's state holds what is found, for its own routes


def _pieces(app: Litestar, name: str, given: frozenset[str]) -> _Pieces:
    """The path pieces of the route `name` takes for these parameters (route_reverse's)."""
    index = app.get_handler_index_by_name(name)
    assert index is not None  # route_reverse has refused an unknown name already
    routes = sorted(
        app.asgi_router.route_mapping[index["identifier"]],
        key=lambda route: len(route.path_parameters),
        reverse=True,
    )
    chosen = next((r for r in routes if given.issuperset(r.path_parameters)), routes[-1])
    return tuple(chosen.path_components)


def url_for(context: Mapping[str, Any], route_name: str, /, **parameters: Any) -> str:
    """The path of the route `route_name`, with these path parameters."""
    app: Litestar = context["request"].app
    known: dict[tuple[str, frozenset[str]], _Pieces] = app.state.setdefault(_STATE_KEY, {})
    key = (route_name, frozenset(parameters))
    pieces = known.get(key)
    if pieces is None:
        path = app.route_reverse(route_name, **parameters)
        known[key] = _pieces(app, route_name, key[1])
        return path
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        value = parameters.get(piece.name)
        if type(value) is not piece.type:  # Litestar's own decides (and may refuse)
            return app.route_reverse(route_name, **parameters)
        parts.append(str(value))
    return normalize_path("/".join(parts))
