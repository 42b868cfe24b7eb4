"""Every command: where it lives, the panel --help lists it under, and its one-line summary.

Cheap to import, and importing nothing else: --help, completion and a mistyped command name
are answered from this list alone, and only the module of the command that runs is imported
(cli.Group builds it then). A command's full help stands beside it in its module; the
summary here is that help's first line (tests/test_cli.py checks the two agree).
"""

from __future__ import annotations

from typing import NamedTuple

PAY, CAREER, CATALOGUE, ASSISTANTS = "Pay", "Career planning", "Catalogue", "AI assistants"
PANELS = (PAY, CAREER, CATALOGUE, ASSISTANTS)


class Spec(NamedTuple):
    """A command: the module that registers it on its `app`, its panel and its summary.

    With `group`, the module's `app` is the command itself, a group of subcommands."""

    module: str
    panel: str
    summary: str
    group: bool = False


_PAY = "mlcareers.commands.pay"
_CAREER = "mlcareers.commands.career"
COMMANDS = {
    "rank": Spec(_PAY, PAY, "Rank the roles by pay, best paid first."),
    "show": Spec(_PAY, PAY, "Show one role in full."),
    "compare": Spec(_PAY, PAY, "Compare pay by city, or roles side by side."),
    "where": Spec(
        "mlcareers.commands.places",
        PAY,
        "Rank the places by what a role's occupation pays there, from the official survey.",
    ),
    "trend": Spec(
        "mlcareers.commands.places",
        PAY,
        "Show a role's official wage percentiles and employment in each survey period.",
    ),
    "convert": Spec(
        _PAY, PAY, "Convert an hourly rate to annual pay, or annual pay to an hourly rate."
    ),
    "skills": Spec(
        _CAREER, CAREER, "List the skills and tools the roles ask for, most-demanded first."
    ),
    "match": Spec(
        _CAREER,
        CAREER,
        "Match your skills against every role: what you have, what you miss, what to learn next.",
    ),
    "path": Spec(_CAREER, CAREER, "Show the career ladder, or where one role or job sits on it."),
    "learn": Spec(
        _CAREER,
        CAREER,
        "Ways in: education, certifications, entry jobs, time to entry, skills and tips.",
    ),
    "outlook": Spec(
        _CAREER,
        CAREER,
        "Show where ML is growing: industries, uses, demand and growth, remote work.",
    ),
    "faq": Spec(
        _CAREER,
        CAREER,
        "Answer the questions people ask about ML careers, all or those matching TERM.",
    ),
    "official": Spec(
        "mlcareers.commands.official",
        CATALOGUE,
        "Official statistics (BLS OEWS wages, BLS employment projections): import them, list "
        "what and where, remove or clear them.",
        group=True,
    ),
    "sources": Spec(
        _CAREER,
        CATALOGUE,
        "Say where every kind of figure comes from, which are derived, and how.",
    ),
    "validate": Spec(_CAREER, CATALOGUE, "Check a catalogue file against the catalogue's rules."),
    "schema": Spec(_CAREER, CATALOGUE, "Print the JSON Schema of a catalogue file."),
    "mcp": Spec(
        "mlcareers.commands.assistant",
        ASSISTANTS,
        "Serve the explorer to AI assistants over MCP (stdio): its commands as tools.",
    ),
}
"""Every command, in the order --help lists them under each panel."""
