"""fetch_url against a real HTTP server on 127.0.0.1, and its refusals without one.

The server's network is allowed through `ALLOWED_TEST_NETWORKS` only; name
resolution is replaced through `resolve_host`, the one place tests patch.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest import fetch
from ingest.fetch import FEED_TYPES, FetchError, address_problem, fetch_url, validate_url_syntax

LOOPBACK = ipaddress.ip_network("127.0.0.1/32")


@dataclass
class Route:
    status: int = 200
    body: bytes = b"<html><body><p>Hello</p></body></html>"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0
    trickle: bool = False


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen_hosts: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                server.seen_hosts.append(self.headers.get("Host", ""))
                route = server.routes.get(self.path, Route(status=404, body=b"not found"))
                time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    if route.trickle:
                        for _ in range(100):
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.05)
                    else:
                        self.wfile.write(route.body)
                except OSError:
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, **kwargs: object) -> str:
        self.routes[path] = Route(**kwargs)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, status=status, body=b"", headers={"Location": location})


@pytest.fixture(scope="module")
def running_server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()


@pytest.fixture
def server(running_server, monkeypatch, settings) -> LocalServer:
    settings.FETCH_TIMEOUT_SECONDS = 2.0
    monkeypatch.setattr(fetch, "ALLOWED_TEST_NETWORKS", [LOOPBACK])
    running_server.routes.clear()
    running_server.seen_hosts.clear()
    return running_server


@pytest.fixture
def dns(monkeypatch) -> dict[str, list[str]]:
    """Host name -> addresses, answered by the patched `resolve_host`."""
    answers: dict[str, list[str]] = {}

    def resolve(host: str, port: int) -> list:
        if host not in answers:
            raise FetchError(f"Could not find the server {host}.")
        return [ipaddress.ip_address(a) for a in answers[host]]

    monkeypatch.setattr(fetch, "resolve_host", resolve)
    return answers


# The real network path.


def test_it_fetches_a_page(server):
    url = server.add(
        "/article", body=b"<p>Hi</p>", headers={"Content-Type": "text/html; charset=windows-1251"}
    )

    page = fetch_url(url)

    assert page.status_code == 200
    assert page.body == b"<p>Hi</p>"
    assert page.content_type == "text/html"
    assert page.encoding == "windows-1251"
    assert page.url == page.final_url == url


def test_it_connects_to_the_checked_address_and_sends_the_original_host(server, dns, monkeypatch):
    dns["news.example"] = ["127.0.0.1"]
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        assert host != "news.example", "the host name was resolved a second time"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    server.add("/a")

    page = fetch_url(f"http://news.example:{server.port}/a")

    assert page.status_code == 200
    assert server.seen_hosts == [f"news.example:{server.port}"]


def test_it_is_not_moved_by_a_dns_answer_that_changes_after_the_check(server, monkeypatch):
    answers = iter([["127.0.0.1"], ["10.0.0.5"]])
    monkeypatch.setattr(
        fetch, "resolve_host", lambda host, port: [ipaddress.ip_address(a) for a in next(answers)]
    )
    server.add("/a", body=b"from the checked address")

    assert fetch_url(f"http://rebind.example:{server.port}/a").body == b"from the checked address"


def test_it_refuses_loopback_without_the_test_allowance(server, monkeypatch):
    monkeypatch.setattr(fetch, "ALLOWED_TEST_NETWORKS", [])
    url = server.add("/a")

    with pytest.raises(FetchError, match=r"Refused: 127\.0\.0\.1 is a loopback address"):
        fetch_url(url)
    assert server.seen_hosts == []


def test_it_follows_a_relative_redirect(server):
    server.redirect("/old", "/new", status=301)
    final = server.add("/new", body=b"moved here")

    page = fetch_url(server.url("/old"))

    assert page.body == b"moved here"
    assert page.final_url == final
    assert page.url == server.url("/old")


def test_it_refuses_a_redirect_to_a_private_address(server, dns):
    dns["intranet.example"] = ["10.0.0.5"]
    url = server.redirect("/go", "http://intranet.example/admin")

    with pytest.raises(
        FetchError,
        match=r"Refused: intranet\.example resolves to a private address \(10\.0\.0\.5\)",
    ):
        fetch_url(url)


def test_it_refuses_a_redirect_to_a_loopback_ip_literal(server):
    url = server.redirect("/go", "http://[::1]:8000/")

    with pytest.raises(FetchError, match="loopback"):
        fetch_url(url)


def test_it_refuses_a_redirect_to_a_file_url(server):
    url = server.redirect("/go", "file:///etc/passwd")

    with pytest.raises(FetchError, match="Only http and https"):
        fetch_url(url)


def test_it_follows_five_redirects(server):
    for n in range(5):
        server.redirect(f"/hop/{n}", f"/hop/{n + 1}")
    server.add("/hop/5", body=b"arrived")

    assert fetch_url(server.url("/hop/0")).body == b"arrived"


def test_it_refuses_a_sixth_redirect(server):
    for n in range(6):
        server.redirect(f"/hop/{n}", f"/hop/{n + 1}")
    server.add("/hop/6", body=b"arrived")

    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_url(server.url("/hop/0"))


def test_it_refuses_a_redirect_loop(server):
    url = server.redirect("/loop", "/loop")

    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_url(url)


def test_it_gives_up_on_a_server_that_does_not_answer(server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.2
    url = server.add("/slow", delay=1.0)

    with pytest.raises(FetchError, match="did not answer within 0.2 seconds"):
        fetch_url(url)


def test_it_gives_up_on_a_server_that_trickles_the_body(server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.2
    url = server.add("/trickle", trickle=True)

    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch_url(url)
    assert time.monotonic() - started < 5  # the whole-fetch deadline (3 × 0.2 s) held


def test_it_reports_a_server_that_refuses_the_connection(server):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]

    with pytest.raises(FetchError, match="Could not connect to 127.0.0.1"):
        fetch_url(f"http://127.0.0.1:{port}/")


def test_it_refuses_a_body_larger_than_the_limit_it_declares(server, settings):
    settings.FETCH_MAX_BYTES = 10_000
    url = server.add(
        "/big",
        body=b"a" * 20_000,
        headers={"Content-Type": "text/plain", "Content-Length": "20000"},
    )

    with pytest.raises(FetchError, match="The page is larger than 10,000 bytes"):
        fetch_url(url)


def test_it_refuses_a_body_larger_than_the_limit_without_a_length(server, settings):
    settings.FETCH_MAX_BYTES = 10_000
    url = server.add("/big", body=b"a" * 50_000, headers={"Content-Type": "text/plain"})

    with pytest.raises(FetchError, match="larger than"):
        fetch_url(url)


def test_it_states_the_limit_in_megabytes(server):
    url = server.add(
        "/big", headers={"Content-Type": "text/html", "Content-Length": str(6 * 1024 * 1024)}
    )

    with pytest.raises(FetchError, match="The page is larger than 5 MB"):
        fetch_url(url)


def test_it_accepts_a_body_at_the_limit(server, settings):
    settings.FETCH_MAX_BYTES = 10_000
    url = server.add("/exact", body=b"a" * 10_000, headers={"Content-Type": "text/plain"})

    assert len(fetch_url(url).body) == 10_000


def test_it_decompresses_gzip(server):
    url = server.add(
        "/gz",
        body=gzip.compress(b"<p>compressed</p>"),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )

    assert fetch_url(url).body == b"<p>compressed</p>"


def test_it_decompresses_every_member_of_a_multi_member_gzip_body(server):
    url = server.add(
        "/gz-members",
        body=gzip.compress(b"<p>first</p>") + gzip.compress(b"<p>second</p>") + b"\0\0",
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )

    assert fetch_url(url).body == b"<p>first</p><p>second</p>"


def test_it_refuses_a_bomb_split_over_many_gzip_members(server, settings):
    settings.FETCH_MAX_BYTES = 1024 * 1024
    url = server.add(
        "/gz-member-bomb",
        body=gzip.compress(b"\0" * (512 * 1024)) * 8,
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )

    with pytest.raises(FetchError, match="larger than"):
        fetch_url(url)


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_it_decompresses_deflate_with_or_without_the_zlib_header(server, wbits):
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(b"<p>deflated</p>") + packer.flush()
    url = server.add(
        "/df", body=body, headers={"Content-Type": "text/html", "Content-Encoding": "deflate"}
    )

    assert fetch_url(url).body == b"<p>deflated</p>"


def test_it_refuses_a_gzip_bomb_without_inflating_it(server, settings):
    settings.FETCH_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    url = server.add(
        "/bomb",
        body=bomb,
        headers={
            "Content-Type": "text/html",
            "Content-Encoding": "gzip",
            "Content-Length": str(len(bomb)),
        },
    )

    with pytest.raises(FetchError, match="The page is larger than 1 MB"):
        fetch_url(url)


def test_it_refuses_a_corrupt_gzip_body(server):
    url = server.add(
        "/bad",
        body=b"this is not gzip at all",
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )

    with pytest.raises(FetchError, match="corrupt compressed page"):
        fetch_url(url)


def test_it_refuses_an_encoding_it_cannot_decode(server):
    url = server.add(
        "/br", body=b"\x1b\x00", headers={"Content-Type": "text/html", "Content-Encoding": "br"}
    )

    with pytest.raises(FetchError, match=r"cannot read \(br\)"):
        fetch_url(url)


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/octet-stream", "application/pdf", "text/csv"]
)
def test_it_refuses_a_content_type_that_is_not_a_page(server, content_type):
    url = server.add("/file", body=b"\x89PNG", headers={"Content-Type": content_type})

    with pytest.raises(FetchError, match=f"The server sent {content_type}"):
        fetch_url(url)


def test_it_refuses_a_response_without_a_content_type(server):
    url = server.add("/file", headers={})

    with pytest.raises(FetchError, match="did not say what kind of document"):
        fetch_url(url)


def test_it_refuses_a_feed_where_a_page_is_expected(server):
    url = server.add("/rss", body=b"<rss/>", headers={"Content-Type": "application/rss+xml"})

    with pytest.raises(FetchError, match="application/rss\\+xml"):
        fetch_url(url)


@pytest.mark.parametrize(
    "content_type", ["application/rss+xml", "application/atom+xml", "text/xml; charset=utf-8"]
)
def test_it_accepts_feed_types_when_asked_for_a_feed(server, content_type):
    url = server.add("/rss", body=b"<rss/>", headers={"Content-Type": content_type})

    assert fetch_url(url, allowed_types=FEED_TYPES).body == b"<rss/>"


def test_it_refuses_html_when_asked_for_a_feed(server):
    url = server.add("/page")

    with pytest.raises(FetchError, match="The server sent text/html"):
        fetch_url(url, allowed_types=FEED_TYPES)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "The server answered 404 Not Found"),
        (500, "The server answered 500 Internal Server Error"),
        (403, "The server answered 403 Forbidden"),
        (304, "The server answered 304 Not Modified"),
    ],
)
def test_it_treats_a_status_outside_2xx_as_a_failure(server, status, message):
    url = server.add("/x", status=status)

    with pytest.raises(FetchError, match=message):
        fetch_url(url)


def test_it_reports_a_redirect_without_a_location(server):
    url = server.add("/x", status=302, headers={})

    with pytest.raises(FetchError, match="302 Found without saying where to"):
        fetch_url(url)


# Refusals that need no server.


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file.txt",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "gopher://example.com/",
        "//example.com/no-scheme",
        "example.com/no-scheme",
    ],
)
def test_it_refuses_a_scheme_other_than_http_and_https(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "empty"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://user@example.com/", "user name or password"),
        ("http://example.com/" + "a" * 2100, "longer than 2000"),
        ("http:///path-only", "no host name"),
        ("http://exa mple.com/", "spaces"),
        ("http://example.com\\@evil.example/", "backslashes"),
        ("http://example.com/\r\nX-Injected: 1", "control characters"),
        ("http://example.com:99999/", "port is not valid"),
        ("http://ex%41mple.com/", "host name is not valid"),
    ],
)
def test_it_refuses_a_malformed_url(url, message):
    with pytest.raises(FetchError, match=message):
        validate_url_syntax(url)


def test_it_normalises_a_url_and_drops_the_fragment():
    assert (
        validate_url_syntax("  HTTPS://Example.COM/a?b=1#comments ") == "https://example.com/a?b=1"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::1]/", "private"),
        ("http://[fec0::1]/", "site-local"),
        ("http://[::]/", "unspecified"),
        ("http://[ff02::1]/", "multicast"),
        ("http://[2002:a00:1::]/", "private"),
        ("http://[64:ff9b::a9fe:a9fe]/", "link-local"),
        ("http://[2001:db8::1]/", "private"),
    ],
)
def test_it_refuses_an_ipv6_literal_that_is_not_public(url, problem):
    with pytest.raises(FetchError, match=f"Refused: .* is an? {problem}"):
        fetch_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://017700000001/",
        "http://127.1/",
        "http://0x7f.0.0.1/",
    ],
)
def test_it_refuses_an_ip_address_in_decimal_octal_or_hex(url):
    with pytest.raises(FetchError, match="Refused|not a valid URL"):
        fetch_url(url)


def test_it_refuses_a_host_that_resolves_to_public_and_private_addresses(dns):
    dns["mixed.example"] = ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(
        FetchError, match=r"Refused: mixed\.example resolves to a private address \(10\.0\.0\.5\)"
    ):
        fetch_url("http://mixed.example/")


def test_it_refuses_the_cloud_metadata_address_by_name(dns):
    dns["metadata.example"] = ["169.254.169.254"]

    with pytest.raises(FetchError, match="link-local address"):
        fetch_url("http://metadata.example/latest/meta-data/")


def test_it_refuses_a_host_name_that_does_not_resolve(dns):
    with pytest.raises(FetchError, match="Could not find the server nowhere.example"):
        fetch_url("https://nowhere.example/")


def test_resolve_host_turns_a_lookup_failure_into_a_fetch_error(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)

    with pytest.raises(FetchError, match="Could not find the server nowhere.example"):
        fetch.resolve_host("nowhere.example", 443)


def test_resolve_host_returns_each_address_once():
    addresses = fetch.resolve_host("127.0.0.1", 80)

    assert addresses == [ipaddress.ip_address("127.0.0.1")]


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("10.0.0.5", "a private address"),
        ("172.16.3.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("127.0.0.1", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("240.0.0.1", "a private address"),
        ("255.255.255.255", "a private address"),
        ("198.18.0.1", "a private address"),
        ("192.0.2.1", "a private address"),
        ("fc00::1", "a private address"),
        ("::ffff:169.254.169.254", "a link-local address"),
    ],
)
def test_it_names_why_an_address_is_refused(address, problem):
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700::1111"])
def test_it_allows_a_public_address(address):
    assert address_problem(ipaddress.ip_address(address)) is None


def test_the_test_allowance_is_empty_by_default():
    assert fetch.ALLOWED_TEST_NETWORKS == []
