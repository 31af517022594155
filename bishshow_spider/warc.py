"""Raw snapshots as WARC (ISO 28500): gzipped files of request + response records, and reading back.

Each exchange becomes a `response` record (status line, headers, body) followed by its
`request` record (`WARC-Concurrent-To` the response), each its own gzip member, so a record can
be read alone from its offset. Files are `<prefix>-<crawl id>-<serial>.warc.gz`, each opened with
a `warcinfo` record and rotated before it grows past `max_size`.

What "as served" means here: the body is the bytes the server sent, still content-encoded (gzip,
brotli) when it was, but after HTTP/1.1 de-chunking, which the HTTP client does before any of
our code sees it; so a `Transfer-Encoding` header is renamed `X-Original-Transfer-Encoding`
(replay tools would try to de-chunk the body again). Records are built in memory and written with
one `write()`, so a process killed mid-crawl leaves at most an orphan record, never a torn one
that the index points at.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

DEFAULT_MAX_SIZE = 1024**3  # the WARC guidelines' customary 1 GB
# zlib's default, as gzip(1) and most WARC writers use: warcio's 9 took 45 % more time for
# files 0.5 % smaller. Records are compressed in one call, as warcio would in 16 KiB writes.
GZIP_LEVEL = 6
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream
Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the response it got, as the crawler saw them."""

    url: str
    method: str
    request_headers: Headers
    request_body: bytes
    status: int
    reason: str
    response_headers: Headers
    body: bytes
    fetched_at: datetime
    protocol: str = "HTTP/1.1"


@dataclass(frozen=True)
class WarcLocation:
    """Where a response record landed: file name, offset and length of its gzip member."""

    file: str
    offset: int
    length: int
    record_id: str
    content_hash: str  # sha256 of the body as served


def body_hash(body: bytes) -> str:
    """The content hash of a body as the snapshots table keeps it."""
    return hashlib.sha256(body).hexdigest()


def _response_headers(headers: Headers) -> Headers:
    return [
        ("X-Original-Transfer-Encoding", v) if k.lower() == "transfer-encoding" else (k, v)
        for k, v in headers
    ]


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class WarcFiles:
    """Appends exchanges to rotating `.warc.gz` files in one directory."""

    def __init__(
        self,
        directory: str | Path,
        name: str,
        max_size: int = DEFAULT_MAX_SIZE,
        info: dict[str, str] | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.name = name
        self.max_size = max_size
        self.info = info or {}
        self.serial = 0
        self._file: IO[bytes] | None = None
        self._path: Path | None = None
        self._records_in_file = 0

    def write(self, exchange: Exchange) -> WarcLocation:
        """Write the response and request records of `exchange`; where the response went."""
        data, record_id = self._records(exchange)
        handle, path = self._file_for(len(data[0]) + len(data[1]))
        offset = handle.tell()
        handle.write(data[0])
        handle.write(data[1])
        handle.flush()
        self._records_in_file += 1
        return WarcLocation(path.name, offset, len(data[0]), record_id, body_hash(exchange.body))

    def _records(self, ex: Exchange) -> tuple[tuple[bytes, bytes], str]:
        date = datetime_to_iso_date(ex.fetched_at)
        status_line = f"{ex.status} {ex.reason}".strip()
        response = _build(
            lambda w: w.create_warc_record(
                ex.url,
                "response",
                payload=io.BytesIO(ex.body),
                length=len(ex.body),
                http_headers=StatusAndHeaders(
                    status_line, _response_headers(ex.response_headers), protocol=ex.protocol
                ),
                warc_headers_dict={"WARC-Date": date},
            )
        )
        record_id = response[1]
        request = _build(
            lambda w: w.create_warc_record(
                ex.url,
                "request",
                payload=io.BytesIO(ex.request_body),
                length=len(ex.request_body),
                http_headers=StatusAndHeaders(
                    f"{ex.method} {_request_target(ex.url)} {ex.protocol}",
                    ex.request_headers,
                    is_http_request=True,
                ),
                warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
            )
        )
        return (response[0], request[0]), record_id

    def _file_for(self, size: int) -> tuple[IO[bytes], Path]:
        """The open file, rotated first if `size` more bytes would take it past `max_size`."""
        if self._file is not None and self._path is not None:
            if self._records_in_file == 0 or self._file.tell() + size <= self.max_size:
                return self._file, self._path
            self.close()
        self.serial += 1
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{self.name}-{self.serial:05d}.warc.gz"
        handle = path.open("xb")  # never append to (or clobber) another run's file
        info, _ = _build(lambda w: w.create_warcinfo_record(path.name, self.info))
        handle.write(info)
        handle.flush()
        self._file, self._path, self._records_in_file = handle, path, 0
        return handle, path

    @property
    def paths(self) -> list[Path]:
        """Files written so far, oldest first."""
        return [self.directory / f"{self.name}-{n:05d}.warc.gz" for n in range(1, self.serial + 1)]

    def close(self) -> None:
        """Close the current file; the next write opens a new one."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _build(make: Any) -> tuple[bytes, str]:
    """Serialise the record `make(writer)` creates into one gzip member; (bytes, record id)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    record = make(writer)
    writer.write_record(record)
    member = zlib.compress(buffer.getbuffer(), GZIP_LEVEL, wbits=_GZIP_WBITS)
    return member, str(record.rec_headers.get_header("WARC-Record-ID") or "")


@dataclass(frozen=True)
class StoredResponse:
    """A response read back from a WARC file: URL, status, headers and the decoded body."""

    url: str
    status: int
    headers: Headers
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def read_response(path: str | Path, offset: int) -> StoredResponse:
    """The response record at `offset` of a WARC file, its body de-chunked and decompressed."""
    with Path(path).open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                break
            http = record.http_headers
            url = str(record.rec_headers.get_header("WARC-Target-URI"))
            body = record.content_stream().read()
            return StoredResponse(url, int(http.get_statuscode()), list(http.headers), body)
    raise ValueError(f"no response record at offset {offset} of {path}")


def iter_records(paths: Iterable[str | Path]) -> Iterable[tuple[str, str, int]]:
    """(file name, record type, offset) of every record in `paths` (for checks and tests)."""
    for path in paths:
        with Path(path).open("rb") as handle:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                yield Path(path).name, str(record.rec_type), iterator.get_record_offset()
