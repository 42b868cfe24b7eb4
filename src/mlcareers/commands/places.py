"""Commands about places in the official statistics: where a role pays most, how its pay
moved over the survey years, and which places the store holds (`official areas`)."""

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.commands.common import Run, completer, role_argument, run_of
from mlcareers.options import Output, emit, output_options
from mlcareers.views.places import WhereBy

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.official.database import Database
    from mlcareers.report import Report

app = typer.Typer()


class Kind(enum.StrEnum):
    """Which kind of area `where` ranks."""

    metro = "metro"
    state = "state"
    nonmetro = "nonmetro"
    all = "all"


KINDS = {
    Kind.metro: frozenset({"metro"}),
    Kind.state: frozenset({"state", "territory"}),
    Kind.nonmetro: frozenset({"nonmetro"}),
    Kind.all: frozenset({"metro", "state", "territory", "nonmetro"}),
}

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="'May 2024'",
        help="A stored survey period ('May 2024' or 2024); the latest by default.",
        show_default=False,
    ),
]
SocOption = Annotated[
    str | None,
    typer.Option(
        "--soc",
        metavar="CODE",
        help="Which of the role's occupations (SOC code); its first by default.",
        show_default=False,
    ),
]

WHERE_HELP = """Rank the places by what a role's occupation pays there, from the official survey.

    Needs imported OEWS figures (see 'mlcareers official import'). Metro areas by default,
    highest annual median first; employment, jobs per 1,000 and the location quotient stand
    beside the wage percentiles. The nation is a reference line, not ranked. A role mapped to
    several occupations (SOC codes) uses its first unless --soc says otherwise; figures of
    different occupations are never averaged. A suppressed figure sorts last; a top-coded one
    (≥) sorts as the survey's cap and says so.

    \b
    Examples:
      mlcareers where mlops
      mlcareers where ds --by p90 --limit 10
      mlcareers where ml-engineer --soc 15-1252 --kind state
      mlcareers where ds --state TX --min-employment 500
      mlcareers where ds --json | jq -r '.areas[] | "\\(.area.title): \\(.annual.median)"'
    """


@app.command("where", help=WHERE_HELP)
@output_options(limit_help="Show only the top N places.")
def where(
    ctx: typer.Context,
    role: Annotated[str, role_argument("The role: slug, alias or title, in any case.")],
    by: Annotated[
        WhereBy,
        typer.Option(
            "--by",
            help="The figure to rank by; adjusted-median: the median in US-average prices "
            "(derived, from imported BEA price parities).",
            case_sensitive=False,
        ),
    ] = WhereBy.median,
    kind: Annotated[
        Kind, typer.Option("--kind", help="Which kind of area to rank.", case_sensitive=False)
    ] = Kind.metro,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="ST",
            help="Only areas in this state (TX or Texas).",
            show_default=False,
        ),
    ] = None,
    min_employment: Annotated[
        int | None,
        typer.Option(
            "--min-employment",
            min=0,
            metavar="N",
            help="Only areas where at least N are employed in the occupation.",
            show_default=False,
        ),
    ] = None,
    period: PeriodOption = None,
    soc: SocOption = None,
    *,
    output: Output,
) -> None:
    run = run_of(ctx, output.limit)
    emit(build_where(run, role, by, kind, state, min_employment, period, soc), output)


def build_where(
    run: Run,
    role: str,
    by: WhereBy | str = WhereBy.median,
    kind: Kind | str = Kind.metro,
    state: str | None = None,
    min_employment: int | None = None,
    period: str | None = None,
    soc: str | None = None,
) -> "Report":
    """The places of `kind` ranked by what `role`'s occupation pays there, by `by`: only those
    in `state` and employing at least `min_employment`, and only the first `run.limit`."""
    from mlcareers.official.access import Official, period_of
    from mlcareers.official.places import state_code
    from mlcareers.official.soc import role_soc
    from mlcareers.views.places import WhereQuery, where_report

    by, kind = WhereBy(by), Kind(kind)
    wanted_state = state_code(state) if state is not None else None
    _, found_role, code, database = _asked(run, role, soc)
    chosen = period_of(Official(database), period)
    periods = [chosen] if chosen else database.periods()
    figures = []
    for candidate in periods:
        figures = database.ranked(code, candidate)
        if figures:
            chosen = candidate
            break
    if not figures or chosen is None:
        from mlcareers.official.errors import OfficialError

        within = f" in {chosen}" if chosen else ""
        raise OfficialError(
            f"the store has no figure for {code}{within}; 'mlcareers official list' shows what "
            "is stored"
        )
    national = next((found for found in figures if found.area.kind == "nation"), None)
    kinds = KINDS[kind]
    kept = [
        found
        for found in figures
        if found.area.kind in kinds
        and (wanted_state is None or wanted_state in found.area.states)
        and (min_employment is None or _employment(found) >= min_employment)
    ]
    total = sum(1 for found in figures if found.area.kind in kinds)
    query = WhereQuery(
        role_soc(found_role), code, chosen, by, kind.value, wanted_state, min_employment
    )
    from mlcareers.views.prices import prices_for

    year = max((found.dataset.year for found in figures), default=0)
    prices = prices_for(database, [found.area for found in figures], year)
    if by is WhereBy.adjusted_median and not prices:
        from mlcareers.official.errors import OfficialError

        if any(info.source == "rpp" for info in database.datasets()):
            raise OfficialError(
                f"where --by adjusted-median: no stored price parity is for {year} or before, "
                "for any of these places; import a parity table that covers them (see "
                "'mlcareers official sources')"
            )
        raise OfficialError(
            "where --by adjusted-median needs BEA regional price parities: download MARPP.zip "
            "(see 'mlcareers official sources') and run 'mlcareers official import MARPP.zip'"
        )
    report = where_report(query, kept, national, total, run.limit, prices)
    if not kept:
        run.warn("no place passes the filters; loosen --state, --kind or --min-employment")
    return report


def _employment(found: "object") -> int:
    employment = getattr(getattr(found, "figure", None), "employment", None)
    return employment if isinstance(employment, int) else -1


def _asked(run: Run, name: str, soc: str | None) -> tuple["Catalogue", "Role", str, "Database"]:
    """The catalogue, the role named, the occupation asked for, and the store they need."""
    from mlcareers.catalogue import find_role

    catalogue = run.catalogue()
    role = find_role(catalogue, name)
    return catalogue, role, _occupation(role, soc), _database(run.warn)


def _occupation(role: "Role", soc: str | None) -> str:
    """The role's occupation `soc` names, or its first; UsageError when it has none."""
    from mlcareers.errors import UsageError

    codes = [occupation.code for occupation in role.soc]
    if not codes:
        raise UsageError(f"{role.title} maps to no SOC occupation, so no official figure fits it")
    if soc is None:
        return codes[0]
    wanted = soc.strip()
    if wanted not in codes:
        raise UsageError(
            f"--soc {wanted!r} is not one of {role.title}'s occupations: {', '.join(codes)}"
        )
    return wanted


def _database(warn: Callable[[str], None]) -> "Database":
    """The store, which these commands cannot answer without: OfficialError when none."""
    from mlcareers.official.access import read_store
    from mlcareers.official.errors import OfficialError
    from mlcareers.official.paths import HOW_TO_ADD, HOW_TO_ADD_WAGES

    official = read_store(warn)
    if official.problem:
        raise OfficialError(official.problem.removesuffix("; official figures are left out"))
    if official.database is None or not official.has_figures:
        how = HOW_TO_ADD_WAGES if official.has_projections else HOW_TO_ADD
        raise OfficialError(how[0].lower() + how[1:])
    return official.database


TREND_HELP = """Show a role's official wage percentiles and employment in each survey period.

    The nation by default, or one place with --city. Wages are nominal dollars, as published.
    Older periods join only through the BLS crosswalk of occupation codes, marked derived; a
    period with no comparable code is a gap, never filled in.

    \b
    Examples:
      mlcareers trend ds
      mlcareers trend mlops --city seattle
      mlcareers trend ds --json | jq -r '.periods[] | "\\(.period): \\(.annual.median)"'
    """


@app.command("trend", help=TREND_HELP)
@output_options()
def trend(
    ctx: typer.Context,
    role: Annotated[str, role_argument("The role: slug, alias or title, in any case.")],
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            "-c",
            metavar="PLACE",
            help="A place: city, metro, state, code ('Austin, TX', 12420, texas).",
            autocompletion=completer("city"),
            show_default=False,
        ),
    ] = None,
    soc: SocOption = None,
    *,
    output: Output,
) -> None:
    emit(build_trend(run_of(ctx, output.limit), role, city, soc), output)


def build_trend(run: Run, role: str, city: str | None = None, soc: str | None = None) -> "Report":
    """`role`'s official figures in each stored survey period, nationally or in `city`."""
    from mlcareers.official.access import Official, place_index
    from mlcareers.official.crosswalk import codes_for, comparable, old_code
    from mlcareers.official.soc import role_soc
    from mlcareers.views.places import Year, trend_report

    catalogue, found_role, code, database = _asked(run, role, soc)
    area_code = None
    place_name = "U.S."
    if city is not None:
        place = place_index(catalogue, Official(database)).resolve(city)
        if place.area is None:
            from mlcareers.official.errors import OfficialError

            raise OfficialError(f"the store has no figures for {place.label}")
        area_code, place_name = place.area.code, place.label
    history = database.history(codes_for(code), area_code)
    years = []
    for period in sorted(database.periods(), key=lambda text: int(text.split()[-1])):
        year = int(period.split()[-1])
        own = next(
            (f for f in history if f.dataset.period == period and f.occupation.code == code), None
        )
        old = old_code(code, year)
        mapped = None
        if own is None and old is not None:
            mapped = next(
                (
                    f
                    for f in history
                    if f.dataset.period == period and f.occupation.code == old.code
                ),
                None,
            )
        years.append(
            Year(
                period,
                own or mapped,
                old if own is None and mapped else None,
                comparable(code, year),
            )
        )
    return trend_report(role_soc(found_role), code, place_name, years)


AREAS_HELP = """List the places the official store holds, or those matching TERM.

    Each with its code, title, kind (nation, state, territory, metro, nonmetro), state(s),
    survey period(s) and how many of the catalogue's roles have a figure there. Any of these
    names works wherever a command takes a place.

    \b
    Examples:
      mlcareers official areas
      mlcareers official areas austin
      mlcareers official areas --json | jq -r '.[] | select(.kind == "state") | .title'
    """


@output_options()
def areas(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="TERM", help="Only places whose name holds this.", show_default=False
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    emit(build_areas(run_of(ctx, output.limit), term), output)


def build_areas(run: Run, term: str | None = None) -> "Report":
    """The places the store holds, or those whose name holds `term`."""
    from mlcareers.official.places import fold
    from mlcareers.views.places import areas_report

    catalogue = run.catalogue()
    database = _database(run.warn)
    stored = database.areas()
    if term is not None:
        wanted = fold(term)
        stored = [
            area
            for area in stored
            if wanted in fold(area.title)
            or wanted == area.code.lstrip("0")
            or wanted in (fold(s) for s in area.states)
        ]
        if not stored:
            run.warn(f"no stored place's name holds {term!r}")
    codes = {occupation.code for role in catalogue.roles for occupation in role.soc}
    present = database.socs_by_area(codes)
    roles = {
        area.code: sum(
            1
            for role in catalogue.roles
            if any(o.code in present.get(area.code, set()) for o in role.soc)
        )
        for area in stored
    }
    periods = {area.code: area.periods for area in stored}
    return areas_report(stored, periods, roles, len(catalogue.roles), term)
