"""Commands about official statistics: import BLS OEWS spreadsheets, list, remove and clear
what the store holds."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.commands.common import catalogue_of, warn
from mlcareers.commands.places import AREAS_HELP, areas
from mlcareers.errors import UsageError
from mlcareers.interrupts import held
from mlcareers.options import Output, emit, output_options

if TYPE_CHECKING:
    from mlcareers.official.database import Database, DatasetInfo, Staged
    from mlcareers.official.leftovers import Freed
    from mlcareers.official.sheets import Spreadsheet
    from mlcareers.official.table import Progress

INTERRUPTED = 130
"""The exit status of a command ended by Ctrl-C (128 + SIGINT), as shells report it."""

# Help is given explicitly, not read from docstrings: under python -OO those vanish.
IMPORT_HELP = """Import OEWS spreadsheets, or the zip files BLS serves, into the local store.

    Keeps every cross-industry, all-owner occupation row: employment, jobs per 1,000, the
    location quotient, and annual and hourly wages. BLS's zip downloads (oesm24ma.zip) are read
    as they come. BLS Employment Projections' occupation.xlsx is recognised by its Table 1.2:
    each detailed occupation's employment in the base and target years, change, openings a
    year (thousands kept as counts), for the period its header names (2024-34). All files are
    read first and then stored in one step: a file that fails, or Ctrl-C, leaves the store as
    it was. An OEWS file replaces what is stored for its period and the same kinds of places
    (the nation, states, territories, metro or nonmetro areas: BLS's national, state, MSA and
    BOS files each hold their own), whatever its name, and says so; files of other kinds sit
    beside it. Projections replace those of the same period. The store lives in the user
    data directory; MLCAREERS_HOME overrides it.

    A URL (http or https; 'mlcareers official sources' lists where each file is served) is
    downloaded first, into 'downloads' in the user data directory, and kept: importing it
    again downloads it only if the server says it changed. BLS refuses downloads that do not
    say who to contact: set MLCAREERS_CONTACT to your email address, sent in the User-Agent.
    MLCAREERS_HTTP_TIMEOUT sets the seconds to wait for the server (30).

    \b
    Examples:
      mlcareers official import ~/Downloads/oesm24ma.zip ~/Downloads/oesm24nat.zip
      mlcareers official import MSA_M2024_dl.xlsx national_M2024_dl.xlsx
      mlcareers official import oews.csv --period 'May 2024'
      mlcareers official import occupation.xlsx
      MLCAREERS_CONTACT=you@example.com mlcareers official import \\
        https://www.bls.gov/oes/special-requests/oesm24ma.zip
    """


SOURCES_HELP = """List where the official files can be downloaded, to import them by URL.

    Each dataset's download locations, with the rule for the year in its name: an OEWS file
    is named for the May survey year, two digits (oesm24ma.zip is May 2024). The locations
    are written down in mlcareers, not looked up: nothing is fetched.

    \b
    Examples:
      mlcareers official sources
      mlcareers official sources --json | jq -r '.[].url'
    """

LIST_HELP = """Show what the store of official figures holds.

    For each imported file: its survey period, areas, occupations and rows.

    \b
    Examples:
      mlcareers official list
      mlcareers official list --json | jq '.files[].period'
    """

REMOVE_HELP = """Remove imported files from the store: by file name, or every file of a period.

    A survey period ('May 2023' or 2023) names OEWS files; a projections period (2024-34)
    names the BLS Employment Projections of those years. A name that several stored files
    share (oews.csv imported for May 2023 and for May 2024, or a national and a metro
    oews.csv) is refused, removing nothing: --period or --places says which.

    \b
    Examples:
      mlcareers official remove MSA_M2023_dl.xlsx
      mlcareers official remove oesm23ma.zip
      mlcareers official remove oews.csv --period 'May 2023'
      mlcareers official remove 'May 2023'
      mlcareers official remove 2024-34
    """

CLEAR_HELP = """Empty the store of official figures (also when it is corrupt).

    The files `official import URL` downloaded and kept (in `downloads` beside the store) are
    removed too, and the temporary files that killed runs left behind (never one that a
    running mlcareers still writes). Asks first on a terminal; --yes skips the question (and
    is needed where none can be asked).

    \b
    Examples:
      mlcareers official clear
      mlcareers official clear --yes
    """


app = typer.Typer(
    name="official",
    help=(
        "Official statistics (BLS OEWS wages, BLS employment projections): import them, list "
        "what and where, remove or clear them.\n\n"
        "The US Bureau of Labor Statistics' wage survey (OEWS) and its occupational "
        "projections (occupation.xlsx), imported from its spreadsheets and kept beside the "
        "article's figures, each apart from the other.\n\n"
        "\b\nExamples:\n"
        "  mlcareers official import oesm24ma.zip national_M2024_dl.xlsx\n"
        "  mlcareers official sources\n"
        "  mlcareers official list\n"
        "  mlcareers official areas austin\n"
        "  mlcareers where mlops"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


app.command("areas", help=AREAS_HELP)(areas)


def _say(message: str) -> None:
    """A line on stderr that is not a warning: what a command did."""
    from mlcareers.clean import clean

    sys.stderr.write(f"mlcareers: {clean(message)}\n")


class _Changes:
    """The database a command changes, once opened, and whether its change was committed;
    `removed` once the command removed files of the store's (a store that cannot be read)."""

    database: Database | None = None
    removed: bool = False

    @property
    def made(self) -> bool:
        """Whether the store is no longer as it was."""
        return self.removed or (self.database is not None and self.database.changes > 0)


@contextlib.contextmanager
def _interruptible(what: str) -> Iterator[_Changes]:
    """Ctrl-C ends the command with one line and status 130, SIGTERM with one line and
    status 143 (the console script turns it into Terminated). The store changes in one
    transaction or not at all: the line says which happened. It covers the whole command,
    what it prints after the change too: a Ctrl-C there still says the store changed."""
    from mlcareers.interrupts import TERMINATED, Terminated

    changes = _Changes()
    try:
        yield changes
    except (KeyboardInterrupt, Terminated) as stop:
        ctrl_c = isinstance(stop, KeyboardInterrupt)
        ended = "interrupted" if ctrl_c else "terminated (SIGTERM)"
        if changes.made:
            _say(f"{what} {ended}, after the official statistics store was changed")
        else:
            _say(f"{what} {ended}: the official statistics store is as it was")
        raise typer.Exit(INTERRUPTED if ctrl_c else TERMINATED) from None


@app.command("import", help=IMPORT_HELP)
@output_options(records=False)
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE|URL",
            help=(
                "OEWS spreadsheets as BLS publishes them (XLSX, or XLS before May 2014), its zip "
                "downloads, or CSV with the same header; BLS Employment Projections' "
                "occupation.xlsx; on disk, or an http(s) URL to download."
            ),
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="'May 2024'",
            help=(
                "The OEWS survey period, when the file name does not say it (_M2024_, oesm24); "
                "projections take theirs from their header."
            ),
            show_default=False,
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    from mlcareers.official import oews
    from mlcareers.official.database import open_for_writing
    from mlcareers.official.soc import codes_of
    from mlcareers.views.store import import_report

    if any(not name.strip() for name in files):
        raise UsageError("a file name must not be empty")
    if period is not None:
        oews.period_given(period)  # a mistake shows at once, before any file is opened
    names = list(dict.fromkeys(files))
    urls = _urls(names)  # a URL that cannot be downloaded shows at once, too
    codes = codes_of(catalogue_of(ctx).roles)
    with _interruptible("import") as changes:
        database = open_for_writing(notify=_say)  # a corrupt store is said before any reading
        changes.database = database
        with database:
            paths = [_download(urls[name]) if name in urls else Path(name) for name in names]
            stored = _import(database, paths, period)
            occupations = {info.id: database.occupations(info.id) for info, _ in stored}
        for _, entry in stored:
            if codes and entry.source != "rpp" and not set(codes) & entry.occupations:
                warn(
                    f"{entry.file}: none of the catalogue's occupations ({', '.join(codes)}) is "
                    "in it; the commands that show official pay will find nothing from it"
                )
        results = [(info, entry.stats) for info, entry in stored]
        emit(import_report(results, occupations, database.path), output)


def _urls(names: Sequence[str]) -> dict[str, str]:
    """The names that are URLs, each with the URL as it will be requested; UsageError for one
    that is not http or https."""
    from mlcareers.official import urls

    return {name: urls.check_url(name) for name in names if urls.is_url(name)}


def _download(url: str) -> Path:
    """The file at `url`, downloaded (with a progress bar on a terminal), or the copy kept
    from before when the server says it has not changed."""
    from mlcareers.official import download, urls

    name = urls.safe_name(url) or url
    said: list[str] = []  # told once the bar is gone: a line printed under a bar is wrapped
    with _progress(name, "download") as progress:
        path = download.fetch(url, progress=progress, notify=said.append)
    for line in said:
        _say(line)
    return path


def _import(
    database: Database, files: Sequence[Path], period: str | None
) -> list[tuple[DatasetInfo, Staged]]:
    """Read every spreadsheet the files are or hold, then store them all at once."""
    from mlcareers.official import oews, parities, sheets
    from mlcareers.official.errors import SpreadsheetError
    from mlcareers.official.table import NoDataSheetError

    with contextlib.ExitStack() as stack:
        found: list[tuple[Spreadsheet, str | SpreadsheetError]] = []
        for file in files:
            for spreadsheet in stack.enter_context(sheets.spreadsheets(file, _say)):
                # Every OEWS period before any file is read, so that a mistake shows at once.
                # A name that gives none may be a projections workbook (whose period is in
                # its header): those are read first, and the mistake said if it is not one.
                try:
                    when: str | SpreadsheetError = oews.period_of(
                        spreadsheet.named, period, spreadsheet.archive
                    )
                except SpreadsheetError as error:
                    when = error
                found.append((spreadsheet, when))
        found.sort(key=lambda pair: isinstance(pair[1], str))
        job = database.begin_import()
        staged: list[Staged] = []
        skipped: dict[Path, list[str]] = {}
        for spreadsheet, when in found:
            if parities.looks_like_parities(spreadsheet.path):
                prices = parities.read_parities(spreadsheet.path, spreadsheet.where)
                staged.append(job.add_parities(spreadsheet, prices))
                continue
            with _progress(spreadsheet.name) as progress:
                try:
                    table = sheets.open_table(spreadsheet.path, progress, spreadsheet.where)
                except NoDataSheetError:
                    if spreadsheet.archive is None:
                        raise
                    skipped.setdefault(spreadsheet.archive, []).append(spreadsheet.name)
                    continue
                if table.kind == "ep":
                    staged.append(job.add_projections(spreadsheet, table, progress))
                    continue
                if isinstance(when, SpreadsheetError):
                    raise when
                staged.append(job.add(spreadsheet, when, table, progress))
        for archive, names in skipped.items():
            if not any(entry.archive == archive.name for entry in staged):
                raise SpreadsheetError(
                    f"{archive}: no spreadsheet in it has an OCC_CODE column nor is Table 1.2 "
                    f"of BLS Employment Projections ({', '.join(names)}); is it an OEWS "
                    "download, or one of BLS Employment Projections?"
                )
        with _storing():
            return job.commit(notify=_say)


@app.command("sources", help=SOURCES_HELP)
@output_options()
def sources(*, output: Output) -> None:
    from mlcareers.official.sources import LOCATIONS
    from mlcareers.views.sources import sources_report

    emit(sources_report(LOCATIONS), output)


@app.command("list", help=LIST_HELP)
@output_options(records=False)
def list_store(*, output: Output) -> None:
    from mlcareers.official import paths
    from mlcareers.official.database import open_store
    from mlcareers.views.store import list_report

    path = paths.database_path()
    database = open_store(path, notify=_say)
    if database is None:
        emit(list_report([], {}, path), output)
        return
    with database:
        datasets = database.datasets()
        partly = database.check_listable()  # a newer mlcareers wrote it: error, or a warning
        if partly is not None:
            from mlcareers.commands.common import warn

            warn(partly)
        occupations = {info.id: database.occupations(info.id) for info in datasets}
    emit(list_report(datasets, occupations, path), output)


@app.command("remove", help=REMOVE_HELP)
def remove(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE|PERIOD",
            help=(
                "An imported file's name (or its zip's), or a period: 'May 2024' or 2024 for "
                "OEWS, 2024-34 for projections."
            ),
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help=(
                "Only the files of this period ('May 2023', 2023 or 2024-34): says which, "
                "when files of more than one period share a name."
            ),
            show_default=False,
        ),
    ] = None,
    places: Annotated[
        str | None,
        typer.Option(
            "--places",
            metavar="PLACES",
            help=(
                "Only the files holding these places, as official list's Places column says "
                "them: nation, states, territories, metros, nonmetro, or several joined by "
                "commas ('nation, states'). Says which, when files of one name and period "
                "hold different places."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from mlcareers.official import paths
    from mlcareers.official.database import open_store

    of_period = _period_named(period) if period is not None else None
    if period is not None and of_period is None:
        raise UsageError(
            f"--period {period!r}: give a period: 'May 2024' or 2024 for OEWS, 2024-34 for "
            "projections"
        )
    import shlex

    kinds = _place_kinds(places) if places is not None else None
    narrowing = " ".join(
        f"{option} {shlex.quote(value)}"
        for option, value in (("--period", period), ("--places", places))
        if value is not None
    )
    path = paths.database_path()
    with _interruptible("remove") as changes:
        database = changes.database = open_store(path, notify=_say)
        stored = database.datasets() if database is not None else []
        chosen: dict[int, DatasetInfo] = {}
        for target in targets:
            matches, by_name = _matching(stored, target)
            if of_period is not None:
                matches = [info for info in matches if of_period(info)]
            if kinds is not None:
                matches = [info for info in matches if frozenset(info.kinds) == kinds]
            if not matches:
                raise UsageError(_nothing_matches(target, stored, narrowing))
            if by_name and _several_files(target, matches):
                raise UsageError(_names_several(target, matches, narrowing))
            chosen.update((info.id, info) for info in matches)
        assert database is not None  # something matched
        with database:
            database.remove(list(chosen), notify=_say)
        shown = ", ".join(_described(info, places=_twin(info, stored)) for info in chosen.values())
        _say(f"removed {shown} from the official statistics store {path}")


def _matching(stored: Sequence[DatasetInfo], target: str) -> tuple[list[DatasetInfo], bool]:
    """The datasets a name stands for: a file's name, its zip's, or a period; and whether it
    was taken for a name (a period names what it names, however many files)."""
    wanted = target.strip()
    if "/" in wanted or "\\" in wanted:  # a path to the file: its name is what is stored
        wanted = Path(wanted).name
    by_name = [info for info in stored if wanted in (info.file, info.archive)]
    if by_name:
        return by_name, True
    folded = wanted.casefold()
    by_name = [info for info in stored if folded in (info.file.casefold(), _fold(info.archive))]
    if by_name:
        return by_name, True
    of_period = _period_named(wanted)
    if of_period is None:
        return [], True
    return [info for info in stored if of_period(info)], False


def _period_named(text: str) -> Callable[[DatasetInfo], bool] | None:
    """Which datasets a period names: 'May 2024' or 2024, OEWS files; 2024-34 (any dash) or
    2024-2034, projections, or price parities of those years. None when `text` is not a
    period (2024-2134 is none: the end is within a century after the start)."""
    folded = " ".join(text.casefold().split())
    span = _PERIOD_SPAN.fullmatch(folded)
    if span is not None:
        base, written = int(span.group(1)), span.group(2)
        end = int(written) if len(written) == 4 else base - base % 100 + int(written)
        if len(written) == 2 and end < base:
            end += 100  # 1998-05 is 1998 to 2005
        if not base <= end < base + 100:
            return None
        return lambda info: (
            (info.source == "ep" and info.year == base and info.target_year == end)
            or (info.source == "rpp" and info.period == f"{base}\u2013{end}")
        )
    survey = _SURVEY_YEAR.fullmatch(folded)
    if survey is not None:
        year = int(survey.group(1))
        return lambda info: info.source == "oews" and info.year == year
    return None


_PERIOD_SPAN = re.compile(r"(\d{4})\s*[-\u2010-\u2015]\s*(\d{2}|\d{4})")
_SURVEY_YEAR = re.compile(r"(?:may )?([0-9]{4})")


def _fold(name: str | None) -> str | None:
    return name.casefold() if name is not None else None


def _described(info: DatasetInfo, *, places: bool = False) -> str:
    """'MSA_M2024_dl.xlsx from oesm24ma.zip (May 2024)'; with `places`, the places it holds
    too, as the list says them: 'oews.csv (May 2024, metros)'."""
    holds = _places_of(info) if places else ""
    when = f"{info.period}, {holds}" if holds else info.period
    return info.file + (f" from {info.archive}" if info.archive else "") + f" ({when})"


def _nothing_matches(target: str, stored: Sequence[DatasetInfo], narrowing: str) -> str:
    if not stored:
        return f"nothing is stored, so {target!r} names nothing to remove"
    of = f" with {narrowing}" if narrowing else ""
    listed = "; ".join(_described(info, places=_twin(info, stored)) for info in stored)
    return f"nothing stored matches {target!r}{of}; stored: {listed}"


def _twin(info: DatasetInfo, stored: Sequence[DatasetInfo]) -> bool:
    """Whether another stored file has this one's name and period: its places then tell them
    apart where a line names it."""
    return any(o.file == info.file and o.period == info.period and o != info for o in stored)


def _several_files(target: str, matches: Sequence[DatasetInfo]) -> bool:
    """Whether a name stands for more than one stored file: two files of that name (of two
    periods, or of one period holding different places), or the files of two imports of zips
    of that name, or a zip's files of two periods. The files of one zip imported once, of one
    period, are what its name names, however many."""
    if len(matches) == 1:
        return False
    wanted = Path(target.strip()).name.casefold()
    one_zip = all(_fold(info.archive) == wanted for info in matches)
    imports = {info.imported_at for info in matches}
    return not (one_zip and len(imports) == 1 and len({info.period for info in matches}) == 1)


def _names_several(target: str, matches: Sequence[DatasetInfo], narrowing: str) -> str:
    """Why a name that stands for several stored files removes nothing, and how to say which:
    a wrong guess would lose a period's figures, or a level's."""
    import shlex

    periods = list(dict.fromkeys(info.period for info in matches))
    described = [_described(info, places=True) for info in matches]
    listed = ", ".join(described[:-1]) + f" and {described[-1]}"
    first = matches[0]
    start = f"{target!r} names {len(matches)} stored files, {listed}: nothing was removed"
    if len(periods) > 1:
        option, value = "--period", first.period
    elif len({info.kinds for info in matches}) > 1:
        option, value = "--places", _places_of(first)
    elif first.archive is not None and len({info.imported_at for info in matches}) == 1:
        # One zip's files of one period and the same places: only its name says them all.
        return (
            f"{start}; they came in one zip: mlcareers official remove {shlex.quote(first.archive)}"
        )
    else:
        return f"{start}; --period and --places cannot tell them apart"
    example = " ".join(filter(None, (shlex.quote(target), narrowing, option, shlex.quote(value))))
    return (
        f"{start}; say which with --period or --places, as in: mlcareers official remove {example}"
    )


def _places_of(info: DatasetInfo) -> str:
    """The places a file holds, as the list's Places column says them: 'nation, states'."""
    from mlcareers.views.store import PLACE_LABELS

    return ", ".join(PLACE_LABELS[kind] for kind in info.kinds)


def _place_kinds(given: str) -> frozenset[str]:
    """The kinds of places --places names: the Places column's words (or their singulars),
    joined by commas or 'and'."""
    from mlcareers.views.store import PLACE_LABELS

    words = [" ".join(word.split()) for word in re.split(r",|\band\b", given.casefold())]
    kinds = set()
    for word in words:
        kind = next(
            (kind for kind, label in PLACE_LABELS.items() if word in (kind, label, f"{kind}s")),
            None,
        )
        if kind is None:
            raise UsageError(
                f"--places {given!r}: give the places as official list's Places column says "
                f"them: {', '.join(PLACE_LABELS.values())}, or several joined by commas"
            )
        kinds.add(kind)
    return frozenset(kinds)


@app.command("clear", help=CLEAR_HELP)
def clear_store(
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Clear without asking.", show_default=False),
    ] = False,
) -> None:
    from mlcareers.official import paths
    from mlcareers.official.database import discard, open_store
    from mlcareers.official.download_cache import count_downloads, downloads_folder
    from mlcareers.official.errors import CorruptStoreError

    path = paths.database_path()
    legacy = paths.legacy_path(path)
    folder = downloads_folder()
    named = path  # the file clear names: the store, or the 2.0 store it could not read
    with _interruptible("clear") as changes:
        problem: str | None = None
        try:
            database = changes.database = open_store(path, notify=_say)
        except CorruptStoreError as error:
            database, problem = None, error.detail
        with database or contextlib.nullcontext():
            count: int | None = 0 if database is None and problem is None else None
            if database is not None:
                try:  # a store damaged past its opening is cleared as one that cannot open
                    count = len(database.datasets())
                except CorruptStoreError as error:
                    problem = error.detail
                else:
                    database.check_writable()
            downloads = count_downloads(folder)
            kept = f"{downloads} download{'' if downloads == 1 else 's'} kept in {folder}"
            if count != 0 or downloads:
                if not yes:
                    _confirm(_clear_question(path, count, kept if downloads else None))
                if database is not None and count:
                    database.clear(notify=_say)
                elif count is None:
                    if database is not None:
                        database.close()
                    named = path if _exists(path) else legacy
                    with held():  # so that the line says the store was removed
                        discard(named)
                        changes.removed = True
        done = _cleared(named, count, problem)
        if downloads:
            _remove_downloads(folder, done)
            done += f"; removed the {kept}"
        freed = _remove_leftovers(path)
        if freed:
            done += f"; {freed.said()}"
        _say(done)


def _remove_leftovers(path: Path) -> Freed:
    """What interrupted runs left beside the store at `path`, in the temporary directory and
    in the downloads folder, removed (see official/leftovers.py: never what a live run is
    still writing)."""
    from mlcareers.official import leftovers
    from mlcareers.official.download_cache import FOLDER

    return leftovers.sweep_all(path, path.parent / FOLDER)


def _files(count: int) -> str:
    return f"{count} imported file{'' if count == 1 else 's'}"


def _clear_question(path: Path, count: int | None, kept: str | None) -> str:
    """What clear asks before it empties the store (holding `count` files, None when it
    cannot be read) and removes the downloads (`kept`, when there are any)."""
    if count == 0:
        return f"Remove the {kept} (the official statistics store {path} is already empty)?"
    what = "it cannot be read" if count is None else _files(count)
    also = f" and remove the {kept}" if kept else ""
    return f"Empty the official statistics store {path} ({what}){also}?"


def _cleared(path: Path, count: int | None, problem: str | None) -> str:
    """What clear did to the store, which held `count` files (None: it could not be read)."""
    if count == 0:
        return f"the official statistics store {path} is already empty"
    what = f"it could not be read: {problem}" if count is None else _files(count)
    return f"cleared the official statistics store {path} ({what})"


def _remove_downloads(folder: Path, done: str) -> None:
    """Remove the kept downloads, after the store: OfficialError saying what was done and
    what is left when they cannot all be removed."""
    from mlcareers.official.download_cache import remove_downloads
    from mlcareers.official.errors import OfficialError

    try:
        remove_downloads(folder)
    except OSError as error:
        where = error.filename or folder
        raise OfficialError(
            f"{done}, but the downloads in {folder} were kept: cannot remove {where} "
            f"({error.strerror or error}); remove them by hand"
        ) from None


def _exists(path: Path) -> bool:
    import os

    return os.path.lexists(path)


def can_ask() -> bool:
    """Whether a person can be asked: standard input is a terminal."""
    stdin = sys.stdin
    try:
        return stdin is not None and stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _confirm(question: str) -> None:
    """Ask on the terminal; exit 2 where none can be asked, 1 when the answer is no."""
    from mlcareers.clean import clean

    if not can_ask():
        raise UsageError(
            "clear empties the store only once asked, and there is no terminal to ask on: "
            "pass --yes to clear it"
        )
    sys.stderr.write(f"{clean(question)} [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if answer.strip().casefold() not in ("y", "yes"):
        _say("nothing was cleared")
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(name: str, first: str = "load") -> Iterator[Progress | None]:
    """A progress bar on a terminal's stderr while a file is downloaded or read (percent and
    time left), starting at stage `first`; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from mlcareers.clean import clean

    shown = clean(name)
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        stages = {
            "download": f"Downloading {shown}",
            "load": f"Loading {shown}",
            "rows": f"Reading {shown}",
        }
        task = bar.add_task(stages.get(first, shown), total=None)
        current = [first]

        def advance(stage: str, done: int, total: int | None) -> None:
            if stage != current[0]:
                current[0] = stage
                bar.reset(task, description=stages.get(stage, shown), total=total)
            bar.update(task, completed=done, total=total)

        yield advance


@contextlib.contextmanager
def _storing() -> Iterator[None]:
    """A line on a terminal while the files read are stored (a few seconds for a big one)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status("Storing in the official statistics store"):
        yield
