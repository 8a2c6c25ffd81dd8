import asyncio, json
from datetime import datetime, UTC
from tracker.domain.dates import Quarter
from tracker.reporting.gather import gather
from tracker.reporting.build import build
from tracker.reporting.model import Audience
from tracker.reporting.as_json import report_json

def test_smoke(two_quarters_db):
    g = asyncio.run(gather(Quarter.parse("2020-21-Q2")))
    r = build(g, Audience.BUSINESS_GROUP, datetime(2020,10,5,9,0,tzinfo=UTC))
    d = json.loads(report_json(r))
    d.pop("appendix")
    print(json.dumps(d, indent=1)[:6000])
    tvp = [p for p in d["plans"] if p["agency"] == "Thames Valley Police"]
    print(tvp)
    assert 0

def test_xlsx(two_quarters_db, tmp_path):
    from tracker.reporting.as_xlsx import report_xlsx
    g = asyncio.run(gather(Quarter.parse("2020-21-Q2")))
    for aud in Audience:
        r = build(g, aud, datetime(2020,10,5,9,0,tzinfo=UTC))
        a = report_xlsx(r); b = report_xlsx(r)
        assert a == b
        open(f"/tmp/rep-{aud}.xlsx","wb").write(a)

def test_docx(two_quarters_db, tmp_path):
    from tracker.reporting.as_docx import report_docx
    g = asyncio.run(gather(Quarter.parse("2020-21-Q2")))
    for aud in Audience:
        r = build(g, aud, datetime(2020,10,5,9,0,tzinfo=UTC))
        a = report_docx(r); b = report_docx(r)
        assert a == b
        open(f"/tmp/rep-{aud}.docx","wb").write(a)

def test_html(two_quarters_db, tmp_path):
    from tracker.reporting.as_html import report_html
    g = asyncio.run(gather(Quarter.parse("2020-21-Q2")))
    for aud in Audience:
        r = build(g, aud, datetime(2020,10,5,9,0,tzinfo=UTC))
        open(f"/tmp/rep-{aud}.html","wb").write(report_html(r))
