"""`mlcareers official import URL`: downloads from a local HTTP server in a thread (nothing
here touches the internet), the cache and its conditional requests, and every way a download
fails: one line naming the URL and what happened, exit 1, nothing kept, the store as it was."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import socket
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers import __version__
from mlcareers.cli import app
from mlcareers.official import download, download_cache, request, urls
from mlcareers.official.errors import DownloadError

from .fixtures_official import write_xlsx, write_zip

Route = Callable[["Handler"], None]


class Server(ThreadingHTTPServer):
    """A local server whose answers the tests choose, path by path; it records each request."""

    daemon_threads = True
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    release: threading.Event

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a route that drops its connection on purpose is no error to print."""


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # the name http.server calls
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the CLI runner captures this process's stderr."""

    def body(self, data: bytes, *, status: int = 200, **headers: str) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(data)), **headers}.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def part(self, data: bytes, announced: int) -> None:
        """Headers announcing `announced` bytes, then only `data`."""
        self.send_response(200)
        self.send_header("Content-Length", str(announced))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")  # never a proxy: the server is on this machine
    monkeypatch.delenv(request.CONTACT_VARIABLE, raising=False)
    monkeypatch.delenv(request.TIMEOUT_VARIABLE, raising=False)
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.routes, httpd.requests, httpd.release = {}, [], threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """An OEWS zip as BLS serves it (oesm24ma.zip), as bytes."""
    folder = tmp_path_factory.mktemp("served")
    path = write_zip(folder / "oesm24ma.zip", [write_xlsx(folder / "MSA_M2024_dl.xlsx")])
    return path.read_bytes()


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["official", *args])


def serve_with_etag(server: Server, path: str, data: bytes, etag: str = '"v1"') -> None:
    def answer(handler: Handler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.end_headers()
            return
        handler.body(data, ETag=etag, Content_Type="application/zip")

    server.routes[path] = answer


def kept(home: Path) -> list[str]:
    """What the downloads folder holds, folders and hidden files too, as paths within it."""
    folder = home / "downloads"
    if not folder.exists():
        return []
    return sorted(entry.relative_to(folder).as_posix() for entry in folder.rglob("*"))


def kept_in(home: Path, address: str) -> Path:
    """The folder the download of `address` is kept in: the URL's own."""
    return download_cache.entry_of(home / "downloads", urls.check_url(address))


def copy_of(home: Path, address: str, name: str = "oesm24ma.zip") -> list[str]:
    """What kept() lists for one kept download of `address` named `name`: its folder, its
    sidecar and the file."""
    folder = kept_in(home, address).name
    return [folder, f"{folder}/.{name}.json", f"{folder}/{name}"]


def stored(runner: CliRunner) -> list[tuple[str, str]]:
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    return [(entry["file"], entry["period"]) for entry in json.loads(result.stdout)["files"]]


# ---------------------------------------------------------------- downloads that work


def test_a_url_is_downloaded_kept_and_imported(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/special-requests/oesm24ma.zip", archive)
    address = url(server, "/special-requests/oesm24ma.zip")
    result = run(runner, "import", address, "--json")
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["file"], entry["archive"], entry["period"]) == (
        "MSA_M2024_dl.xlsx",
        "oesm24ma.zip",  # the period comes from the downloaded file's name, as BLS names it
        "May 2024",
    )
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"mlcareers: downloaded {address} (")
    assert line.endswith(str(kept_in(home, address) / "oesm24ma.zip"))
    assert kept(home) == copy_of(home, address)
    assert (kept_in(home, address) / "oesm24ma.zip").read_bytes() == archive
    sidecar = json.loads((kept_in(home, address) / ".oesm24ma.zip.json").read_text("utf-8"))
    assert (sidecar["url"], sidecar["etag"], sidecar["size"]) == (address, '"v1"', len(archive))


def test_a_second_import_reads_the_kept_copy_when_the_server_says_it_has_not_changed(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", archive)
    address = url(server, "/oesm24ma.zip")
    assert run(runner, "import", address).exit_code == 0
    again = run(runner, "import", address, "--json")
    assert again.exit_code == 0, again.stderr
    first, second = server.requests
    assert "If-None-Match" not in first[1]
    assert second[1]["If-None-Match"] == '"v1"'
    said = again.stderr.splitlines()[0]
    assert said.startswith(f"mlcareers: {address} has not changed since it was downloaded")
    assert said.endswith(f"reading the kept copy {kept_in(home, address) / 'oesm24ma.zip'}")
    assert json.loads(again.stdout)["files"][0]["period"] == "May 2024"
    assert kept(home) == copy_of(home, address)
    assert stored(runner) == [("MSA_M2024_dl.xlsx", "May 2024")]


def test_last_modified_alone_is_asked_about_too(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    modified = "Wed, 02 Apr 2025 14:00:00 GMT"

    def answer(handler: Handler) -> None:
        if handler.headers.get("If-Modified-Since") == modified:
            handler.send_response(304)
            handler.end_headers()
            return
        handler.body(archive, Last_Modified=modified)

    server.routes["/oesm24ma.zip"] = answer
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    again = run(runner, "import", url(server, "/oesm24ma.zip"))
    assert again.exit_code == 0, again.stderr
    assert server.requests[1][1]["If-Modified-Since"] == modified
    assert "has not changed" in again.stderr


def test_a_changed_file_is_downloaded_again_and_replaces_the_kept_one(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", b"an older file")
    address = url(server, "/oesm24ma.zip")
    assert run(runner, "import", address).exit_code == 1  # not a spreadsheet: but it is whole
    assert kept(home) == copy_of(home, address)
    serve_with_etag(server, "/oesm24ma.zip", archive, '"v2"')
    result = run(runner, "import", address)
    assert result.exit_code == 0, result.stderr
    assert server.requests[1][1]["If-None-Match"] == '"v1"'
    assert "mlcareers: downloaded" in result.stderr
    assert (kept_in(home, address) / "oesm24ma.zip").read_bytes() == archive
    assert kept(home) == copy_of(home, address)


def test_the_user_agent_names_mlcareers_its_version_and_the_contact(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(request.CONTACT_VARIABLE, "data-team@example.org\r\nX-Injected: 1")
    serve_with_etag(server, "/oesm24ma.zip", archive)
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    ((_, headers),) = server.requests
    agent = headers["User-Agent"]
    assert agent.startswith(f"mlcareers/{__version__} (")
    assert "contact: data-team@example.org X-Injected: 1" in agent  # one header, no injection
    assert "X-Injected" not in headers


def test_without_a_contact_the_user_agent_says_how_to_give_one() -> None:
    assert request.user_agent() == (
        f"mlcareers/{__version__} (official statistics download; no contact given: "
        "MLCAREERS_CONTACT sets one)"
    )


def test_a_redirect_within_http_is_followed(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", archive)
    server.routes["/old/oesm24ma.zip"] = lambda h: h.body(b"", status=301, Location="/oesm24ma.zip")
    result = run(runner, "import", url(server, "/old/oesm24ma.zip"))
    assert result.exit_code == 0, result.stderr
    assert kept(home) == copy_of(home, url(server, "/old/oesm24ma.zip"))  # the URL asked for


def test_a_safe_content_disposition_names_the_file(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    server.routes["/get?id=7"] = lambda h: h.body(
        archive, Content_Disposition='attachment; filename="oesm24ma.zip"'
    )
    result = run(runner, "import", url(server, "/get?id=7"), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["archive"] == "oesm24ma.zip"
    assert kept(home) == copy_of(home, url(server, "/get?id=7"))


def test_an_unsafe_name_from_the_server_is_never_used_nor_shown(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    server.routes["/oesm24ma%1b%5b31m.zip"] = lambda h: h.body(
        archive, Content_Disposition='attachment; filename="../../\x1b[2Jevil.zip"'
    )
    result = run(runner, "import", url(server, "/oesm24ma%1b%5b31m.zip"))
    assert result.exit_code == 0, result.stderr
    assert kept(home) == copy_of(home, url(server, "/oesm24ma%1b%5b31m.zip"), "oesm24ma_31m.zip")
    assert "\x1b" not in result.stderr + result.stdout


def test_two_urls_ending_in_the_same_name_keep_a_copy_each(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    first, second = url(server, "/x/oesm24ma.zip"), url(server, "/y/oesm24ma.zip")
    serve_with_etag(server, "/x/oesm24ma.zip", archive, '"x1"')
    serve_with_etag(server, "/y/oesm24ma.zip", b"another file of the same name", '"y1"')
    assert run(runner, "import", first).exit_code == 0
    assert run(runner, "import", second).exit_code == 1  # no spreadsheet, but kept: it is whole
    assert kept(home) == sorted([*copy_of(home, first), *copy_of(home, second)])
    assert (kept_in(home, first) / "oesm24ma.zip").read_bytes() == archive
    again = run(runner, "import", first)
    assert again.exit_code == 0, again.stderr
    assert server.requests[-1][1]["If-None-Match"] == '"x1"'  # its own copy, asked about
    assert f"reading the kept copy {kept_in(home, first) / 'oesm24ma.zip'}" in again.stderr


def test_the_cache_folder_of_a_url_depends_on_the_whole_url(tmp_path: Path) -> None:
    one = download_cache.entry_of(tmp_path, "http://a.example/x/oesm24ma.zip")
    other = download_cache.entry_of(tmp_path, "http://b.example/y/oesm24ma.zip")
    assert one != other
    assert one.parent == other.parent == tmp_path
    assert one == download_cache.entry_of(tmp_path, "http://a.example/x/oesm24ma.zip")


def test_a_copy_kept_by_an_earlier_version_is_asked_about_then_moved_to_its_folder(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    """mlcareers 4.0 kept downloads in the downloads folder itself, one a file name."""
    address = url(server, "/oesm24ma.zip")
    folder = home / "downloads"
    folder.mkdir(parents=True)
    (folder / "oesm24ma.zip").write_bytes(archive)
    sidecar = {
        "file": "oesm24ma.zip",
        "url": address,
        "etag": '"v1"',
        "last_modified": None,
        "size": len(archive),
        "downloaded_at": "2025-04-02 14:00 UTC",
    }
    (folder / ".oesm24ma.zip.json").write_text(json.dumps(sidecar), encoding="utf-8")
    serve_with_etag(server, "/oesm24ma.zip", archive)
    unchanged = run(runner, "import", address)
    assert unchanged.exit_code == 0, unchanged.stderr
    assert server.requests[0][1]["If-None-Match"] == '"v1"'
    assert f"reading the kept copy {folder / 'oesm24ma.zip'}" in unchanged.stderr
    serve_with_etag(server, "/oesm24ma.zip", archive, '"v2"')
    changed = run(runner, "import", address)
    assert changed.exit_code == 0, changed.stderr
    assert kept(home) == copy_of(home, address)  # the old copy and its sidecar are gone


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("https://www.bls.gov/oes/special-requests/oesm24ma.zip", "oesm24ma.zip"),
        ("https://x.test/a/national%20M2024%20dl.xlsx?x=1#y", "national_M2024_dl.xlsx"),
        ("https://x.test/a/..%2F..%2F.bashrc", "bashrc"),
        ("https://x.test/a/%5C..%5Cevil.zip", "evil.zip"),
        ("https://x.test/CON.zip", "_CON.zip"),
        ("https://x.test/", None),
        ("https://x.test/...", None),
    ],
)
def test_safe_names(address: str, name: str | None) -> None:
    assert urls.safe_name(address) == name


# ---------------------------------------------------------------- downloads that fail


def fails(runner: CliRunner, address: str, home: Path, *said: str) -> str:
    """Import `address` expecting one line naming it and `said`, exit 1, nothing kept."""
    result = run(runner, "import", address)
    assert result.exit_code == 1, result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"mlcareers: error: {address}: "), line
    for words in said:
        assert words in line, line
    assert kept(home) == []
    return str(line)


@pytest.fixture
def store_before(runner: CliRunner, home: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """A store holding one file, imported from disk before the failing download."""
    result = run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2023_dl.xlsx")))
    assert result.exit_code == 0, result.stderr
    return stored(runner)


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (404, "HTTP 404 Not Found"),
        (403, "HTTP 403 Forbidden; no contact was sent, and BLS refuses such downloads"),
        (500, "HTTP 500 Internal Server Error; try again later"),
    ],
)
def test_an_http_error_is_one_line_with_the_status(
    runner: CliRunner,
    server: Server,
    home: Path,
    store_before: list[tuple[str, str]],
    status: int,
    said: str,
) -> None:
    server.routes["/oesm24ma.zip"] = lambda h: h.send_error(status, "\x1b[31mserver's words")
    fails(runner, url(server, "/oesm24ma.zip"), home, said)
    assert stored(runner) == store_before


def test_a_403_with_a_contact_set_says_only_the_status(
    runner: CliRunner, server: Server, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(request.CONTACT_VARIABLE, "me@example.org")
    server.routes["/oesm24ma.zip"] = lambda h: h.send_error(403)
    line = fails(runner, url(server, "/oesm24ma.zip"), home)
    assert line.endswith(": HTTP 403 Forbidden")


def test_a_connection_reset_halfway_keeps_nothing(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    store_before: list[tuple[str, str]],
) -> None:
    def reset(handler: Handler) -> None:
        handler.part(archive[:4000], len(archive))
        # Close with an RST rather than a FIN: what a dropped connection looks like.
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()

    server.routes["/oesm24ma.zip"] = reset
    line = fails(runner, url(server, "/oesm24ma.zip"), home, "nothing was kept")
    assert "the connection was reset" in line or "the connection closed after" in line
    assert stored(runner) == store_before


def test_fewer_bytes_than_announced_keeps_nothing(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    store_before: list[tuple[str, str]],
) -> None:
    server.routes["/oesm24ma.zip"] = lambda h: h.part(archive[:5000], len(archive))
    fails(
        runner,
        url(server, "/oesm24ma.zip"),
        home,
        f"the connection closed after 4.9 KiB of the {len(archive) / 1024:.1f} KiB announced",
        "nothing was kept",
    )
    assert stored(runner) == store_before


def test_a_server_that_stalls_times_out_and_keeps_nothing(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    store_before: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(request.TIMEOUT_VARIABLE, "0.3")

    def stall(handler: Handler) -> None:
        handler.part(archive[:3000], len(archive))
        server.release.wait(10)

    server.routes["/oesm24ma.zip"] = stall
    fails(
        runner,
        url(server, "/oesm24ma.zip"),
        home,
        "the download stalled: no data for 0.3 seconds after 2.9 KiB of the",
        "MLCAREERS_HTTP_TIMEOUT sets how long to wait",
    )
    assert stored(runner) == store_before


def test_a_server_that_never_answers_times_out(
    runner: CliRunner, server: Server, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(request.TIMEOUT_VARIABLE, "0.3")

    def silent(handler: Handler) -> None:
        server.release.wait(10)

    server.routes["/oesm24ma.zip"] = silent
    fails(runner, url(server, "/oesm24ma.zip"), home, "no answer within 0.3 seconds")


def test_a_refused_connection_is_one_line(runner: CliRunner, home: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    fails(runner, f"http://127.0.0.1:{port}/oesm24ma.zip", home, "the connection was refused")


def test_a_download_larger_than_announced_limit_is_refused_before_reading(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(download, "MAX_DOWNLOAD_BYTES", 1000)
    server.routes["/oesm24ma.zip"] = lambda h: h.body(archive)
    fails(runner, url(server, "/oesm24ma.zip"), home, "refused: the server announces 11.")


def test_a_download_growing_past_the_limit_is_refused_midway(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(download, "MAX_DOWNLOAD_BYTES", 1000)
    monkeypatch.setattr(download, "CHUNK_BYTES", 512)

    def unannounced(handler: Handler) -> None:  # no length: the body ends when it closes
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(archive)

    server.routes["/oesm24ma.zip"] = unannounced
    fails(runner, url(server, "/oesm24ma.zip"), home, "refused: larger than the 1,000 bytes")


def test_redirects_are_capped(runner: CliRunner, server: Server, home: Path) -> None:
    server.routes["/loop"] = lambda h: h.body(b"", status=302, Location="/loop")
    fails(runner, url(server, "/loop"), home, "HTTP 302 Found: more than 5 redirects; nothing")


def test_a_redirect_to_another_scheme_is_refused(
    runner: CliRunner, server: Server, home: Path
) -> None:
    server.routes["/oesm24ma.zip"] = lambda h: h.body(
        b"", status=302, Location="file:///etc/passwd"
    )
    fails(
        runner,
        url(server, "/oesm24ma.zip"),
        home,
        "HTTP 302 Found redirects to file:///etc/passwd; only a redirect to",
    )


def test_a_redirect_from_https_to_http_is_refused() -> None:
    from urllib.request import Request

    handler = request._redirects("https://x.test/a.zip")
    asked = Request("https://x.test/a.zip")
    with pytest.raises(DownloadError, match="never from https to http"):
        handler.redirect_request(asked, None, 302, "Found", None, "http://x.test/a.zip")  # type: ignore[arg-type]


def test_a_redirect_with_nowhere_to_go_is_one_line(
    runner: CliRunner, server: Server, home: Path
) -> None:
    server.routes["/oesm24ma.zip"] = lambda h: h.body(b"", status=302)
    fails(runner, url(server, "/oesm24ma.zip"), home, "HTTP 302 Found, with no location")


def test_a_compressed_body_is_refused(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    server.routes["/oesm24ma.zip"] = lambda h: h.body(archive, Content_Encoding="gzip")
    fails(runner, url(server, "/oesm24ma.zip"), home, "encoded (gzip)")


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("file:///etc/passwd", "file:///etc/passwd: file: is not downloaded, only http and"),
        ("ftp://ftp.example.org/oesm24ma.zip", "ftp: is not downloaded, only http and https"),
        ("FILE:/etc/passwd", "file: is not downloaded"),
        ("https://user:secret@example.org/x.zip", "a user name or password in a URL"),
        ("https:///x.zip", "the URL names no host"),
        ("https://example.org:99999/x.zip", "not a URL that can be downloaded"),
        ("https://example.org/a b.zip", "no spaces or control characters"),
    ],
)
def test_a_url_that_cannot_be_downloaded_is_a_usage_error(
    runner: CliRunner, home: Path, address: str, said: str
) -> None:
    result = run(runner, "import", address)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert said in line
    assert not home.exists()  # refused before the store, or anything else, is touched


def test_an_interrupted_download_keeps_nothing(
    server: Server, home: Path, archive: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(download, "CHUNK_BYTES", 1024)
    server.routes["/oesm24ma.zip"] = lambda h: h.body(archive)

    def interrupt(stage: str, done: int, total: int | None) -> None:
        if done > 2048:
            raise KeyboardInterrupt

    folder = home / "downloads"
    with pytest.raises(KeyboardInterrupt):
        download.fetch(url(server, "/oesm24ma.zip"), folder, interrupt)
    assert list(folder.iterdir()) == []


def test_a_damaged_kept_copy_is_downloaded_again(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", archive)
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    copy = kept_in(home, url(server, "/oesm24ma.zip")) / "oesm24ma.zip"
    copy.write_bytes(archive[:100])  # not the size recorded
    result = run(runner, "import", url(server, "/oesm24ma.zip"))
    assert result.exit_code == 0, result.stderr
    assert "If-None-Match" not in server.requests[1][1]
    assert copy.read_bytes() == archive


@pytest.mark.parametrize(
    ("text", "url_like"),
    [
        ("https://x.test/a.zip", True),
        ("HTTP://x.test/a.zip", True),
        ("file:/etc/passwd", True),
        ("s3://bucket/a.zip", True),
        ("oesm24ma.zip", False),
        ("C:\\Users\\me\\oesm24ma.zip", False),
        ("./http:odd.zip", False),
    ],
)
def test_what_is_a_url(text: str, url_like: bool) -> None:
    assert urls.is_url(text) is url_like


def test_one_second_is_said_as_one() -> None:
    assert request.network(TimeoutError(), 1.0).startswith("no answer within 1 second (")
    assert request.network(TimeoutError(), 0.5).startswith("no answer within 0.5 seconds (")


@pytest.mark.parametrize(
    ("given", "seconds"), [("", 30.0), ("2.5", 2.5), ("0", 30.0), ("-1", 30.0), ("soon", 30.0)]
)
def test_the_timeout_variable(monkeypatch: pytest.MonkeyPatch, given: str, seconds: float) -> None:
    monkeypatch.setenv(request.TIMEOUT_VARIABLE, given)
    assert request.timeout() == seconds


# ---------------------------------------------------------------- a real terminal


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty semantics of Linux")
def test_a_terminal_sees_a_progress_bar_with_percent(
    server: Server, home: Path, archive: bytes
) -> None:
    def slowly(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(archive)))
        handler.end_headers()
        for start in range(0, len(archive), 2048):
            handler.wfile.write(archive[start : start + 2048])
            handler.wfile.flush()
            server.release.wait(0.05)

    server.routes["/oesm24ma.zip"] = slowly
    command = Path(sys.executable).with_name("mlcareers")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    env |= {"TERM": "xterm-256color", "NO_COLOR": "1", "MLCAREERS_HOME": str(home)}
    process = subprocess.Popen(
        [str(command), "official", "import", url(server, "/oesm24ma.zip")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower closed: Linux reports EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(leader)
    text = b"".join(chunks).decode("utf-8")
    assert "Downloading oesm24ma.zip" in text
    assert "100%" in text
    assert "MSA_M2024_dl.xlsx" in text  # and then imported


def test_a_download_may_be_as_large_as_a_file_an_import_reads() -> None:
    from mlcareers.official.sheets import MAX_FILE_BYTES

    assert download.MAX_DOWNLOAD_BYTES == MAX_FILE_BYTES


@pytest.mark.parametrize(
    "page", [b"<!DOCTYPE html><html><body>Access Denied</body></html>", b"\n  <HTML><p>no</p>"]
)
def test_a_web_page_sent_with_200_is_refused_and_keeps_the_good_copy(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    page: bytes,
) -> None:
    """BLS and BEA answer some refusals with an HTML page and status 200: it is said as a web
    page (not as a spreadsheet without OCC_CODE), nothing of it is kept, and a good copy
    downloaded before under the same name stays."""
    server.routes["/a/oesm24ma.zip"] = lambda h: h.body(archive, Content_Type="application/zip")
    assert run(runner, "import", url(server, "/a/oesm24ma.zip")).exit_code == 0
    good = kept(home)
    server.routes["/b/oesm24ma.zip"] = lambda h: h.body(page, Content_Type="text/html")
    result = run(runner, "import", url(server, "/b/oesm24ma.zip"))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "the server sent a web page, not a data file" in line
    assert "nothing was kept" in line
    assert kept(home) == good
    assert ("MSA_M2024_dl.xlsx", "May 2024") in stored(runner)


# ---------------------------------------------------------------- official clear


def test_clear_removes_the_kept_downloads_and_says_so(
    runner: CliRunner, server: Server, home: Path, archive: bytes
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", archive)
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    assert kept(home)
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert str(home / "official.sqlite3") in line
    assert "(1 imported file)" in line
    assert f"removed the 1 download kept in {home / 'downloads'}" in line
    assert kept(home) == []
    assert stored(runner) == []
    again = run(runner, "import", url(server, "/oesm24ma.zip"))  # downloaded afresh
    assert again.exit_code == 0, again.stderr
    assert "If-None-Match" not in server.requests[-1][1]


def test_clear_removes_downloads_an_import_refused_from_an_empty_store(
    runner: CliRunner, server: Server, home: Path
) -> None:
    serve_with_etag(server, "/oesm24ma.zip", b"not a spreadsheet")
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 1
    assert kept(home)  # the download was whole: it is kept, though nothing was imported
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert "already empty" in line
    assert f"removed the 1 download kept in {home / 'downloads'}" in line
    assert kept(home) == []


def test_clear_asks_about_the_downloads_too(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mlcareers.commands import official as commands

    monkeypatch.setattr(commands, "can_ask", lambda: True)
    serve_with_etag(server, "/oesm24ma.zip", archive)
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    before = kept(home)
    result = runner.invoke(app, ["official", "clear"], input="no\n")
    assert result.exit_code == 1
    assert f"and remove the 1 download kept in {home / 'downloads'}? [y/N]" in result.stderr
    assert kept(home) == before


def test_downloads_that_cannot_be_removed_are_said_to_be_kept_and_where(
    runner: CliRunner,
    server: Server,
    home: Path,
    archive: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mlcareers.official import download_cache

    def refuse(folder: Path) -> None:
        raise PermissionError(13, "Permission denied", str(folder / "oesm24ma.zip"))

    monkeypatch.setattr(download_cache, "remove_downloads", refuse)
    serve_with_etag(server, "/oesm24ma.zip", archive)
    assert run(runner, "import", url(server, "/oesm24ma.zip")).exit_code == 0
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: error: cleared the official statistics store ")
    assert f"but the downloads in {home / 'downloads'} were kept" in line
    assert "Permission denied" in line
    assert stored(runner) == []
