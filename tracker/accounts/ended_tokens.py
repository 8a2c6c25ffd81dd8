"""Ending every API token of an account at once: on a password reset or when it is disabled.

The tokens are marked revoked at that moment, not merely refused while the
account is disabled, so enabling the account again does not bring them back.
"""

from __future__ import annotations

from tracker.core import clock
from tracker.core.tables import ApiToken


async def end_all_tokens(account_id: int) -> int:
    """Revoke the account's tokens that still work; how many there were.

    Call it inside the transaction that resets the password or disables the
    account, so the two happen together and one audit entry says both.
    """
    ended = (
        await ApiToken.update({ApiToken.revoked_at: clock.now()})
        .where((ApiToken.account == account_id) & ApiToken.revoked_at.is_null())
        .returning(ApiToken.id)
    )
    return len(ended)
