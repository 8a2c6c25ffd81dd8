"""Templates' url_for (tracker.core.web.route_paths) gives Litestar's own path for every
named route, the first time and after, and refuses what Litestar's refuses."""

import pytest
from litestar.exceptions import NoRouteMatchFoundException

from tracker.core.settings import Settings
from tracker.core.web.route_paths import url_for
from tracker.web.app import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('paths')}/paths.sqlite3"
    return create_app(Settings.from_environment({"DATABASE_URL": url}), check_migrations=False)


def _named_routes(app):
    for name, handler in app.asgi_router.route_handler_index.items():
        routes = app.asgi_router.route_mapping[handler.name or str(handler)]
        for route in routes:
            yield name, route


def test_every_named_route_gives_litestars_path_each_time(app):
    context = {"request": type("Request", (), {"app": app})()}
    checked = 0
    for name, route in _named_routes(app):
        values = {
            parameter: 7 if definition.type is int else "a-slug"
            for parameter, definition in route.path_parameters.items()
        }
        try:
            expected = app.route_reverse(name, **values)
        except NoRouteMatchFoundException:
            continue  # a parameter of a type not guessed here
        assert url_for(context, name, **values) == expected  # found
        assert url_for(context, name, **values) == expected  # and kept
        checked += 1
    assert checked > 50
    assert url_for(context, "action", action_id=12) == "/actions/12"
    assert url_for(context, "action", action_id=3) == "/actions/3"


def test_a_value_of_the_wrong_type_or_an_unknown_route_is_refused_as_litestar_does(app):
    context = {"request": type("Request", (), {"app": app})()}
    assert url_for(context, "action", action_id=1) == "/actions/1"
    with pytest.raises(NoRouteMatchFoundException):
        url_for(context, "action", action_id="1; drop")
    with pytest.raises(NoRouteMatchFoundException):
        url_for(context, "no-such-route")
