"""Commands about official statistics: import BLS OEWS spreadsheets, list and clear the store."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.commands.common import catalogue_of, warn
from mlcareers.errors import UsageError
from mlcareers.options import Output, emit, output_options

if TYPE_CHECKING:
    from mlcareers.official.models import Dataset
    from mlcareers.official.oews import ImportStats, Progress

# Help is given explicitly, not read from docstrings: under python -OO those vanish.
IMPORT_HELP = """Import OEWS spreadsheets into the local store of official figures.

    Keeps the cross-industry, all-owner rows of the occupations the catalogue's roles map to.
    Every file is read before the store is written, at once: a file that fails, or Ctrl-C,
    leaves the store as it was. Importing a file again replaces what it gave before. The
    store lives in the user data directory; MLCAREERS_HOME overrides it.

    \b
    Examples:
      mlcareers official import ~/Downloads/MSA_M2024_dl.xlsx
      mlcareers official import all_data_M_2024.xlsx
      mlcareers official import oews.csv --period 'May 2024'
    """

LIST_HELP = """Show what the store of official figures holds.

    For each imported file: its survey period, areas, occupations and rows.

    \b
    Examples:
      mlcareers official list
      mlcareers official list --json | jq '.files[].period'
    """

CLEAR_HELP = """Empty the store of official figures (also when it is corrupt).

    \b
    Examples:
      mlcareers official clear
    """


app = typer.Typer(
    name="official",
    help=(
        "Official wage statistics (BLS OEWS): import, list or clear them.\n\n"
        "The US Bureau of Labor Statistics' wage survey (OEWS), imported from its "
        "spreadsheets and kept beside the article's figures.\n\n"
        "\b\nExamples:\n"
        "  mlcareers official import MSA_M2024_dl.xlsx national_M2024_dl.xlsx\n"
        "  mlcareers official list\n"
        "  mlcareers compare --city austin"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("import", help=IMPORT_HELP)
@output_options(records=False)
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="OEWS spreadsheets as BLS publishes them (XLSX), or CSV with the same header.",
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="'May 2024'",
            help="The survey period, when the file name does not say it (_M2024_).",
            show_default=False,
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    from mlcareers.official import oews, paths, store
    from mlcareers.official.soc import codes_of
    from mlcareers.views.store import import_report

    codes = codes_of(catalogue_of(ctx).roles)
    if not codes:
        raise UsageError("the catalogue's roles map to no SOC occupation: nothing to import")
    path = paths.store_path()
    store.load(path)  # a corrupt store is said before minutes of reading
    results: list[tuple[Dataset, ImportStats]] = []
    for file in dict.fromkeys(files):
        with _progress(file.name) as progress:
            dataset, stats = oews.read_file(file, codes, period, progress)
        if not dataset.figures:
            warn(f"{file}: no cross-industry rows for {', '.join(codes)}; is it an OEWS file?")
        results.append((dataset, stats))
    with store.locked(path):  # read again under the lock: another import may have finished
        merged = store.merge(store.load(path), tuple(dataset for dataset, _ in results))
        saved = store.save(merged, path)
    emit(import_report(results, saved), output)


@app.command("list", help=LIST_HELP)
@output_options(records=False)
def list_store(*, output: Output) -> None:
    from mlcareers.official import paths, store
    from mlcareers.views.store import list_report

    path = paths.store_path()
    emit(list_report(store.load(path), path), output)


@app.command("clear", help=CLEAR_HELP)
def clear_store() -> None:
    from mlcareers.official import paths, store

    path = paths.store_path()
    with store.locked(path):
        count = store.clear(path)
    files = f"{count} imported file{'' if count == 1 else 's'}"
    sys.stderr.write(f"mlcareers: cleared the official statistics store {path} ({files})\n")


@contextlib.contextmanager
def _progress(name: str) -> Iterator[Progress | None]:
    """A progress bar on a terminal's stderr while a file is read; nothing when it is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(f"Reading {name}", total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
