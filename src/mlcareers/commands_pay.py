"""Commands about pay: rank, show, compare and convert."""

from typing import Annotated

import typer

from mlcareers.options import FormatOption, JsonFlag, catalogue_of, completer, emit
from mlcareers.pay import Per
from mlcareers.ranking import RankBy


def rank(
    ctx: typer.Context,
    by: Annotated[
        RankBy, typer.Option("--by", help="The pay figure to rank by.", case_sensitive=False)
    ] = RankBy.median,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Show only the top N roles."),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill",
            "-s",
            metavar="SKILL",
            help="Keep only roles that list this skill (repeatable: all must match).",
            autocompletion=completer("skill"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Rank the roles by pay, best paid first.

    Salaries are US annual base pay; hourly rates are freelance rates. The bar draws each
    role's low, median and high on one scale. --by hourly adds the freelance range
    annualised on 2,080 hours, marked as derived.

    \b
    Examples:
      mlcareers rank
      mlcareers rank --by hourly --limit 3
      mlcareers rank --skill pytorch --skill tensorflow
      mlcareers rank --json | jq -r '.[] | "\\(.title): \\(.salary.median)"'
    """
    from mlcareers.ranking import rank as rank_roles
    from mlcareers.views.pay import rank_report

    catalogue = catalogue_of(ctx)
    roles = catalogue.roles
    if skill:
        from mlcareers.skills import find_skill, roles_with, split_skills

        wanted = [find_skill(catalogue, name) for name in split_skills(skill)]
        roles = tuple(roles_with(roles, wanted))
    emit(rank_report(catalogue, rank_roles(roles, by, limit), by), fmt, as_json)


def show(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="Slug, alias or title, in any case: mlops, 'MLOps engineer', ml-engineer.",
            autocompletion=completer("role"),
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one role in full.

    Pay with its range bar and the freelance range annualised (derived), the work, skills
    and tools, the backgrounds people come from, where the role is applied and where it sits
    on the career ladder.

    \b
    Examples:
      mlcareers show mlops
      mlcareers show "computer vision engineer"
      mlcareers show ds --json | jq .skills
    """
    from mlcareers.catalogue import find_role
    from mlcareers.views.pay import show_report

    catalogue = catalogue_of(ctx)
    emit(show_report(catalogue, find_role(catalogue, role)), fmt, as_json)


def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ROLE",
            help="Two or more roles to put side by side; none to compare cities.",
            autocompletion=completer("role"),
            show_default=False,
        ),
    ] = None,
    city: Annotated[
        list[str] | None,
        typer.Option(
            "--city",
            "-c",
            metavar="CITY",
            help="A city (repeatable): seattle, 'New York', nyc, 'Santa Clara, CA'.",
            autocompletion=completer("city"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Compare pay by city, or roles side by side.

    With no ROLE: each city's published range for the role the source gives city figures
    for, and estimates for the other roles (all cities unless --city). Each city's uplift is
    that role's city midpoint over its national midpoint; an estimate is a role's national
    range times the uplift, rounded to $1,000, and marked as estimated.

    With two or more ROLEs: their pay side by side, the difference in median to the first,
    the skills they share and the skills only one lists; with --city, each role's city
    range as well.

    \b
    Examples:
      mlcareers compare --city seattle
      mlcareers compare mlops ds
      mlcareers compare mle cv nlp --city nyc
      mlcareers compare --city seattle --json | jq '.[] | select(.estimated | not)'
    """
    from mlcareers.catalogue import find_city, find_role
    from mlcareers.errors import CatalogueError

    catalogue = catalogue_of(ctx)
    if city:
        cities = list(dict.fromkeys(find_city(catalogue, name) for name in city))
    elif not roles:
        cities = list(catalogue.cities)
        if not cities:
            raise CatalogueError("the catalogue has no city figures")
    else:
        cities = []
    if roles:
        from mlcareers.comparison import compare_roles
        from mlcareers.views.pay import roles_report

        chosen = list(dict.fromkeys(find_role(catalogue, name) for name in roles))
        emit(roles_report(catalogue, compare_roles(catalogue, chosen, cities)), fmt, as_json)
    else:
        from mlcareers.cities import city_pay
        from mlcareers.views.pay import compare_report

        emit(compare_report(catalogue, city_pay(catalogue, cities)), fmt, as_json)


def convert(
    amount: Annotated[
        float,
        typer.Argument(
            metavar="AMOUNT", help="A positive amount of US dollars.", show_default=False
        ),
    ],
    per: Annotated[
        Per,
        typer.Option(
            "--per", help="What AMOUNT is paid per.", case_sensitive=False, show_default=False
        ),
    ],
    hours: Annotated[
        int, typer.Option("--hours", metavar="N", help="Working hours in a year.")
    ] = 2080,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Convert an hourly rate to annual pay, or annual pay to an hourly rate.

    The basis is stated with the result: 2,080 hours a year (40 a week for 52 weeks) unless
    --hours says otherwise. The converted figure is derived, and marked so.

    \b
    Examples:
      mlcareers convert 130599 --per year
      mlcareers convert 67 --per hour
      mlcareers convert 67 --per hour --hours 1800 --json
    """
    from mlcareers.pay import convert as convert_pay
    from mlcareers.views.pay import convert_report

    emit(convert_report(convert_pay(amount, per, hours)), fmt, as_json)
