"""What a quarter keeps is kept per strategy: two strategies running side by side over the
same quarters each have their own key messages, front sheets, published reports, returns
deadline and free-standing escalations (migration tracker_0021)."""

from __future__ import annotations

import asyncio

from tests.support.accounts import csrf_headers
from tests.support.two_strategies import NEW_STRATEGY, OLD_STRATEGY, STRATEGY_IDS, choose
from tracker.core import clock
from tracker.core.tables import PublishedFile, PublishedReport

QUARTER = "2024-25-Q1"


def _main(text: str) -> str:
    return text.split("<main", 1)[-1] if "<main" in text else text


def _post(client, path: str, data: dict) -> None:
    answer = client.post(path, data=data, headers=csrf_headers(client), follow_redirects=False)
    assert answer.status_code == 303, answer.text[:800]


def _page(client, strategy: str, path: str) -> str:
    choose(client, strategy)
    answer = client.get(path)
    assert answer.status_code == 200, answer.text[:500]
    return _main(answer.text)


def test_key_messages_saved_in_one_strategy_are_not_the_others(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    _post(client, f"/reports/{QUARTER}/messages", {"text": "Kestrel key message: training"})
    assert "Kestrel key message" in _page(client, NEW_STRATEGY, f"/reports/{QUARTER}")
    assert "Kestrel key message" not in _page(client, OLD_STRATEGY, f"/reports/{QUARTER}")
    # The other strategy writes its own for the same quarter.
    _post(client, f"/reports/{QUARTER}/messages", {"text": "Merlin key message: audits"})
    old = _page(client, OLD_STRATEGY, f"/reports/{QUARTER}")
    assert "Merlin key message" in old
    new = _page(client, NEW_STRATEGY, f"/reports/{QUARTER}")
    assert "Kestrel key message" in new
    assert "Merlin key message" not in new


def test_a_front_sheet_saved_in_one_strategy_is_not_the_others(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    _post(
        client,
        f"/reports/{QUARTER}/business-group/front-sheet",
        {
            "meeting": "Kestrel Business Group",
            "meeting_date": "2024-08-15",
            "marking": "OFFICIAL",
            "purpose": "Kestrel purpose",
            "summary": "Kestrel summary",
            "recommendations": "Kestrel recommendations",
        },
    )
    for path in (f"/reports/{QUARTER}", f"/reports/{QUARTER}/business-group/publish"):
        assert "Kestrel Business Group" in _page(client, NEW_STRATEGY, path)
        assert "Kestrel Business Group" not in _page(client, OLD_STRATEGY, path)


def test_a_returns_deadline_set_in_one_strategy_is_not_the_others(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    _post(client, f"/returns/{QUARTER}/deadline", {"deadline": "2024-08-09"})
    for path in (f"/returns/{QUARTER}", f"/returns/{QUARTER}/proformas/email"):
        assert "9 Aug 2024" in _page(client, NEW_STRATEGY, path)
        old = _page(client, OLD_STRATEGY, path)
        assert "9 Aug 2024" not in old
        assert "14 Jul 2024" in old  # the usual deadline


async def _published_in(strategy_id: int) -> None:
    [report] = await PublishedReport.insert(
        PublishedReport(
            quarter=QUARTER,
            audience="business-group",
            version=1,
            published_by="business-unit@example.org",
            published_at=clock.now(),
            strategy=strategy_id,
        )
    ).returning(PublishedReport.id)
    await PublishedFile.insert(
        PublishedFile(
            published_report=report["id"],
            format="json",
            file_name="kestrel-business-group-v1.json",
            content=b"{}",
            sha256="0" * 64,
        )
    )


def test_a_published_version_of_one_strategy_is_not_the_others(two_strategies_db, serve):
    asyncio.run(_published_in(STRATEGY_IDS[NEW_STRATEGY]))  # before the server's pool
    with serve(two_strategies_db) as client:
        _published_shown_in_its_strategy_alone(client)


def _published_shown_in_its_strategy_alone(client) -> None:
    download = f"/reports/{QUARTER}/business-group/v1.json"
    assert f'href="{download}"' in _page(client, NEW_STRATEGY, f"/reports/{QUARTER}")
    old = _page(client, OLD_STRATEGY, f"/reports/{QUARTER}")
    assert f'href="{download}"' not in old
    assert "Nothing published for 2024-25 Q1 yet" in old
    choose(client, NEW_STRATEGY)
    assert client.get(download).status_code == 200
    choose(client, OLD_STRATEGY)
    assert client.get(download).status_code == 404


def test_a_free_standing_escalation_stays_in_the_strategy_it_was_raised_in(
    two_strategies_client,
):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    _post(
        client,
        "/escalations",
        {
            "escalated_to": "business-group",
            "issue": "Kestrel free-standing issue",
            "rationale": "No neglect lead in custody",
        },
    )
    assert "Kestrel free-standing issue" in _page(client, NEW_STRATEGY, "/escalations")
    assert "Kestrel free-standing issue" not in _page(client, OLD_STRATEGY, "/escalations")
