"""The explorer's commands as tools for an AI assistant, protocol-free: each tool's arguments
read from its command's declared options, and its answer the JSON the command prints.

A tool's arguments are the command's own declarations (the `Annotated` typer options and
arguments the command line is built from): their names, types, enums, defaults, minimums
and help. A call checks the arguments as the command line does, builds the report with the
command's own build function (commands/common.py) and renders it with the JSON formatter, so
a tool answers byte for byte what `mlcareers <command> --json` prints. Warnings come back
with the answer instead of going to stderr. mlcareers.mcp serves these tools over MCP; this
module imports no MCP package, and nothing imports it but mlcareers.mcp and the tests.
"""

from __future__ import annotations

import enum
import inspect
import io
import json
import re
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Union, cast, get_args, get_origin

from typer.models import ArgumentInfo, ParameterInfo

from mlcareers.clean import clean, clean_lines
from mlcareers.commands.common import Run
from mlcareers.errors import CatalogueError, MlcareersError, NotFoundError
from mlcareers.options import shape
from mlcareers.render import render
from mlcareers.report import Format

if TYPE_CHECKING:
    from mlcareers.report import Report

_PAY = "mlcareers.commands.pay"
_CAREER = "mlcareers.commands.career"
_PLACES = "mlcareers.commands.places"


class Spec(NamedTuple):
    """A tool: the command it mirrors (the module that registers it, and its name there),
    the function that builds the command's report (module.function), and its title. The
    name is the command line's words joined by _ (official areas: official_areas)."""

    name: str
    module: str
    command: str
    build: str
    title: str
    required: tuple[str, ...] = ()
    """Arguments the tool needs though the command does not: it has another way to them."""


SPECS = (
    Spec("rank", _PAY, "rank", f"{_PAY}.build_rank", "Rank ML roles by pay"),
    Spec("show", _PAY, "show", f"{_PAY}.build_show", "One ML role in full"),
    Spec("compare", _PAY, "compare", f"{_PAY}.build_compare", "Compare pay by city, or roles"),
    Spec(
        "match",
        _CAREER,
        "match",
        f"{_CAREER}.build_match",
        "Match your skills against the roles",
        required=("have",),  # the command also reads them from --have-file
    ),
    Spec("path", _CAREER, "path", f"{_CAREER}.build_path", "The ML career ladder"),
    Spec("skills", _CAREER, "skills", f"{_CAREER}.build_skills", "Skills the roles ask for"),
    Spec("sources", _CAREER, "sources", f"{_CAREER}.build_sources", "Where each figure comes from"),
    Spec("where", _PLACES, "where", f"{_PLACES}.build_where", "Where a role pays most (official)"),
    Spec(
        "trend", _PLACES, "trend", f"{_PLACES}.build_trend", "A role's official pay over the years"
    ),
    Spec(
        "official_areas",
        "mlcareers.commands.official",
        "areas",
        f"{_PLACES}.build_areas",
        "Places with official figures",
    ),
)
"""Every tool, in the order they are listed."""

OUTPUT_ONLY = frozenset({"ctx", "fmt", "as_json", "wide"})
"""Command parameters a tool has no use for: the context, and the format (always JSON)."""

LEFT_OUT = {
    "have_file": "reads a file on the server's machine, or its standard input (the protocol)",
}
"""Options a tool does not take, each with the reason; hidden options are left out too."""

DESCRIPTIONS = {
    "have": (
        "The skills you have, one an item (an item may also hold several, separated by "
        "commas): python, docker, kubernetes. Any case and spacing; other names (sklearn, "
        "k8s) work."
    ),
    "skill": (
        "Keep only roles that ask for every skill given, one an item (or several separated by "
        "commas); a member of a group of alternatives (azure for a cloud platform) counts."
    ),
    "fields": (
        "Only these fields of each record, in this order; a dotted name picks a nested value "
        "(salary.median). The answer's own keys are the valid names."
    ),
}
"""Where an option's help speaks of the command line (commas, repeats, flags), the same
meaning in a tool's words."""

NOT_FOUND_HINTS = {
    "role": "(the rank tool lists the roles)",
    "role or ladder job": "(the path tool with no role shows the ladder)",
    "city": "(compare with no arguments lists the cities)",
    "place": "(compare lists the article's cities, official_areas the imported places)",
    "skill": "(the skills tool lists the skills)",
}


class ToolError(Exception):
    """A call that cannot be answered, in one message for the assistant: a bad argument, or
    the command's own error (an unknown role with its did-you-mean)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Answer(NamedTuple):
    """A tool's answer: the command's JSON as text and as data, and its warnings."""

    text: str
    data: Any
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Argument:
    """One argument of a tool: a command's option or positional argument."""

    name: str
    kind: type[Any]
    """str, int, bool, list (of strings) or an enum."""
    required: bool
    default: Any
    minimum: int | None
    description: str

    def schema(self) -> dict[str, Any]:
        """The argument's JSON Schema."""
        found: dict[str, Any]
        if self.kind is list:
            found = {"type": "array", "items": {"type": "string"}}
        elif issubclass(self.kind, enum.Enum):
            found = {"type": "string", "enum": [member.value for member in self.kind]}
        else:
            found = {"type": {str: "string", int: "integer", bool: "boolean"}[self.kind]}
        if self.minimum is not None:
            found["minimum"] = self.minimum
        if self.default is not None and self.default != []:
            found["default"] = _plain(self.default)
        found["description"] = self.description
        return found

    def value(self, given: object) -> object:
        """`given` (JSON) as the build function takes it; ToolError saying what is wrong."""
        if self.kind is list:
            if isinstance(given, str):  # one item where a list was asked for
                return [given]
            if isinstance(given, list) and all(isinstance(item, str) for item in given):
                return given
            raise self._invalid(given, "a list of strings")
        if issubclass(self.kind, enum.Enum):
            return self._member(given)
        if self.kind is int:
            return self._integer(given)
        wanted = {bool: "true or false", str: "a string"}[self.kind]
        if not isinstance(given, self.kind) or (self.kind is str and isinstance(given, bool)):
            raise self._invalid(given, wanted)
        return given

    def _member(self, given: object) -> enum.Enum:
        """The enum member `given` names, in any case, as the command line takes it."""
        if isinstance(given, str):
            for member in self.kind:
                if member.value.casefold() == given.casefold():
                    return cast(enum.Enum, member)
        choices = ", ".join(repr(member.value) for member in self.kind)
        raise ToolError(f"invalid value for {self.name!r}: {_shown(given)} is not one of {choices}")

    def _integer(self, given: object) -> int:
        if not isinstance(given, int) or isinstance(given, bool):
            raise self._invalid(given, "an integer")
        if self.minimum is not None and given < self.minimum:
            raise ToolError(
                f"invalid value for {self.name!r}: {given} is less than the minimum, {self.minimum}"
            )
        return given

    def _invalid(self, given: object, wanted: str) -> ToolError:
        return ToolError(f"invalid value for {self.name!r}: {_shown(given)} is not {wanted}")


@dataclass(frozen=True)
class Tool:
    """A command as a tool: its arguments, and a call that answers what the command prints."""

    spec: Spec
    description: str
    arguments: tuple[Argument, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    def input_schema(self) -> dict[str, Any]:
        """The JSON Schema of the tool's arguments, an object."""
        return {
            "type": "object",
            "properties": {argument.name: argument.schema() for argument in self.arguments},
            "required": [argument.name for argument in self.arguments if argument.required],
            "additionalProperties": False,
        }

    def call(self, given: Mapping[str, object] | None, catalogue: str | None = None) -> Answer:
        """The command's JSON for the arguments `given`, read from the catalogue file
        `catalogue` (None: the packaged one). ToolError for a bad argument or the command's
        own error; any other exception is a bug, and propagates."""
        values = self._values(given or {})
        limit = values.pop("limit", None)
        fields = cast("list[str] | None", values.pop("fields", None)) or ()
        warnings: list[str] = []
        run = Run(catalogue, warnings.append, limit if isinstance(limit, int) else None)
        module, function = self.spec.build.rsplit(".", 1)
        build: Callable[..., Report] = getattr(import_module(module), function)
        try:
            report = build(run, **values)
            text = _json(report, run.limit, fields)
        except MlcareersError as error:
            raise ToolError(error_message(error)) from None
        return Answer(text, json.loads(text), tuple(clean(warning) for warning in warnings))

    def _values(self, given: Mapping[str, object]) -> dict[str, object]:
        known = {argument.name: argument for argument in self.arguments}
        unknown = [name for name in given if name not in known]
        if unknown:
            names = ", ".join(repr(clean(name)) for name in unknown)
            raise ToolError(
                f"unknown argument {names} for {self.name}; it takes: {', '.join(known) or 'none'}"
            )
        values: dict[str, object] = {}
        for argument in self.arguments:
            value = given.get(argument.name)
            if value is None:
                if argument.required:
                    raise ToolError(f"missing argument {argument.name!r}")
                continue
            values[argument.name] = argument.value(value)
        return values


def tools() -> list[Tool]:
    """Every tool, each read from its command's declarations."""
    return [tool_of(spec) for spec in SPECS]


def tool_of(spec: Spec) -> Tool:
    """The tool that mirrors the command `spec` names."""
    registered = import_module(spec.module).app.registered_commands
    info = next(info for info in registered if info.name == spec.command)
    signature = inspect.signature(info.callback, eval_str=True)
    arguments = []
    words: dict[str, str] = {}
    for parameter in signature.parameters.values():
        if parameter.name in OUTPUT_ONLY or parameter.name in LEFT_OUT:
            continue
        declared = _declared(parameter)
        if declared is None or declared[1].hidden:
            continue
        argument = _argument(parameter, *declared, parameter.name in spec.required)
        arguments.append(argument)
        words[f"--{argument.name.replace('_', '-')}"] = argument.name
        metavar = declared[1].metavar
        if isinstance(declared[1], ArgumentInfo) and metavar:
            words[metavar] = metavar.lower()
    line = spec.name.replace("_", " ")
    answer = f"Answers with the JSON that `mlcareers {line} --json` prints."
    return Tool(spec, f"{describe(info.help or '', words)}\n\n{answer}", tuple(arguments))


def describe(help_text: str, words: Mapping[str, str]) -> str:
    """A command's help in a tool's words: without its examples (they show the command
    line), its flags and metavars named as the tool's arguments (--by: by, ROLE: role), and
    its warnings where the tool gives them; a paragraph on one line."""
    kept = inspect.cleandoc(help_text).split("\b", 1)[0].strip()
    kept = re.sub(r"(?<!\n)\n(?!\n)", " ", kept)
    kept = kept.replace("reported on stderr", "reported in a warning after the answer")
    for word, name in sorted(words.items(), key=lambda item: -len(item[0])):
        kept = re.sub(rf"(?<![\w-]){re.escape(word)}(?=s?\b)(?!-)", name, kept)
    return kept


def error_message(error: MlcareersError) -> str:
    """The command's error as the assistant reads it: the command line's message, with a
    hint in a tool's words where a name was not found, and a catalogue's problems."""
    message = str(error)
    if isinstance(error, NotFoundError) and error.kind in NOT_FOUND_HINTS:
        message += " " + NOT_FOUND_HINTS[error.kind]
    if isinstance(error, CatalogueError) and error.problems:
        message += "".join(f"\n  {problem}" for problem in error.problems)
    return clean_lines(message)


def _declared(parameter: inspect.Parameter) -> tuple[Any, ParameterInfo] | None:
    """The parameter's type and its typer declaration; None for one that declares none."""
    if get_origin(parameter.annotation) is not Annotated:
        return None
    kind, *extras = get_args(parameter.annotation)
    info = next((extra for extra in extras if isinstance(extra, ParameterInfo)), None)
    return None if info is None else (kind, info)


def _argument(
    parameter: inspect.Parameter, annotation: Any, info: ParameterInfo, needed: bool
) -> Argument:
    optional = get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(
        annotation
    )
    kind = next(a for a in get_args(annotation) if a is not type(None)) if optional else annotation
    if get_origin(kind) is list:
        kind = list
    default = parameter.default
    required = needed or default is inspect.Parameter.empty or default is ...
    description = DESCRIPTIONS.get(parameter.name, info.help or "")
    if kind is list:  # an array holds many values: no repeating it
        description = description.replace(" (repeatable)", "").replace(" Repeatable.", "")
    minimum = getattr(info, "min", None)
    return Argument(
        name=parameter.name,
        kind=kind,
        required=required,
        default=None if required else default,
        minimum=minimum if isinstance(minimum, int) else None,
        description=description,
    )


def _json(report: Report, limit: int | None, fields: Sequence[str]) -> str:
    """The report as `--json` prints it, without the last line break."""
    out = io.StringIO()
    render(shape(report, limit, list(fields)), Format.json, out)
    return out.getvalue().rstrip("\n")


def _plain(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def _shown(value: object) -> str:
    """A value an assistant sent, shown in a message: cleaned, and cut when long."""
    text = repr(clean(value)) if isinstance(value, str) else clean(json.dumps(value))
    return text if len(text) <= 60 else text[:57] + "..."
