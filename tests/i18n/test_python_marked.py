"""Every user-facing string in the apps' Python is marked for translation (issue 14).

The scan (tests/i18n/python_strings.py) looks at the strings that reach known sinks: messages,
validation and API errors, conflicts, form and model labels, choices labels, page titles. Log
messages, developer exceptions, management commands and the demo tooling are not its business;
the formal note and the e-mails (differentiation/notes*) are checked with their templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n.python_strings import scan, scan_source

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ("betterwork", "factories", "assessments", "differentiation", "workspace", "buyer_portal")


def _modules() -> list[Path]:
    return [
        path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if not {"migrations", "tooling", "management"} & set(path.parts)
        and not path.name.startswith("notes")
        and path.name != "settings.py"
    ]


def test_the_scan_covers_the_apps() -> None:
    names = {str(path.relative_to(ROOT)) for path in _modules()}
    assert {"factories/services.py", "workspace/forms.py", "buyer_portal/exports.py"} <= names
    assert not any("migrations" in name for name in names)


def test_no_user_facing_string_in_python_is_unmarked() -> None:
    found = scan(_modules(), ROOT)
    assert not found, "Mark these with gettext / gettext_lazy:\n" + "\n".join(map(str, found))


UNMARKED = {
    "message": 'messages.success(request, "Saved.")',
    "message f-string": 'messages.error(request, f"{n} rows failed.")',
    "add_message": 'messages.add_message(request, messages.INFO, "Done.")',
    "validation error": 'raise ValidationError("Give a name.")',
    "validation dict": 'raise serializers.ValidationError({"name": ["Give a name."]})',
    "conflict": 'raise Conflict("Already decided.")',
    "api exception": 'raise exceptions.PermissionDenied("You may not.")',
    "not found": 'raise Http404("No such page.")',
    "form error": 'form.add_error("name", "Give a name.")',
    "label": 'name = forms.CharField(label="Name")',
    "help text": 'x = models.IntegerField(help_text="Per cent.")',
    "verbose name positional": 'x = models.CharField("person responsible", max_length=9)',
    "empty label": 'x = forms.ModelChoiceField(qs, empty_label="Choose one")',
    "placeholder": 'w = forms.TextInput(attrs={"placeholder": "Search"})',
    "detail keyword": 'raise APIException(detail="Broken.")',
    "detail dict": 'return Response({"detail": "Try again."}, status=409)',
    "page title": 'render_form(request, form, title="Add a member")',
    "meta verbose name": 'class Meta:\n    verbose_name = "third-party access"',
    "permission message": 'class OnlyStaff(BasePermission):\n    message = "Staff only."',
    "text choices": 'class Kind(models.TextChoices):\n    VISIT = "visit", "Advisory visit"',
    "import problem": 'problems.append(Problem(3, "answer", "Not a date."))',
    "gathered errors": 'errors[i] = {"item": [f"Item {code} is listed twice."]}',
    "joined literals": 'raise ValidationError("Give " + "a name.")',
}


@pytest.mark.parametrize("source", UNMARKED.values(), ids=UNMARKED.keys())
def test_the_scan_flags_an_unmarked_string(source: str) -> None:
    assert scan_source(source)


MARKED = {
    "gettext": 'messages.success(request, gettext("Saved."))',
    "underscore": 'raise ValidationError(_("Give a name."))',
    "lazy label": 'name = forms.CharField(label=gettext_lazy("Name"))',
    "format": 'raise Conflict(gettext("{name} is taken.").format(name=name))',
    "plural": 'messages.error(request, ngettext("{n} row", "{n} rows", n).format(n=n))',
    "context": 'x = models.CharField(pgettext_lazy("person", "responsible"), max_length=9)',
    "no words": 'raise ValidationError("—")',
    "a variable": "messages.success(request, text)",
    "a code": 'x = forms.ChoiceField(choices=[("", gettext_lazy("All"))], label=None)',
    "text choices": 'class Kind(models.TextChoices):\n    VISIT = "visit", _("Advisory visit")',
    "noop vocabulary": 'class Stage(Term):\n    CANDIDATE = "candidate", gettext_noop("Candidate")',
    "log message": 'logger.warning("Broker down: %s", exc)',
    "developer error": 'raise RuntimeError("Scope changes are append-only.")',
    "field name key": 'raise ValidationError({"name": gettext("Give a name.")})',
}


@pytest.mark.parametrize("source", MARKED.values(), ids=MARKED.keys())
def test_the_scan_passes_a_marked_string(source: str) -> None:
    assert scan_source(source) == []
