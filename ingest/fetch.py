"""Every outgoing HTTP request goes through `fetch_url`, with the safety checks in it.

A URL typed by an editor or found in a feed must never reach an address inside
our own network (the cloud metadata service, the database, the admin). So each
host is resolved once, every address it resolves to must be public, and the
connection goes to the address that was checked: a DNS answer that changes
between the check and the connect ("DNS rebinding") cannot move the request.
TLS still uses the original host name for SNI and certificate verification.
Redirects are followed by hand, each hop checked the same way, and a body is
read in chunks with the limit applied after decompression.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass
from http import HTTPStatus

import httpx
from django.conf import settings

MAX_URL_LENGTH = 2000
MAX_REDIRECTS = 5

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)

# Tests run a real server on 127.0.0.1 and list its network here; production
# leaves it empty, so no private address is ever allowed.
ALLOWED_TEST_NETWORKS: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-._")


class FetchError(Exception):
    """A fetch that was refused or failed, with a message a person can read."""


@dataclass
class FetchedPage:
    url: str
    final_url: str
    status_code: int
    content_type: str
    body: bytes
    encoding: str | None


def validate_url_syntax(url: str) -> str:
    """The URL in its normal form if it may be fetched at all; no network is used."""
    url = (url or "").strip()
    shown = url[:200]
    if not url:
        raise FetchError("The URL is empty.")
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url) or "\\" in url:
        raise FetchError(f"The URL contains spaces, control characters or backslashes: {shown!r}.")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"This is not a valid URL: {shown!r} ({exc}).") from None
    if parsed.scheme not in {"http", "https"}:
        raise FetchError(f"Only http and https URLs can be fetched, not {shown!r}.")
    if parsed.userinfo:
        raise FetchError("Refused: the URL contains a user name or password.")
    host = _host(parsed)
    if not host:
        raise FetchError(f"The URL has no host name: {shown!r}.")
    if _ip_literal(host) is None and not set(host) <= _HOST_CHARS:
        raise FetchError(f"The URL's host name is not valid: {parsed.host[:200]!r}.")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise FetchError(f"The URL's port is not valid: {parsed.port}.")
    # The fragment is never sent to the server, and keeping it would let one
    # article be stored under several URLs.
    normal = str(parsed.copy_with(fragment=None))
    if len(normal) > MAX_URL_LENGTH:
        raise FetchError(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    return normal


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to (tests replace this one function)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"Could not find the server {host} ({exc}).") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def address_problem(address: IPAddress) -> str | None:
    """Why the address must not be fetched from ("a private address"), or None."""
    if any(address in network for network in ALLOWED_TEST_NETWORKS):
        return None
    if isinstance(address, ipaddress.IPv6Address):
        # Addresses that carry an IPv4 address inside reach that IPv4 address.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
        if address.is_site_local:
            return "a site-local address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address in _SHARED_ADDRESS_SPACE:
        return "a shared (carrier-grade NAT) address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "a non-public address"
    return None


def vetted_addresses(url: httpx.URL) -> list[IPAddress]:
    """The addresses of the URL's host, refusing if any of them is not public."""
    host = _host(url)
    literal = _ip_literal(host)
    if literal is None and _looks_numeric(host):
        # "2130706433", "0177.0.0.1" and "127.1" all mean 127.0.0.1 to the C
        # resolver; no real site is written like that.
        raise FetchError(f"Refused: {host} is an IP address written in an unusual form.")
    addresses = [literal] if literal is not None else resolve_host(host, _port(url))
    if not addresses:
        raise FetchError(f"Could not find the server {host}.")
    for address in addresses:
        problem = address_problem(address)
        if problem is not None:
            where = "is" if literal is not None else "resolves to"
            raise FetchError(f"Refused: {host} {where} {problem} ({address}).")
    return addresses


def fetch_url(url: str, *, allowed_types: frozenset[str] = PAGE_TYPES) -> FetchedPage:
    """GET a page (or, with `allowed_types=FEED_TYPES`, a feed); raises FetchError."""
    timeout = float(settings.FETCH_TIMEOUT_SECONDS)
    # The read timeout bounds each wait, not the whole body; a server that
    # trickles bytes must still be cut off.
    deadline = time.monotonic() + 3 * timeout
    first = current = validate_url_syntax(url)
    for _hop in range(MAX_REDIRECTS + 1):
        target = httpx.URL(current)
        addresses = vetted_addresses(target)
        with httpx.Client(trust_env=False, follow_redirects=False, timeout=timeout) as client:
            response = _send(client, target, addresses[0], timeout)
            try:
                if response.status_code in _REDIRECT_STATUSES:
                    location = response.headers.get("location", "").strip()
                    if not location:
                        raise FetchError(
                            f"The server answered {_status(response)} without saying where to."
                        )
                    current = _redirect_target(target, location)
                    continue
                return _read_page(response, first, current, allowed_types, deadline)
            finally:
                response.close()
    raise FetchError(f"Refused: {first[:200]} redirects more than {MAX_REDIRECTS} times.")


def _send(
    client: httpx.Client, target: httpx.URL, address: IPAddress, timeout: float
) -> httpx.Response:
    host = _host(target)
    extensions = {}
    if _ip_literal(host) is None:
        extensions["sni_hostname"] = host.rstrip(".")
    request = client.build_request(
        "GET",
        target.copy_with(host=str(address)),
        headers={
            "Host": target.netloc.decode("ascii"),
            "User-Agent": settings.FETCH_USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            # Never "br": it is not decoded here, and its ratio makes bombs cheap.
            "Accept-Encoding": "gzip, deflate",
        },
        extensions=extensions,
    )
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException:
        raise FetchError(f"The server {host} did not answer within {timeout:g} seconds.") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"Could not connect to {host}: {_reason(exc)}.") from None


def _read_page(
    response: httpx.Response,
    first: str,
    current: str,
    allowed_types: frozenset[str],
    deadline: float,
) -> FetchedPage:
    if not 200 <= response.status_code < 300:
        raise FetchError(f"The server answered {_status(response)}.")
    content_type, charset = _content_type(response.headers.get("content-type", ""))
    if not content_type:
        raise FetchError("The server did not say what kind of document it sent.")
    if content_type not in allowed_types:
        wanted = ", ".join(sorted(allowed_types))
        raise FetchError(f"The server sent {content_type}, not a page this reads ({wanted}).")
    limit = int(settings.FETCH_MAX_BYTES)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(_too_large(limit))
    decoder = _decoder(response.headers.get("content-encoding", ""))
    body = bytearray()
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            # Without compression the raw bytes are the body; with it, a stream
            # of empty blocks must not run forever either.
            if received > limit + 64 * 1024:
                raise FetchError(_too_large(limit))
            body += decoder.feed(chunk, limit - len(body))
            if time.monotonic() > deadline:
                raise FetchError("The server took too long to send the page.")
    except httpx.TimeoutException:
        raise FetchError("The server stopped sending the page before it was complete.") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"The page could not be read: {_reason(exc)}.") from None
    return FetchedPage(
        url=first,
        final_url=current,
        status_code=response.status_code,
        content_type=content_type,
        body=bytes(body),
        encoding=charset,
    )


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        if len(data) > room:
            raise FetchError(_too_large(int(settings.FETCH_MAX_BYTES)))
        return data


class _Inflate:
    """zlib, decompressing at most the room left so a bomb never fills memory.

    A gzip body may be several members one after another (RFC 1952), as
    concatenated files or streamed output are: every member is read.
    """

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._decompressor = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        out = b""
        while data:
            if self._decompressor.eof:
                # Only gzip has members; zero padding after the last one is not one.
                if self._wbits != 16 + zlib.MAX_WBITS or not data.strip(b"\0"):
                    return out
                self._decompressor = zlib.decompressobj(self._wbits)
            try:
                out += self._decompressor.decompress(data, room - len(out) + 1)
            except zlib.error:
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise FetchError("The server sent a corrupt compressed page.") from None
                # Some servers send "deflate" without the zlib header.
                self._wbits = -zlib.MAX_WBITS
                self._decompressor = zlib.decompressobj(self._wbits)
                continue
            self._started = True
            if len(out) > room:
                raise FetchError(_too_large(int(settings.FETCH_MAX_BYTES)))
            # Past the end of a member: the rest of this chunk starts the next one.
            data = self._decompressor.unused_data if self._decompressor.eof else b""
        return out


def _decoder(content_encoding: str) -> _Identity | _Inflate:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return _Identity()
    if codings in (["gzip"], ["x-gzip"]):
        return _Inflate(16 + zlib.MAX_WBITS)
    if codings == ["deflate"]:
        return _Inflate(zlib.MAX_WBITS)
    raise FetchError(
        f"The server compressed the page in a way this cannot read ({content_encoding})."
    )


def _redirect_target(current: httpx.URL, location: str) -> str:
    try:
        joined = current.join(location)
    except (httpx.InvalidURL, ValueError):
        raise FetchError(f"The server redirected to an invalid URL: {location[:200]!r}.") from None
    return validate_url_syntax(str(joined))


def _content_type(header: str) -> tuple[str, str | None]:
    main, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'")[:40] or None
    return main.strip().lower(), charset


def _host(url: httpx.URL) -> str:
    return url.raw_host.decode("ascii", "replace").lower()


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _looks_numeric(host: str) -> bool:
    try:
        socket.inet_aton(host)
    except (OSError, ValueError):
        return False
    return True


def _status(response: httpx.Response) -> str:
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason_phrase or ""
    return f"{response.status_code} {phrase}".strip()


def _too_large(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"The page is larger than {limit / (1024 * 1024):g} MB."
    return f"The page is larger than {limit:,} bytes."


def _reason(exc: Exception) -> str:
    return str(exc)[:300] or type(exc).__name__
