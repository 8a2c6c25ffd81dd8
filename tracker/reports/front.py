"""The front sheet of a quarter's paper, as every format shows it.

Board papers open the same way: the partnership and the meeting (name and
date), the title, the protective marking (also in the header and footer of
every page), the author, then purpose, summary, recommendations or decisions
sought and the key messages. A text left empty is left out with its heading.
MASA's one page carries the texts cut to a few lines each and as many key
messages as fit (tracker.reports.masa decides).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.clock import UK
from tracker.core.dates import format_date
from tracker.reports import masa
from tracker.reports.model import Audience, Report
from tracker.reports.plain_text import Block, blocks


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    blocks: tuple[Block, ...]
    more: str = ""  # what was left out to fit the page


def marking(report: Report) -> str:
    return report.front.marking.value


def meeting(report: Report) -> str:
    return report.front.meeting or report.audience.label


def details(report: Report) -> list[tuple[str, str]]:
    """The front sheet's lines: (label, value); the meeting's date only when set."""
    made = report.generated_at
    if made.tzinfo is not None:
        made = made.astimezone(UK)
    front = report.front
    lines = [
        ("Meeting", meeting(report)),
        ("Meeting date", format_date(front.meeting_date) if front.meeting_date else ""),
        ("Author", front.author),
        ("Figures as at", f"{format_date(report.as_at)} ({report.quarter.label})"),
        ("Protective marking", marking(report)),
        ("Generated", f"{format_date(made.date())}, {made:%H:%M}"),
    ]
    return [(label, value) for label, value in lines if value]


def parts(report: Report) -> list[Part]:
    """Purpose, summary, recommendations and key messages, those written only."""
    front = report.front
    one_page = report.audience is Audience.MASA
    written = blocks if not one_page else masa.clipped
    made = [
        Part("purpose", "Purpose", written(front.purpose)),
        Part("summary", "Summary", written(front.summary)),
        Part(
            "recommendations",
            "Recommendations and decisions sought",
            written(front.recommendations),
        ),
    ]
    if one_page:
        shown, more = masa.key_messages(report)
        made.append(Part("key-messages", "Key messages", shown, more))
    else:
        made.append(Part("key-messages", "Key messages", blocks(report.key_messages)))
    return [part for part in made if part.blocks or part.more]


def running_title(report: Report) -> str:
    """What the header of every page says beside the marking."""
    return f"{report.audience.label}: {report.title}"
