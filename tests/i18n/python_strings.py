"""An AST scan for user-facing strings in Python that are not marked for translation.

A string literal (or an f-string, or literals joined with `+`) reaching a known sink is flagged
unless it is wrapped in one of the gettext functions. The sinks: the message of
`messages.success/info/warning/error/debug` (and `add_message`), `ValidationError(...)` (Django's
and DRF's, with dicts and lists of messages), DRF exceptions and the project's `Conflict`,
`Http404`, `form.add_error(field, message)`, the import's `Problem(row, column, message)`,
`errors[key] = {...}` in the services, a permission's `message`, the keywords `label`, `help_text`, `empty_label`,
`verbose_name`, `verbose_name_plural`, `detail`, `placeholder` and `title` of a call, a model
field's first positional argument (its verbose name), `verbose_name`/`help_text` assignments in a
class body, a `"placeholder"`/`"aria-label"`/`"title"` key of a widget's `attrs`, a
`{"detail": ...}` dict, and the label (second element) of a TextChoices member.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

MARKERS = frozenset(
    {
        "_",
        "gettext",
        "gettext_lazy",
        "gettext_noop",
        "pgettext",
        "pgettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "npgettext",
        "npgettext_lazy",
        "format_lazy",
    }
)
MESSAGE_LEVELS = frozenset({"success", "info", "warning", "error", "debug"})
EXCEPTIONS = frozenset(
    {
        "ValidationError",
        "Conflict",
        "APIException",
        "ParseError",
        "NotFound",
        "PermissionDenied",
        "NotAuthenticated",
        "AuthenticationFailed",
        "MethodNotAllowed",
        "NotAcceptable",
        "UnsupportedMediaType",
        "Throttled",
        "Http404",
    }
)
# The project's own carriers of a message for people: (callable name, position of the message).
PROJECT_SINKS = {"Problem": 2, "require_staff": 2}
KEYWORDS = frozenset(
    {
        "label",
        "help_text",
        "empty_label",
        "verbose_name",
        "verbose_name_plural",
        "detail",
        "placeholder",
        "title",
    }
)
ATTR_KEYS = frozenset({"placeholder", "aria-label", "aria-description", "title", "alt"})
CLASS_ATTRIBUTES = frozenset(
    {"verbose_name", "verbose_name_plural", "help_text", "title", "message", "default_detail"}
)
CHOICES_BASES = frozenset({"TextChoices", "IntegerChoices", "Choices"})
FIELDS_WITHOUT_VERBOSE_NAME = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField"})


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _name(node: ast.AST) -> str:
    """`messages.success` -> "success", `ValidationError` -> "ValidationError"."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _owner(node: ast.AST) -> str:
    return _name(node.value) if isinstance(node, ast.Attribute) else ""


def _is_text(value: str) -> bool:
    return any(char.isalpha() for char in value)


def _unmarked(node: ast.AST | None) -> list[ast.AST]:
    """The parts of an expression that are text for people and not marked."""
    if node is None:
        return []
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and _is_text(node.value) else []
    if isinstance(node, ast.JoinedStr):
        literal = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        return [node] if _is_text(literal) else []
    if isinstance(node, ast.Call):
        if _name(node.func) in MARKERS:
            return []
        if _name(node.func) == "format" and isinstance(node.func, ast.Attribute):
            return _unmarked(node.func.value)
        return []
    if isinstance(node, ast.BinOp):  # "a" + "b", "%s" % x: the left side is the text
        return _unmarked(node.left) + (
            _unmarked(node.right) if isinstance(node.op, ast.Add) else []
        )
    if isinstance(node, ast.IfExp):
        return _unmarked(node.body) + _unmarked(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [found for element in node.elts for found in _unmarked(element)]
    if isinstance(node, ast.Dict):  # {"field": "message"}: the values are the messages
        return [found for value in node.values for found in _unmarked(value)]
    return []


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Unmarked] = []

    def _flag(self, node: ast.AST | None) -> None:
        for part in _unmarked(node):
            text = ast.unparse(part) if not isinstance(part, ast.Constant) else part.value
            self.found.append(Unmarked(self.path, getattr(part, "lineno", 0), str(text)))

    def visit_Call(self, node: ast.Call) -> None:
        name, owner = _name(node.func), _owner(node.func)
        args = node.args
        if owner == "messages" and name in MESSAGE_LEVELS and len(args) >= 2:
            self._flag(args[1])
        elif owner == "messages" and name == "add_message" and len(args) >= 3:
            self._flag(args[2])
        elif name in EXCEPTIONS and args:
            self._flag(args[0])
        elif name == "add_error" and len(args) >= 2:
            self._flag(args[1])
        elif name in PROJECT_SINKS and len(args) > PROJECT_SINKS[name]:
            self._flag(args[PROJECT_SINKS[name]])
        elif (
            owner == "models"
            and name.endswith("Field")
            and name not in FIELDS_WITHOUT_VERBOSE_NAME
            and args
        ):
            self._flag(args[0])
        for keyword in node.keywords:
            if keyword.arg in KEYWORDS:
                self._flag(keyword.value)
            elif keyword.arg == "attrs" and isinstance(keyword.value, ast.Dict):
                self._flag_keys(keyword.value, ATTR_KEYS)
        self.generic_visit(node)

    def _flag_keys(self, node: ast.Dict, keys: frozenset[str]) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in keys:
                self._flag(value)

    def visit_Dict(self, node: ast.Dict) -> None:
        self._flag_keys(node, frozenset({"detail"}))
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        """`errors[...] = {"field": ["message"]}`: the messages a service gathers before raising."""
        for target in node.targets:
            if isinstance(target, ast.Subscript) and "errors" in _name(target.value):
                self._flag(node.value)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        choices = any(_name(base) in CHOICES_BASES for base in node.bases)
        for statement in node.body:
            if not isinstance(statement, ast.Assign):
                continue
            targets = {_name(target) for target in statement.targets}
            if targets & CLASS_ATTRIBUTES:
                self._flag(statement.value)
            elif (
                choices
                and isinstance(statement.value, ast.Tuple)
                and len(statement.value.elts) >= 2
            ):
                self._flag(statement.value.elts[-1])
        self.generic_visit(node)


def scan_source(source: str, path: str = "<source>") -> list[Unmarked]:
    scanner = _Scanner(path)
    scanner.visit(ast.parse(source))
    return scanner.found


def scan(paths: list[Path], root: Path) -> list[Unmarked]:
    found: list[Unmarked] = []
    for path in paths:
        found += scan_source(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    return found
