"""Accounts, and what signing in and the API keep: sessions, attempts, links, tokens."""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from tracker.core.tables.plans import Agency


class Account(Table):
    """A person who signs in. Roles: see tracker.core.roles."""

    id: Serial
    email = Varchar(length=254, unique=True)  # stored lower-case
    name = Varchar(length=200, default="")
    role = Varchar(length=20)
    password_hash = Varchar(length=200, secret=True)
    active = Boolean(default=True)
    created_at = Timestamptz()
    last_signed_in_at = Timestamptz(null=True, default=None)


class AccountAgency(Table, tablename="account_agency"):
    """An agency whose plans a lead may update."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    agency = ForeignKey(references=Agency, null=False, on_delete=OnDelete.cascade)


class AccountLeadName(Table, tablename="account_lead_name"):
    """A lead title ("ESAT Manager") whose actions, in any plan, this person may update."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    lead_name = Varchar(length=200)


class ApiToken(Table, tablename="api_token"):
    """A personal token for the JSON API: the caller holds it, the database its hash."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
    # "read" or "read-write" (tracker.accounts.tokens.TokenScope), chosen when made.
    scope = Varchar(length=10, default="read-write")
    # Always set when made; nullable only so the column could be added to existing
    # rows (migration 0004 fills them). A token without one is refused.
    expires_at = Timestamptz(null=True, default=None)


class SignInSession(Table, tablename="sign_in_session"):
    """A signed-in browser: the cookie holds `token`'s random value, never an account id."""

    id: Serial
    token_hash = Varchar(length=64, unique=True)
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz()
    # The strategy this browser chose in the header's switcher; None: the current one.
    strategy = Integer(null=True, default=None)


class SignInAttempt(Table, tablename="sign_in_attempt"):
    id: Serial
    email = Varchar(length=254, index=True)
    succeeded = Boolean(default=False)
    attempted_at = Timestamptz()
    client = Varchar(length=100, default="")


class PasswordLink(Table, tablename="password_link"):
    """A one-time link to set a password: an invitation or a reset. Only its hash is kept."""

    id: Serial
    token_hash = Varchar(length=64, unique=True)
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=10)  # "invite" or "reset"
    created_at = Timestamptz()
    created_by = Varchar(length=254)  # an email, or "system"
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
