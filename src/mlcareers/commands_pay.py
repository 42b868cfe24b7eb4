"""Commands about pay: rank, show, compare and convert."""

from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.options import (
    CityOption,
    FieldsOption,
    FormatOption,
    JsonFlag,
    LimitOption,
    WideFlag,
    catalogue_of,
    completer,
    emit,
    warn,
)
from mlcareers.pay import Per
from mlcareers.ranking import RankBy

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.report import Report
    from mlcareers.views.pay import OfficialBlock


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
            metavar="SKILL[,SKILL...]",
            help="Keep only roles that ask for every skill given: commas, repeats, or both.",
            autocompletion=completer("skill"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    wide: WideFlag = False,
) -> None:
    """Rank the roles by pay, best paid first."""
    from mlcareers.ranking import rank as rank_roles
    from mlcareers.views.pay import rank_report

    catalogue = catalogue_of(ctx)
    roles = catalogue.roles
    if skill:
        from mlcareers.errors import UsageError
        from mlcareers.skills import find_skill, roles_with, split_skills, vocabulary

        names = split_skills(skill)
        if not names:
            raise UsageError("--skill needs a skill name, such as --skill python")
        index = vocabulary(catalogue)
        wanted = [find_skill(index, name) for name in names]
        roles = tuple(roles_with(catalogue, roles, wanted))
    emit(
        rank_report(catalogue, rank_roles(roles, by, limit), by),
        fmt,
        as_json,
        fields=fields,
        limit=limit,
        wide=wide,
    )


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
    city: CityOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Show one role in full."""
    from mlcareers.catalogue import find_city, find_role
    from mlcareers.cities import city_figures
    from mlcareers.views.pay import show_report

    catalogue = catalogue_of(ctx)
    found = find_role(catalogue, role)
    cities = list(dict.fromkeys(find_city(catalogue, name) for name in city or ()))
    official = _official_block(found)
    emit(
        show_report(catalogue, found, city_figures(catalogue, cities), official),
        fmt,
        as_json,
        fields=fields,
        limit=limit,
        wide=wide,
    )


def _official_block(role: "Role") -> "OfficialBlock | None":
    """The role's official figures when a store exists; None (the cheap path) when none does."""
    from mlcareers.official.paths import store_path

    if not store_path().exists():
        return None
    from mlcareers.official import lookup, store
    from mlcareers.official.soc import role_soc
    from mlcareers.views.official import show_data, show_fields, show_notes
    from mlcareers.views.pay import OfficialBlock

    stored, problem = store.load_or_warning()
    if problem:
        warn(problem)
    mapped = role_soc(role)
    found = lookup.figures(stored, [ref.code for ref in mapped.soc])
    has = bool(stored.datasets)
    return OfficialBlock(
        show_fields(mapped, found, has),
        show_data(mapped, found, has),
        show_notes(mapped, found, has),
    )


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
    city: CityOption = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Compare pay by city, or roles side by side."""
    from mlcareers.catalogue import find_city, find_role
    from mlcareers.cities import city_figures

    catalogue = catalogue_of(ctx)
    chosen = list(dict.fromkeys(find_role(catalogue, name) for name in roles or ()))
    official = _official_city_report(catalogue, city, chosen) if city else None
    if official is not None:
        report = official
    elif city:
        from mlcareers.cities import beside
        from mlcareers.views.pay import city_roles_report

        cities = list(dict.fromkeys(find_city(catalogue, name) for name in city))
        rows = beside(city_figures(catalogue, cities), chosen or catalogue.roles)
        report = city_roles_report(catalogue, rows)
        from mlcareers.official.paths import HOW_TO_ADD, store_path

        if not store_path().exists():
            report = report._replace(notes=(*report.notes[:-1], HOW_TO_ADD, report.notes[-1]))
    elif chosen:
        from mlcareers.comparison import compare_roles
        from mlcareers.views.pay import roles_report

        report = roles_report(catalogue, compare_roles(catalogue, chosen))
    else:
        from mlcareers.errors import CatalogueError
        from mlcareers.views.pay import city_overview_report

        if not catalogue.cities:
            raise CatalogueError("the catalogue has no city figures")
        report = city_overview_report(catalogue, city_figures(catalogue, catalogue.cities))
    emit(report, fmt, as_json, fields=fields, limit=limit, wide=wide)


def _official_city_report(
    catalogue: "Catalogue", names: list[str], chosen: "list[Role]"
) -> "Report | None":
    """Official percentiles in one area the store holds, beside the article's city range
    where it has one for a role; None when no store exists or the name is no stored area."""
    from mlcareers.official.paths import store_path

    if len(names) != 1 or not store_path().exists():
        return None
    from mlcareers.catalogue import find_city
    from mlcareers.cities import absence, city_figure
    from mlcareers.errors import NotFoundError
    from mlcareers.official import lookup, store
    from mlcareers.official.soc import role_soc
    from mlcareers.views.common import source_note
    from mlcareers.views.official import ArticleRange, city_report

    stored, problem = store.load_or_warning()
    if problem:
        warn(problem)
    if not stored.datasets:
        return None
    try:
        area = lookup.find_area(stored, names[0])
    except NotFoundError:
        return None
    roles = chosen or list(catalogue.roles)
    try:
        figure = city_figure(catalogue, find_city(catalogue, names[0]))
    except NotFoundError:
        figure = None
    article = {}
    said: list[str] = []
    if figure is not None:
        pay = figure.city.salary
        where = f"{figure.city.name}, {figure.city.region}, {figure.scope}"
        article = {
            role.slug: ArticleRange(pay.low, pay.high, where)
            for role in roles
            if figure.is_for(role)
        }
        said = [note for role in roles[:1] if (note := absence(figure, role)) and len(roles) == 1]
    mapped = [role_soc(role) for role in roles]
    found = {
        role.slug: lookup.figures(stored, [ref.code for ref in role.soc], area) for role in mapped
    }
    report = city_report(mapped, area, found, article)
    notes = (*report.notes, *said, *((source_note(catalogue),) if article or said else ()))
    return report._replace(notes=notes, source=source_note(catalogue))


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
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Convert an hourly rate to annual pay, or annual pay to an hourly rate."""
    from mlcareers.pay import convert as convert_pay
    from mlcareers.views.pay import convert_report

    emit(
        convert_report(convert_pay(amount, per, hours)),
        fmt,
        as_json,
        fields=fields,
        limit=limit,
        wide=wide,
    )
