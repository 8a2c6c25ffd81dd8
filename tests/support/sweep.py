"""Malformed input for every route, taken from the application's own route table.

The sweeps (tests/web/test_form_sweep.py) post malformed bodies to every form
route and send malformed query parameters and path ids to every page, as a
person allowed to use each, and count the answers of 500 and over. New routes
are swept without anyone listing them: their path, their guard's roles and
their form's fields are read from the app and from the page that shows the form.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes

from tracker.core.roles import Role
from tracker.core.web.access import RoleGuard

# Not pages: the JSON API and its schema are fuzzed from the OpenAPI schema; files are files.
NOT_SWEPT = ("/api/", "/schema", "/static/", "/vendor/")

# One value of each kind a person or a script could send in a text box.
BAD_VALUES: dict[str, str] = {
    "nul": "before\x00after",
    "100 kB": "x" * 100_000 + "@example.org",  # shaped like an e-mail, where one is read
    "huge int": str(2**64),
    "int over 2^31": str(2**31),
    "negative": "-1",
    "ancient date": "0001-01-01",
    "no such date": "2020-02-30",
    "bad quarter": "0000-01-Q1",
}
# Sent once per route, in every field at once (a megabyte in each field of each form would
# make the sweep slow without finding more).
HUGE = "y" * 1_000_000 + "@example.org"

# Path parameters out of their range, and a quarter that is no quarter.
BAD_IDS = ("0", "-1", str(2**31), str(2**63), "9" * 20)
BAD_PATH_TEXT = {"quarter": ("0000-01-Q1", "9999-00-Q4", "2020-21-Q9"), "file_name": ("\x00.x",)}


def multipart(fields: dict[str, str], broken: str) -> tuple[bytes, dict[str, str]]:
    """The form as multipart, its field `broken` holding bytes that are not UTF-8 (a lone
    surrogate's) and a NUL byte, as a script could send."""
    parts = [
        b'--sweep\r\nContent-Disposition: form-data; name="'
        + name.encode()
        + b'"\r\n\r\n'
        + (b"before\xed\xa0\x80\x00after" if name == broken else value.encode())
        + b"\r\n"
        for name, value in fields.items()
    ]
    body = b"".join(parts) + b"--sweep--\r\n"
    return body, {"content-type": "multipart/form-data; boundary=sweep"}


def encoded(pairs: list[tuple[str, str]]) -> bytes:
    """A URL-encoded body or query, with lone surrogates as their (ill-formed) UTF-8 bytes."""
    return "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in pairs).encode("ascii")


def _quoted(text: str) -> str:
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


@dataclass(frozen=True)
class SweptRoute:
    method: str
    path: str  # as in the route table: /actions/{action_id:int}/update
    role: Role | None  # who sends it; None for signed-out routes
    fields: tuple[str, ...] = ()  # the form's fields its handler reads (its `data` class)
    query: tuple[str, ...] = ()  # the query parameters its handler reads

    @property
    def path_params(self) -> list[tuple[str, str]]:
        return re.findall(r"\{(\w+):(\w+)\}", self.path)


def _guard_roles(handler) -> tuple[Role, ...]:
    for guard in handler.guards or ():
        if isinstance(guard, RoleGuard):
            return guard.allowed
    return ()


def _role_for(handler, path: str) -> Role | None:
    if path.startswith("/sign-in"):
        return None
    allowed = _guard_roles(handler)
    if not allowed or Role.BUSINESS_UNIT in allowed:
        return Role.BUSINESS_UNIT
    return allowed[0]


def _form_fields(handler) -> tuple[str, ...]:
    parameter = handler.parsed_fn_signature.parameters.get("data")
    if parameter is None:
        return ()
    annotation = parameter.annotation
    if dataclasses.is_dataclass(annotation):
        return tuple(item.name for item in dataclasses.fields(annotation))
    return ()


_NOT_QUERY = {"request", "data", "scope", "state", "headers", "cookies", "socket"}


def _query_names(handler, path: str) -> tuple[str, ...]:
    in_path = {name for name, _ in re.findall(r"\{(\w+):(\w+)\}", path)}
    return tuple(
        name
        for name in handler.parsed_fn_signature.parameters
        if name not in _NOT_QUERY and name not in in_path
    )


def swept_routes(app, method: str) -> list[SweptRoute]:
    """Every route of the app answering `method`, but the API's, the schema's and files."""
    found = []
    for route in app.routes:
        if route.path.startswith(NOT_SWEPT):
            continue
        for handler in route.route_handlers:
            if method not in handler.http_methods:
                continue
            found.append(
                SweptRoute(
                    method,
                    route.path,
                    _role_for(handler, route.path),
                    _form_fields(handler),
                    _query_names(handler, route.path),
                )
            )
    return sorted(found, key=lambda item: item.path)


def filled(path: str, values: dict[str, str]) -> str:
    return re.sub(
        r"\{(\w+):\w+\}",
        lambda match: quote_from_bytes(
            values[match.group(1)].encode("utf-8", "surrogatepass"), safe=""
        ),
        path,
    )


def bad_paths(route: SweptRoute, good: dict[str, str]) -> Iterator[str]:
    """The route's path with each parameter in turn out of range."""
    for name, kind in route.path_params:
        wrong = BAD_IDS if kind == "int" else BAD_PATH_TEXT.get(name, ())
        for value in wrong:
            yield filled(route.path, {**good, name: value})


@dataclass
class FormSeen:
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page: how and where each sends, and its fields with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[FormSeen] = []
        self._open: FormSeen | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        seen = dict(attrs)
        if tag == "form":
            method = (seen.get("method") or "get").upper()
            self._open = FormSeen(method, (seen.get("action") or "").split("#")[0])
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "textarea", "select"):
            name = seen.get("name")
            if name and name != "_csrf_token":
                kind = seen.get("type") or ""
                if kind in ("checkbox", "radio") and "checked" not in seen:
                    self._open.fields.setdefault(name, "")
                else:
                    self._open.fields[name] = seen.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def forms_on(html: str) -> list[FormSeen]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def pages_showing(url: str) -> list[str]:
    """Where the form posting to `url` may be shown, most likely first: the page itself,
    `new`, its parents."""
    parts = url.split("/")
    parents = ["/".join(parts[:end]) or "/" for end in range(len(parts) - 1, 0, -1)]
    return [url, f"{url}/new", *parents]


def is_text(annotation) -> bool:
    return annotation is str or str in typing.get_args(annotation)
