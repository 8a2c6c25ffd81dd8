"""How the API is signed in to, as its OpenAPI schema declares it: a personal API token sent as
`Authorization: Bearer <token>` (made on the Profile page or with `tracker tokens create`)."""

from __future__ import annotations

from litestar.openapi.spec import Components, SecurityRequirement, SecurityScheme

TOKEN_SCHEME = "personalApiToken"  # noqa: S105 - the scheme's name, not a secret


def security_schemes() -> Components:
    """The components naming the token's scheme, for an app's OpenAPI configuration."""
    return Components(
        security_schemes={
            TOKEN_SCHEME: SecurityScheme(
                type="http",
                scheme="bearer",
                description=(
                    "A personal API token, made on your Profile page or with `tracker tokens "
                    "create EMAIL`, sent as `Authorization: Bearer <token>`. It acts as its "
                    "account, in its role."
                ),
            )
        }
    )


# Every API operation asks for the token (a browser's session also reads, never writes).
TOKEN_REQUIRED: list[SecurityRequirement] = [{TOKEN_SCHEME: []}]
