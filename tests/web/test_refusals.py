"""The one exception handler: a refusal is the form again, the htmx partial, the error page, or
the API's problem JSON, whichever the request wants, and never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import pytest
from litestar import Litestar, Request, get, post
from litestar.datastructures import ResponseHeader
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXPlugin, HTMXRequest
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig
from litestar.testing import TestClient

from tests.support.accounts import csrf_headers
from tests.support.lookups import ids
from tracker.core.personal_data.check import guard
from tracker.core.refusals import Conflict, InvalidInput, NotAllowed, NotFound, Refusal
from tracker.core.web.errors import error_response
from tracker.core.web.forms import shown, submitted

TEMPLATES = {
    "error.html": "ERROR {{ status }}: {{ title }}|{{ detail }}",
    "thing.html": (
        "PAGE note={{ form.note }} problems={{ problems | dictsort | join(';') }} "
        "flagged={{ flagged | map(attribute='field') | join(',') }} refusal={{ refusal }}"
    ),
    "_thing.html": "PARTIAL note={{ form.note }} problems={{ problems | dictsort | join(';') }}",
}


@dataclass
class ThingForm:
    note: str = ""


def refusal_for(kind: str) -> Refusal:
    if kind == "invalid":
        return InvalidInput({"note": "Say what happened."})
    if kind == "personal":
        try:
            guard({"note": ("Note", "Call mum on 01865 123456")}, confirmed=False)
        except Refusal as possible:
            return possible
    if kind == "conflict":
        return Conflict("The thing was closed by someone else on 1 Oct 2020.")
    if kind == "forbidden":
        return NotAllowed("You cannot change this thing.")
    return NotFound("There is no thing 9.")


async def thing_again(request: HTMXRequest, refused: Refusal) -> Template:
    form = await submitted(request, ThingForm)
    said = shown(refused)
    if request.htmx:  # htmx 2 swaps no 4xx
        return Template("_thing.html", context={"form": form, "problems": {}, **said})
    status = said.pop("status_code")
    context = {"form": form, "problems": {}, "flagged": (), "refusal": None, **said}
    return Template("thing.html", context=context, status_code=status)


@post("/things/{kind:str}", opt={"form": thing_again}, status_code=200)
async def change_thing(
    kind: FromPath[str],
    data: Annotated[ThingForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> None:
    raise refusal_for(kind)


async def gone_meanwhile(request: Request, refused: Refusal) -> Template:
    raise NotFound("The thing was deleted meanwhile.")


async def broken(request: Request, refused: Refusal) -> Template:
    raise RuntimeError("a bug while showing the form")


@post("/gone", opt={"form": gone_meanwhile}, status_code=200)
async def gone() -> None:
    raise Conflict("Changed.")


@post("/broken", opt={"form": broken}, status_code=200)
async def broken_form() -> None:
    raise InvalidInput({"note": "Say what happened."})


@get("/api/things/{kind:str}", opt={"problem": lambda refused: {"extra": "said"}})
async def api_thing(kind: FromPath[str]) -> None:
    raise refusal_for(kind)


@pytest.fixture
def client(tmp_path):
    for name, text in TEMPLATES.items():
        (tmp_path / name).write_text(text)
    app = Litestar(
        route_handlers=[change_thing, gone, broken_form, api_thing],
        template_config=TemplateConfig(directory=tmp_path, engine=JinjaTemplateEngine),
        plugins=[HTMXPlugin()],
        exception_handlers={Exception: error_response},
        response_headers=[ResponseHeader(name="X-Frame-Options", value="DENY")],
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def send(client, kind, headers=None):
    return client.post(f"/things/{kind}", data={"note": "typed"}, headers=headers or {})


def test_invalid_input_shows_the_whole_form_again_with_each_fields_message(client):
    response = send(client, "invalid")
    assert response.status_code == 422
    assert response.text.startswith("PAGE note=typed")
    assert "problems=('note', 'Say what happened.')" in response.text.replace("&#39;", "'")
    assert response.headers["x-frame-options"] == "DENY"  # as the route's own answer has


def test_possible_personal_data_shows_the_form_asking_to_confirm(client):
    response = send(client, "personal")
    assert response.status_code == 422
    assert "PAGE note=typed" in response.text and "flagged=note refusal" in response.text


def test_a_conflict_shows_the_form_with_what_moved_on(client):
    response = send(client, "conflict")
    assert response.status_code == 409
    assert "refusal=The thing was closed by someone else on 1 Oct 2020." in response.text


@pytest.mark.parametrize("kind", ["invalid", "personal", "conflict"])
def test_for_htmx_the_partial_comes_back_as_200_so_it_is_swapped(client, kind):
    response = send(client, kind, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith("PARTIAL note=typed")


@pytest.mark.parametrize(
    ("kind", "status", "said"),
    [
        ("forbidden", 403, "ERROR 403: You do not have access to this page|You cannot change"),
        ("missing", 404, "ERROR 404: Page not found|There is no thing 9."),
    ],
)
def test_not_allowed_and_not_found_are_the_error_page_not_the_form(client, kind, status, said):
    for headers in ({}, {"HX-Request": "true"}):
        response = send(client, kind, headers=headers)
        assert response.status_code == status
        assert response.text.startswith(said)


def test_if_the_form_cannot_be_shown_again_the_error_page_says_why(client):
    response = client.post("/gone")
    assert response.status_code == 404
    assert response.text == "ERROR 404: Page not found|The thing was deleted meanwhile."


def test_a_bug_while_showing_the_form_is_the_500_page_and_no_traceback(client, caplog):
    response = client.post("/broken", data={"note": "typed"})
    assert response.status_code == 500
    assert response.text.startswith("ERROR 500: Sorry, there is a problem with the service|")
    assert "Traceback" not in response.text and "a bug" not in response.text
    assert "a bug while showing the form" in caplog.text


def test_the_api_answers_invalid_input_field_by_field(client):
    response = client.get("/api/things/invalid")
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "error": "Sorry, there is a problem with what was sent",
        "detail": "Nothing was saved: Say what happened.",
        "errors": {"note": "Say what happened."},
        "extra": "said",
    }


def test_the_api_answers_possible_personal_data_with_its_code_and_kinds(client):
    body = client.get("/api/things/personal").json()
    assert body["status"] == 422
    assert body["code"] == "possible-personal-data"
    assert body["kinds"] == {"note": ["phone"]}
    assert list(body["errors"]) == ["note"]


@pytest.mark.parametrize(
    ("kind", "status", "error", "detail"),
    [
        (
            "conflict",
            409,
            "The action has changed since you last saw it",
            "The thing was closed by someone else on 1 Oct 2020.",
        ),
        ("forbidden", 403, "You do not have access to this page", "You cannot change this thing."),
        ("missing", 404, "Page not found", "There is no thing 9."),
    ],
)
def test_the_api_answers_each_other_refusal_with_its_status(client, kind, status, error, detail):
    response = client.get(f"/api/things/{kind}")
    assert response.status_code == status
    assert response.json() == {"status": status, "error": error, "detail": detail, "extra": "said"}


def test_a_refused_form_on_the_tracker_keeps_the_pages_security_headers(lead_client):
    action = ids(lead_client, "agency", "1.1")
    response = lead_client.post(
        f"/actions/{action['id']}/update",
        data={"rag": "purple", "version": action["version"]},
        headers=csrf_headers(lead_client),
    )
    assert response.status_code == 422
    assert "<h1>Update action 1.1</h1>" in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
