"""The import's two services: the dry run (kept as an ImportBatch) and applying it whole."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import asdict
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments.importing.checking import check
from assessments.importing.reading import UnreadableFile, read_table
from assessments.models import (
    Assessment,
    ImportBatch,
)
from assessments.services import (
    AnswerInput,
    ElementInput,
    FindingInput,
    assessment_create,
)
from factories import access

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- services: dry run and apply ------------------------------------------------------------


@transaction.atomic
def import_dry_run(*, user: User, filename: str, content: bytes) -> ImportBatch:
    """Check the file and keep what was read; nothing of the assessment is saved yet.

    A file that cannot be read (or is over the bounds) is refused on the `file` field and
    nothing is kept: there is no row to show.
    """
    try:
        rows = read_table(content, filename)
    except UnreadableFile as error:
        raise ValidationError({"file": [str(error)]}) from error
    parsed, problems = check(rows, user)
    return ImportBatch.objects.create(
        uploaded_by=user,
        factory_id=parsed.get("factory_id"),
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        parsed=parsed,
        problems=[asdict(p) for p in problems],
    )


@transaction.atomic
def import_apply(*, batch: ImportBatch, actor: User) -> Assessment:
    """Create the draft assessment of a checked file, whole or not at all."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.uploaded_by_id != actor.pk:
        raise ValidationError({"file": [gettext("This import belongs to someone else.")]})
    if batch.applied_at is not None:
        raise ValidationError({"file": [gettext("This file has already been imported.")]})
    if batch.problems:
        raise ValidationError(
            {"file": [gettext("The file has problems; fix them and upload it again.")]}
        )
    parsed = batch.parsed
    factory = (
        access.factories_for(actor, access.Action.ASSESS).filter(pk=parsed["factory_id"]).first()
    )
    if factory is None:
        raise ValidationError(
            {"factory": [gettext("The factory is not one of the factories you assess.")]}
        )
    assessment = assessment_create(
        factory=factory,
        cycle=parsed["cycle"],
        visit_date=datetime.date.fromisoformat(parsed["visit_date"]),
        actor=actor,
        findings=[FindingInput(**f) for f in parsed["findings"]],
        elements=[ElementInput(**e) for e in parsed["elements"]],
        additional=[AnswerInput(**a) for a in parsed["additional"]],
        context="import",
    )
    batch.applied_at = timezone.now()
    batch.assessment = assessment
    batch.save(update_fields=["applied_at", "assessment"])
    return assessment
