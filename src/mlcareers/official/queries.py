"""An open store, read: what it holds, and an occupation's figures where and when asked. Every
value read back is checked (stored_values); a damaged store is a StoreError naming it."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, cast

from pydantic import ValidationError

from mlcareers.official import stored_values as stored
from mlcareers.official.errors import StoreError
from mlcareers.official.lookup import Found, FoundProjection
from mlcareers.official.models import (
    AREA_KINDS,
    FIGURE_VALUES,
    NATIONAL_CODE,
    AreaInfo,
    DatasetInfo,
    Marked,
    StoredArea,
    code_key,
)
from mlcareers.official.schema import (
    _BUSY,
    _CORRUPT,
    _LOCKED,
    _NOTADB,
    PROJECTION_VALUES,
    SCHEMA_VERSION,
    SOURCES,
    _area,
    _code,
    _corrupt,
    _occupation,
    _store_error,
)

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.models import AreaKind, Occupation


class StoreQueries:
    """An open store, read: what it holds, and an occupation's figures where and when asked.
    (Database adds changing it.)

    Area codes are compared without leading zeros ('06' is '6'), here as in the store."""

    def __init__(self, path: Path, connection: sqlite3.Connection, version: int) -> None:
        self.path = path
        self.version = version
        self._db = connection
        self._datasets: dict[int, DatasetInfo] | None = None
        self._left_out = 0
        self._marks: dict[str, Marked] = {}
        self.changes = 0
        """How many changes (transactions) this connection has committed."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the object is of no use after."""
        self._db.close()

    @property
    def read_only(self) -> bool:
        """Whether a newer mlcareers wrote the store: then it is read, never written."""
        return self.version > SCHEMA_VERSION

    @property
    def empty(self) -> bool:
        """Whether the store has no schema yet: a new file."""
        return self.version == 0

    def check_writable(self) -> None:
        """StoreError when this store must not be changed: a newer mlcareers wrote it."""
        if self.read_only:
            raise StoreError(
                f"the official statistics store {self.path} was written by a newer mlcareers "
                f"(schema {self.version}; this one knows {SCHEMA_VERSION}): it is read, never "
                "changed; upgrade mlcareers to change it"
            )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        import sqlite3  # noqa: PLC0415

        try:
            yield
        except sqlite3.Error as error:
            if self.read_only and _code(error) not in (_NOTADB, _CORRUPT, _BUSY, _LOCKED):
                raise StoreError(
                    f"the official statistics store {self.path} was written by a newer "
                    f"mlcareers (schema {self.version}) and this one cannot read it "
                    f"({' '.join(str(error).split())}); upgrade mlcareers"
                ) from None
            raise _store_error(self.path, error) from None
        except (ValueError, TypeError) as error:
            if isinstance(error, ValidationError):
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"])
                detail = f"{where}: {first['msg']}" if where else str(first["msg"])
            else:
                detail = " ".join(str(error).split())[:160]
            raise _corrupt(self.path, f"a stored value is damaged: {detail}") from None

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        if self.empty:
            return []
        with self._reading():
            return self._db.execute(sql, parameters).fetchall()

    def datasets(self) -> list[DatasetInfo]:
        """Every imported spreadsheet, oldest first (by period, then by import), the survey's
        before the projections."""
        if self._datasets is None:
            rows = self._query(
                "SELECT d.id, d.file, d.period, d.year, d.imported_at, d.annual_cap,"  # noqa: S608 -- our own SQL
                " (SELECT count(*) FROM areas a WHERE a.dataset = d.id),"
                " (SELECT count(*) FROM occupations o WHERE o.dataset = d.id),"
                " d.rows, d.hourly_cap, d.archive, d.source,"
                # Schema 1 has no target year: a store is read as it is until a change
                # upgrades it (reading never writes).
                f" {'d.target_year' if self.version >= 2 else 'NULL'},"
                " (SELECT group_concat(DISTINCT a.kind) FROM areas a WHERE a.dataset = d.id)"
                " FROM datasets d ORDER BY d.source = 'ep', d.year, d.imported_at, d.id"
            )
            with self._reading():
                self._datasets = {
                    ident: DatasetInfo(
                        id=ident,
                        file=file,
                        period=period,
                        year=year,
                        imported_at=stored.moment(imported_at),
                        annual_cap=annual_cap,
                        areas=areas,
                        occupations=occupations,
                        rows=count,
                        hourly_cap=hourly_cap,
                        archive=archive,
                        source=stored.source(source),
                        target_year=stored.year(target_year),
                        kinds=_kinds(kinds),
                    )
                    for (
                        ident,
                        file,
                        period,
                        year,
                        imported_at,
                        annual_cap,
                        areas,
                        occupations,
                        count,
                        hourly_cap,
                        archive,
                        source,
                        target_year,
                        kinds,
                    ) in rows
                    # A store of a newer schema may hold kinds of data this version does not
                    # know: they are left out (and counted), never read as damage.
                    if self.version <= SCHEMA_VERSION or source in SOURCES
                }
                self._left_out = len(rows) - len(self._datasets)
        return list(self._datasets.values())

    def left_out(self) -> int:
        """How many imported files datasets() leaves out: those a newer mlcareers stored of
        kinds this one does not know."""
        self.datasets()
        return self._left_out

    def check_listable(self) -> str | None:
        """For a store a newer mlcareers wrote, when this one cannot list all it holds:
        StoreError when it can list nothing (not "nothing is stored", and no `clear`: the
        store is whole), else a warning to give when it lists only part. None otherwise."""
        if not self.read_only:
            return None
        newer = (
            f"the official statistics store {self.path} was written by a newer mlcareers "
            f"(schema {self.version}, this one reads up to {SCHEMA_VERSION})"
        )
        listed, left_out = len(self.datasets()), self.left_out()
        if not listed:
            unread = (
                "this one finds nothing in it that it can read"
                if not left_out
                else "its imported file is not of a kind this one can read"
                if left_out == 1
                else f"none of its {left_out} imported files is of a kind this one can read"
            )
            raise StoreError(f"{newer}: {unread}; upgrade mlcareers to list what it holds")
        if not left_out:
            return None
        return (
            f"{newer}: {left_out} of its {listed + left_out} imported files "
            f"{'is' if left_out == 1 else 'are'} of a kind this one cannot read, and not "
            "listed; upgrade mlcareers to list them"
        )

    def periods(self) -> list[str]:
        """The survey periods stored, 'May 2024' ..., newest first (OEWS only: a projection's
        period is another kind of thing)."""
        years = {info.period: info.year for info in self.datasets() if info.source == "oews"}
        return sorted(years, key=years.__getitem__, reverse=True)

    def parities(self, codes: Sequence[str]) -> dict[str, dict[int, tuple[float, DatasetInfo]]]:
        """Each of `codes` (BEA GeoFIPS: 12420, 48000, 00000) with its all-items parity by
        year, from the latest import of a parity table that has the year; codes with none
        are left out. Empty for a store of schema 1 or with no parity table."""
        wanted = list(dict.fromkeys(codes))
        datasets = {info.id: info for info in self.datasets() if info.source == "rpp"}
        if not wanted or not datasets:
            return {}
        found: dict[str, dict[int, tuple[float, DatasetInfo]]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._query(
                "SELECT code, year, value, dataset FROM parities"  # noqa: S608 -- our own SQL; values are bound
                f" WHERE code IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            with self._reading():
                for code, year, value, dataset in rows:
                    info = datasets[dataset]
                    years = found.setdefault(stored.parity_code(code), {})
                    before = years.get(stored.parity_year(year))
                    if before is None or before[1].id < info.id:
                        years[stored.parity_year(year)] = (stored.parity_value(value), info)
        return found

    def projection_datasets(self) -> list[DatasetInfo]:
        """The stored BLS Employment Projections datasets, oldest period first."""
        return [info for info in self.datasets() if info.source == "ep"]

    def projections(self, codes: Sequence[str]) -> list[FoundProjection]:
        """For each of `codes` in order, its projection from the latest period that has one.
        A code with none is left out: the caller says the gap, it is never filled."""
        wanted = list(dict.fromkeys(codes))
        if not wanted or self.version < 2:
            return []
        rows = self._query(
            "SELECT p.dataset, p.soc, o.title,"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" {', '.join('p.' + name for name in PROJECTION_VALUES)}, p.median_wage_top_coded"
            " FROM projections p JOIN datasets d ON d.id = p.dataset"
            " JOIN occupations o ON o.dataset = p.dataset AND o.code = p.soc"
            f" WHERE p.soc IN ({', '.join('?' * len(wanted))})"
            " ORDER BY d.year DESC, d.imported_at DESC, d.id DESC",
            wanted,
        )
        datasets = {info.id: info for info in self.datasets()}
        latest: dict[str, FoundProjection] = {}
        with self._reading():
            for dataset, soc, title, *values, top_coded in rows:
                if soc not in latest:
                    projection = stored.projection(values, top_coded)
                    latest[soc] = FoundProjection(
                        datasets[dataset], _occupation(soc, title), projection
                    )
        return [latest[code] for code in wanted if code in latest]

    def areas(self) -> list[AreaInfo]:
        """Every stored area once, with the latest import's title and the periods that have
        it (newest first); the nation first, then states, territories, metros, nonmetros."""
        rows = self._query(
            "SELECT a.key, a.code, a.title, a.kind, a.states, d.period, d.year"
            " FROM areas a JOIN datasets d ON d.id = a.dataset"
            " ORDER BY a.key, d.imported_at, d.id"
        )
        latest: dict[str, tuple[str, str, str, str]] = {}
        periods: dict[str, dict[str, int]] = {}
        for key, code, title, kind, states, period, year in rows:
            latest[key] = (code, title, kind, states)
            periods.setdefault(key, {})[period] = year
        found = [
            AreaInfo(
                code,
                title,
                cast("AreaKind", kind),
                tuple(states.split()),
                tuple(sorted(periods[key], key=periods[key].__getitem__, reverse=True)),
            )
            for key, (code, title, kind, states) in latest.items()
        ]
        order = {"nation": 0, "state": 1, "territory": 2, "metro": 3, "nonmetro": 4}
        return sorted(found, key=lambda area: (order.get(area.kind, 9), area.title, area.code))

    def socs_by_area(
        self, codes: Collection[str], period: str | None = None
    ) -> dict[str, set[str]]:
        """Which of `codes` have a figure in each area (in any period, or in `period`), by
        the area's code as areas() gives it."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        where = " AND d.period = ?" if period is not None else ""
        rows = self._query(
            "SELECT DISTINCT f.area, f.soc FROM figures f JOIN datasets d ON d.id = f.dataset"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" WHERE f.soc IN ({marks}){where}",
            [*wanted, *([period] if period is not None else [])],
        )
        shown = {key: code for code, key in self._area_codes()}
        found: dict[str, set[str]] = {}
        for key, soc in rows:
            found.setdefault(shown.get(key, key), set()).add(soc)
        return found

    def _area_codes(self) -> list[tuple[str, str]]:
        return [(area.code, code_key(area.code)) for area in self.areas()]

    def figures(
        self, codes: Sequence[str], area: str | None = None, period: str | None = None
    ) -> list[Found]:
        """For each of `codes` in order, its figure in the area `area` names (the nation when
        None), from `period`, else from the latest period that has one. A code with no figure
        there is left out: the caller says the gap, it is never filled."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        key = code_key(area) if area is not None else NATIONAL_CODE
        where = f"f.area = ? AND f.soc IN ({', '.join('?' * len(wanted))})"
        parameters: list[object] = [key, *wanted]
        if period is not None:
            where += " AND d.period = ?"
            parameters.append(period)
        latest: dict[str, Found] = {}
        for found in self._found(where, parameters, newest_first=True):
            latest.setdefault(found.occupation.code, found)
        return [latest[code] for code in wanted if code in latest]

    def ranked(self, code: str, period: str) -> list[Found]:
        """Every area's figure of one occupation in one period (the latest import of an area
        stored twice in the period); in no particular order. A row whose every value was
        empty in its file is no figure: it is left out, so that no count calls it one."""
        latest: dict[str, Found] = {}
        ids = [
            info.id for info in self.datasets() if info.period == period and info.source == "oews"
        ]
        # The datasets of the period by id: the index on (soc, dataset) then reads only them.
        marks = ", ".join("?" * len(ids)) or "NULL"
        for found in self._found(
            f"f.soc = ? AND f.dataset IN ({marks})", [code, *ids], newest_first=True
        ):
            latest.setdefault(code_key(found.area.code), found)
        return [found for found in latest.values() if any(v is not None for v in found.figure)]

    def history(self, codes: Sequence[str], area: str | None = None) -> list[Found]:
        """Every period's figure of each of `codes` in the area (the nation when None), oldest
        period first, codes in the order given within a period."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        key = code_key(area) if area is not None else NATIONAL_CODE
        where = f"f.area = ? AND f.soc IN ({', '.join('?' * len(wanted))})"
        latest: dict[tuple[str, str], Found] = {}
        for found in self._found(where, [key, *wanted], newest_first=True):
            latest.setdefault((found.dataset.period, found.occupation.code), found)
        order = {code: index for index, code in enumerate(wanted)}
        return sorted(
            latest.values(),
            key=lambda found: (found.dataset.year, order[found.occupation.code]),
        )

    def _found(
        self, where: str, parameters: Sequence[object], *, newest_first: bool
    ) -> list[Found]:

        direction = "DESC" if newest_first else ""
        rows = self._query(
            "SELECT f.dataset, a.code, a.title, a.area_type, a.prim_state, f.soc, o.title,"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" {', '.join('f.' + name for name in FIGURE_VALUES)}"
            " FROM figures f"
            " JOIN datasets d ON d.id = f.dataset"
            " JOIN areas a ON a.key = f.area AND a.dataset = f.dataset"
            " JOIN occupations o ON o.dataset = f.dataset AND o.code = f.soc"
            f" WHERE {where}"
            f" ORDER BY d.year {direction}, d.imported_at {direction}, d.id {direction}",
            parameters,
        )
        datasets = {info.id: info for info in self.datasets()}
        areas: dict[tuple[int, str], StoredArea] = {}
        occupations: dict[tuple[int, str], Occupation] = {}
        found: list[Found] = []
        with self._reading():
            for dataset, code, title, area_type, state, soc, soc_title, *values in rows:
                place = areas.get((dataset, code))
                if place is None:
                    place = areas[dataset, code] = _area(code, title, area_type, state)
                occupation = occupations.get((dataset, soc))
                if occupation is None:
                    occupation = occupations[dataset, soc] = _occupation(soc, soc_title)
                figure = stored.figure(values, self._marks)
                found.append(Found(datasets[dataset], place, occupation, figure))
        return found

    def occupations(self, dataset: int) -> list[Occupation]:
        """The occupations one dataset has figures of, by code."""
        from mlcareers.official.models import Occupation  # noqa: PLC0415

        rows = self._query(
            "SELECT code, title FROM occupations WHERE dataset = ? ORDER BY code", (dataset,)
        )
        with self._reading():
            return [Occupation(code=code, title=title) for code, title in rows]


def _kinds(text: object) -> tuple[str, ...]:
    """The kinds of places a dataset's areas are, in AREA_KINDS' order (a kind this version
    does not know is left out: it is only shown)."""
    found = set(text.split(",")) if isinstance(text, str) else set()
    return tuple(kind for kind in AREA_KINDS if kind in found)
