"""Each refusal knows its status, and what the API's problem JSON says of it."""

import pytest

from tracker.accounts.passwords import WeakPassword
from tracker.accounts.store import AccountProblem
from tracker.accounts.tokens import NoSuchToken, TokenProblem
from tracker.api.problems import RequestProblem
from tracker.assurance.errors import NoRating, NotComplete
from tracker.challenges.errors import AlreadySettled
from tracker.challenges.errors import NotFound as ChallengeNotFound
from tracker.core.personal_data.check import PossiblePersonalData, guard
from tracker.core.refusals import (
    ActionNotFound,
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    Refusal,
)
from tracker.imports.proforma import UnreadableFile
from tracker.imports.refusals import PersonalDataNotConfirmed, PreviewOutdated
from tracker.imports.undo import UndoRefused
from tracker.imports.upload import InvalidUpload
from tracker.redaction.review import FlagNotFound, FlagSettled
from tracker.returns.errors import PlanNotFound, ReturnChanged
from tracker.returns.rules import StepRefused
from tracker.returns.store import ReturnAccepted
from tracker.updates.store import InvalidChange, StaleVersion

KINDS = [
    (InvalidInput, 422),
    (PossiblePersonalData, 422),
    (Conflict, 409),
    (NotAllowed, 403),
    (NotFound, 404),
]

EVERY_SERVICE_REFUSAL = [
    # Invalid input: 422, shown by each field.
    (InvalidChange, InvalidInput, 422),
    (RequestProblem, InvalidInput, 422),
    (AccountProblem, InvalidInput, 422),
    (TokenProblem, InvalidInput, 422),
    (WeakPassword, InvalidInput, 422),
    (UnreadableFile, InvalidInput, 422),
    (InvalidUpload, InvalidInput, 422),
    # Possible personal data: 422, with the fields to confirm.
    (PersonalDataNotConfirmed, PossiblePersonalData, 422),
    # Conflict: the thing moved on since the page was shown.
    (StaleVersion, Conflict, 409),
    (AlreadySettled, Conflict, 409),
    (ReturnChanged, Conflict, 409),
    (ReturnAccepted, Conflict, 409),
    (StepRefused, Conflict, 409),
    (FlagSettled, Conflict, 409),
    (NotComplete, Conflict, 409),
    (NoRating, Conflict, 409),
    (PreviewOutdated, Conflict, 409),
    (UndoRefused, Conflict, 409),
    # Not found.
    (ActionNotFound, NotFound, 404),
    (ChallengeNotFound, NotFound, 404),
    (PlanNotFound, NotFound, 404),
    (FlagNotFound, NotFound, 404),
    (NoSuchToken, TokenProblem, 404),
]


@pytest.mark.parametrize(("kind", "status"), KINDS, ids=lambda value: str(value))
def test_each_kind_of_refusal_knows_its_status(kind, status):
    assert issubclass(kind, Refusal)
    assert kind.status_code == status


@pytest.mark.parametrize(
    ("refusal", "kind", "status"),
    EVERY_SERVICE_REFUSAL,
    ids=[refusal.__name__ for refusal, _, _ in EVERY_SERVICE_REFUSAL],
)
def test_every_services_refusal_is_one_of_the_family(refusal, kind, status):
    assert issubclass(refusal, kind)
    assert refusal.status_code == status


def test_a_token_that_is_not_there_is_not_found_though_still_a_token_problem():
    missing = NoSuchToken("You have no API token 9: it may have been deleted.")
    assert isinstance(missing, TokenProblem)
    assert str(missing) == "You have no API token 9: it may have been deleted."


def test_invalid_input_says_each_field_and_nothing_was_saved():
    invalid = InvalidInput({"rag": "Choose a RAG status.", "progress": "Say what happened."})
    assert str(invalid) == "Choose a RAG status.; Say what happened."
    assert invalid.problem() == {
        "detail": "Nothing was saved: Choose a RAG status. Say what happened.",
        "errors": {"rag": "Choose a RAG status.", "progress": "Say what happened."},
    }


def test_one_line_refusals_keep_their_message_as_they_were():
    assert str(AccountProblem("You cannot disable your own account.")) == (
        "You cannot disable your own account."
    )
    assert AccountProblem("Not an email.", "email").problems == {"email": "Not an email."}
    assert UnreadableFile("The file is empty.").problems == {"file": "The file is empty."}


def test_possible_personal_data_names_the_fields_and_their_kinds():
    with pytest.raises(PossiblePersonalData) as caught:
        guard({"progress": ("Progress", "Call mum on 01865 123456")}, confirmed=False)
    said = caught.value.problem()
    assert said["code"] == "possible-personal-data"
    assert said["kinds"] == {"progress": ["phone"]}
    assert list(said["errors"]) == ["progress"]
    assert said["detail"].startswith("Nothing was saved: ")
    assert said["detail"].endswith('send it again with "confirm_personal_data": true.')


def test_a_plain_refusal_is_its_message():
    assert NotAllowed("You cannot change action 1.1.").problem() == {
        "detail": "You cannot change action 1.1."
    }
    assert NotFound().problem() == {"detail": None}
