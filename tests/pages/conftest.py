"""Fixtures of the programme manager's pages: a pending grant request and an issued formal note."""

from __future__ import annotations

import pytest

from differentiation.decisions import approval_decide
from differentiation.models import ApprovalRequest, FormalNote
from differentiation.notes import formal_note_issue
from tests.conftest import Cast
from tests.pages.pm_helpers import make_eligible


@pytest.fixture
def grant_request(cast: Cast) -> ApprovalRequest:
    return make_eligible(cast.factory, by=cast.ea)


@pytest.fixture
def formal_note(cast: Cast, grant_request: ApprovalRequest) -> FormalNote:
    decision = approval_decide(request=grant_request, actor=cast.pm, approve=True)
    return formal_note_issue(decision_id=decision.pk)
