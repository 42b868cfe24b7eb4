"""Commands about pay: rank, show, compare and convert, each with its help beside it."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.commands.common import (
    CityOption,
    Run,
    read_official,
    role_argument,
    run_of,
    skills_option,
)
from mlcareers.options import Output, emit, output_options
from mlcareers.pay import Per
from mlcareers.ranking import RankBy, RankOption

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.official.access import Official
    from mlcareers.report import Report
    from mlcareers.views.common import OfficialBlock
    from mlcareers.views.place_pay import PlacePay

app = typer.Typer()

RANK_HELP = """Rank the roles by pay, best paid first.

    Salaries are US annual base pay, national; hourly rates are freelance rates on Upwork.
    The bar draws each role's low, median and high on one scale. --by hourly adds what the
    freelance range would come to if billed 2,080 hours a year: derived, and not a salary.
    --by growth ranks by the projected change in employment of each role's first occupation,
    from imported BLS Employment Projections (occupation.xlsx): the occupation's growth, not
    the role's; ties go to the higher median salary. --skill keeps the roles that ask for
    every skill given (commas or repeats); a skill that is one of a group's alternatives
    (azure for a cloud platform) or examples (sql for a data scientist's language) counts. A
    skill no role asks for (keras) is said on stderr, with where the article names it.

    \b
    Examples:
      mlcareers rank
      mlcareers rank --by hourly --limit 3
      mlcareers rank --by growth
      mlcareers rank --skill pytorch --skill tensorflow
      mlcareers rank --skill azure,python
      mlcareers rank --json | jq -r '.[] | "\\(.title): \\(.salary.median)"'
    """


@app.command("rank", help=RANK_HELP)
@output_options(limit_help="Show only the top N roles.")
def rank(
    ctx: typer.Context,
    by: Annotated[
        RankOption,
        typer.Option(
            "--by",
            help="The pay figure to rank by, or growth (BLS projections, once imported).",
            case_sensitive=False,
        ),
    ] = RankOption.median,
    skill: Annotated[
        list[str] | None,
        skills_option(
            "--skill",
            "-s",
            "Keep only roles that ask for every skill given: commas, repeats, or both.",
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    emit(build_rank(run_of(ctx, output.limit), by, skill), output)


def build_rank(
    run: Run, by: RankOption | str = RankOption.median, skill: list[str] | None = None
) -> "Report":
    """The roles ranked by `by`, best paid first (or by their occupation's projected growth):
    only those that ask for every skill in `skill`, and only the first `run.limit`."""
    from mlcareers.ranking import rank as rank_roles
    from mlcareers.views.pay import rank_report

    by = RankOption(by)
    catalogue = run.catalogue()
    roles = catalogue.roles
    if skill:
        from mlcareers.errors import UsageError
        from mlcareers.skills import (
            find_skill,
            roles_with,
            split_skills,
            unlisted,
            vocabulary,
        )

        names = split_skills(skill)
        if not names:
            raise UsageError("--skill needs a skill name, such as --skill python")
        index = vocabulary(catalogue)
        wanted = [find_skill(index, name) for name in names]
        for one in wanted:  # a skill no role asks for: say so, and where the article names it
            if not roles_with(catalogue, roles, [one]):
                run.warn(unlisted(catalogue, one))
        roles = tuple(roles_with(catalogue, roles, wanted))
    if by is RankOption.growth:
        return _growth_report(catalogue, roles, run.limit, run.warn)
    pay = RankBy(by.value)
    return rank_report(catalogue, rank_roles(roles, pay, run.limit), pay)


def _growth_report(
    catalogue: "Catalogue",
    roles: "tuple[Role, ...]",
    limit: int | None,
    warn: Callable[[str], None],
) -> "Report":
    """The roles by their first occupation's projected growth, from the store; OfficialError
    (one line, exit 1) when no projections are stored, saying how to import them."""
    from mlcareers.official.access import read_store
    from mlcareers.official.errors import OfficialError
    from mlcareers.official.paths import HOW_TO_ADD_PROJECTIONS
    from mlcareers.ranking import rank_by_growth
    from mlcareers.views.projections import growth_report

    def unreadable() -> OfficialError:
        problem = (official.problem or "").removesuffix("; official figures are left out")
        return OfficialError(f"rank --by growth needs the official store: {problem}")

    official = read_store(warn, quiet=True)  # damage found is said here, once
    stored = official.database is not None and official.has_projections
    if official.problem:
        raise unreadable()
    if official.database is None or not stored:
        how = HOW_TO_ADD_PROJECTIONS[0].lower() + HOW_TO_ADD_PROJECTIONS[1:]
        raise OfficialError(f"rank --by growth needs BLS employment projections: {how}")
    datasets = official.database.projection_datasets()
    firsts = {role.slug: role.soc[0].code for role in roles if role.soc}
    hits = official.projections(list(firsts.values()))
    if official.problem:
        raise unreadable()
    by_code = {hit.occupation.code: hit for hit in hits}
    found = {slug: by_code[code] for slug, code in firsts.items() if code in by_code}
    growth = {
        slug: hit.projection.percent_change
        for slug, hit in found.items()
        if hit.projection.percent_change is not None
    }
    ranked = rank_by_growth(roles, growth, limit)
    unranked = {
        role: "no percent change" if role.slug in found else "no projection stored"
        for role in roles
        if role.slug not in growth
    }
    chosen = {entry.role.slug: found[entry.role.slug] for entry in ranked}
    used = list({hit.dataset.id: hit.dataset for hit in chosen.values()}.values())
    return growth_report(catalogue, ranked, chosen, unranked, used or datasets[-1:])


SHOW_HELP = """Show one role in full.

    National pay with its range bar, freelance rates, demand, the work, skills and tools
    (groups of alternatives and of examples spelled out), backgrounds, where it is applied,
    where it sits on the career ladder, and its official occupation with any imported
    official figures. --city says what the source gives for a city, and plainly when it has
    nothing for the role there.

    \b
    Examples:
      mlcareers show mlops
      mlcareers show mlops --city seattle
      mlcareers show "computer vision engineer"
      mlcareers show ds --json | jq .skills
    """


@app.command("show", help=SHOW_HELP)
@output_options()
def show(
    ctx: typer.Context,
    role: Annotated[
        str,
        role_argument("Slug, alias or title, in any case: mlops, 'MLOps engineer', ml-engineer."),
    ],
    city: CityOption = None,
    *,
    output: Output,
) -> None:
    emit(build_show(run_of(ctx, output.limit), role, city), output)


def build_show(run: Run, role: str, city: list[str] | None = None) -> "Report":
    """One role in full, with what each place in `city` pays it."""
    from mlcareers.catalogue import find_role
    from mlcareers.views.pay import show_report

    catalogue = run.catalogue()
    found = find_role(catalogue, role)
    official = read_official(run.warn)
    pays = _place_pays(catalogue, official, city or [], [found]) if city else []
    block = projected = None
    if official.database is not None:
        block = _official_block(official, found)
        projected = _projections_block(official, found)
    return show_report(catalogue, found, pays, block, projected)


def _official_block(official: "Official", role: "Role") -> "OfficialBlock":
    """The role's national official figures, from a store that exists."""
    from mlcareers.official.paths import HOW_TO_ADD, HOW_TO_ADD_WAGES
    from mlcareers.official.soc import role_soc
    from mlcareers.views.official import show_block

    stored = official.has_figures
    how = HOW_TO_ADD_WAGES if not stored and official.has_projections else HOW_TO_ADD
    return show_block(role_soc(role), official.figures(role, None), stored, how)


def _projections_block(official: "Official", role: "Role") -> "OfficialBlock":
    """The BLS Employment Projections of the role's occupations, from a store that exists."""
    from mlcareers.official.soc import role_soc
    from mlcareers.views.projections import show_block

    codes = [ref.code for ref in role.soc]
    return show_block(role_soc(role), official.projections(codes), official.has_projections)


def _place_pays(
    catalogue: "Catalogue", official: "Official", names: list[str], roles: "list[Role]"
) -> "list[PlacePay]":
    """Every role in every place named, each name resolved once, the store read once."""
    from mlcareers.official.access import place_index
    from mlcareers.views.place_pay import pay_in_place

    index = place_index(catalogue, official)
    places = list({(p.code or p.name): p for p in (index.resolve(name) for name in names)}.values())
    stored = official.has_figures
    pays = [
        pay_in_place(
            catalogue,
            place,
            role,
            official.figures(role, place.area.code) if place.area is not None else [],
            stored,
            place.area is not None,
        )
        for place in places
        for role in roles
    ]
    year = max((found.dataset.year for pay in pays for found in pay.found), default=None)
    if official.database is None or year is None:
        return pays
    from mlcareers.views.prices import prices_for

    areas = [place.area for place in places if place.area is not None]
    prices = prices_for(official.database, areas, year)
    return [pay._replace(price=prices.get(pay.place.code or "")) for pay in pays]


COMPARE_HELP = """Compare pay by city, or roles side by side.

    With no ROLE and no --city: each city's range as the source gives it, whose pay it is
    (one role, or ML pay in general), and that role's national base salary range.

    With --city: every role (or each ROLE given) beside the city's figure: the role's
    national range, and its own city range only where the source gives one. Nothing is
    estimated: where the source has no city figure for a role, it says so.

    With two or more ROLEs and no --city: their pay side by side, the difference in median
    to the first, and what only one of them asks for.

    \b
    Examples:
      mlcareers compare
      mlcareers compare --city seattle
      mlcareers compare mlops --city seattle
      mlcareers compare mlops ds cv
      mlcareers compare --city nyc --json | jq '.[].city_figure'
    """


@app.command("compare", help=COMPARE_HELP)
@output_options()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str] | None,
        role_argument("Two or more roles to put side by side; none to compare cities."),
    ] = None,
    city: CityOption = None,
    *,
    output: Output,
) -> None:
    emit(build_compare(run_of(ctx, output.limit), roles, city), output)


def build_compare(
    run: Run, roles: list[str] | None = None, city: list[str] | None = None
) -> "Report":
    """The cities' figures (no role, no city), `roles` side by side (no city), or roles'
    pay in each place of `city`."""
    from mlcareers.catalogue import find_role

    catalogue = run.catalogue()
    chosen = list(dict.fromkeys(find_role(catalogue, name) for name in roles or ()))
    if city:
        return _city_report(catalogue, city, chosen, run.warn)
    if chosen:
        from mlcareers.comparison import compare_roles
        from mlcareers.views.pay import roles_report

        return roles_report(catalogue, compare_roles(catalogue, chosen))
    from mlcareers.cities import city_figures
    from mlcareers.errors import CatalogueError
    from mlcareers.views.pay import city_overview_report

    if not catalogue.cities:
        raise CatalogueError("the catalogue has no city figures")
    return city_overview_report(catalogue, city_figures(catalogue, catalogue.cities))


def _city_report(
    catalogue: "Catalogue", names: list[str], chosen: "list[Role]", warn: Callable[[str], None]
) -> "Report":
    """Roles in the places named: the official figures where the store has them, beside the
    article's city figures, every name resolved once and the store read once."""
    from mlcareers.views.place_pay import compare_places_report

    pays = _place_pays(catalogue, read_official(warn), names, chosen or list(catalogue.roles))
    return compare_places_report(catalogue, pays)


CONVERT_HELP = """Convert an hourly rate to annual pay, or annual pay to an hourly rate.

    AMOUNT is dollars as people write them: 130599, 130,599 or $130,599, and cents after a
    point (62.79). It may say what it is paid per (62.79/h, $56/hr, 56 per hour, 130,599/yr,
    130599 a year); otherwise --per says. The basis is stated with the result: 2,080 hours a
    year (40 a week for 52 weeks) unless --hours says otherwise. The converted figure is
    derived, and marked so.

    \b
    Examples:
      mlcareers convert '$130,599' --per year
      mlcareers convert 62.79/h
      mlcareers convert '56 per hour' --hours 1800 --json
    """


@app.command("convert", help=CONVERT_HELP)
@output_options()
def convert(
    amount: Annotated[
        str,
        typer.Argument(
            metavar="AMOUNT",
            help="A positive sum of US dollars, optionally per hour or year: $130,599, 62.79/h.",
            show_default=False,
        ),
    ],
    per: Annotated[
        Per | None,
        typer.Option(
            "--per",
            help="What AMOUNT is paid per, when AMOUNT does not say.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    hours: Annotated[
        int, typer.Option("--hours", metavar="N", help="Working hours in a year.")
    ] = 2080,
    *,
    output: Output,
) -> None:
    from mlcareers.pay import amount_per
    from mlcareers.pay import convert as convert_pay
    from mlcareers.views.pay import convert_report

    value, paid_per = amount_per(amount, per)
    emit(convert_report(convert_pay(value, paid_per, hours)), output)
