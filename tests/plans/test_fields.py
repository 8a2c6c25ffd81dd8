"""The register of an action's fields tells the truth about where each one goes."""

from dataclasses import fields
from pathlib import Path

from tests.reports.gathered import GENERATED, gathered
from tracker.api.models import ActionDetail, ActionItem
from tracker.core.tables import Action
from tracker.imports.proforma.headers import Field
from tracker.plans.fields import ACTION_FIELDS, Export, Kind, Register, label
from tracker.plans.model import ActionAsAt
from tracker.reports import business_group
from tracker.reports.build import build
from tracker.reports.model import Audience
from tracker.review.columns import COLUMNS

ROOT = Path(__file__).parents[2]


def test_every_field_is_a_column_of_the_action_table_and_of_the_model():
    model = {field.name for field in fields(ActionAsAt)}
    for field in ACTION_FIELDS:
        assert Action._meta.get_column_by_name(field.name)
        assert field.name in model


def test_imported_fields_name_a_column_the_proforma_reader_knows():
    known = {field.value for field in Field}
    assert {field.imported for field in ACTION_FIELDS.imported()} <= known


def test_editable_fields_say_how_to_fill_them_in():
    for field in ACTION_FIELDS.editable:
        assert field.hint
        assert field.kind is Kind.DATE or field.max_length


def test_the_api_documents_exactly_the_fields_the_register_exports_to_it():
    exported = {field.api for field in ACTION_FIELDS.exported(Export.API)}
    detail = {field.name for field in fields(ActionDetail)}
    item = {field.name for field in fields(ActionItem)}
    field_names = {field.api for field in ACTION_FIELDS}
    assert exported <= detail
    assert field_names & detail == exported
    assert field_names & item <= exported


def test_the_review_download_has_a_column_for_each_field_the_register_exports_to_it():
    titles = [column.title for column in COLUMNS]
    labels = [field.label for field in ACTION_FIELDS.exported(Export.REVIEW)]
    assert [title for title in titles if title in labels] == labels


def test_the_report_appendix_has_a_column_for_each_field_the_register_exports_to_reports():
    report = build(gathered([{"id": 1}], []), Audience.BUSINESS_GROUP, GENERATED)
    titles = {column.title for column in business_group.appendix(report).columns}
    assert {field.label for field in ACTION_FIELDS.exported(Export.REPORT)} <= titles


def test_the_editable_fields_in_words():
    three = Register(ACTION_FIELDS[name] for name in ("lead", "timeframe", "due"))
    assert three.editable_in_words("or") == "lead, time-frame or due date"
    assert Register([ACTION_FIELDS["lead"]]).editable_in_words("and") == "lead"
    assert ACTION_FIELDS["due"].form_label == "Due date"
    assert label("timeframe") == "Time-frame"


def test_a_label_is_written_once_in_the_code_and_templates():
    written = [
        path
        for folder in ("tracker", "templates")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".html")
        and "migrations" not in path.parts
        and "Time-frame" in path.read_text()
    ]
    assert written == [ROOT / "tracker" / "plans" / "fields.py"]
