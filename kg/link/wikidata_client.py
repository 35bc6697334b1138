"""A small, polite client of the MediaWiki API of Wikidata: standard library only.

Every request is a GET of ``endpoint?<sorted parameters>`` with a descriptive User-Agent. Answers
are kept in an on-disk JSON cache keyed by that URL, so a second run asks nothing; requests that
do go out are spaced by a rate limiter (``rate`` requests a second). Which clock and which sleep
the limiter uses can be given, so tests run without waiting.

Two kinds of failure are told apart:

- the service cannot be reached at all (no network, DNS failure, refused connection, timeout):
  ``WikidataUnreachable``, and the caller stops without changing anything;
- the service answers, but not with a usable answer (HTTP 5xx, an API error, not JSON):
  ``WikidataAnswerError``, which the linker counts against one entity and goes on.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path

from kg.errors import KgError

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
USER_AGENT = ("strikegraph/0.1 (https://w3id.org/strikegraph; "
              "knowledge graph of aerial attacks)")
MAX_RETRIES = 2  # for 429/503 answers that say when to come back
MAX_RETRY_AFTER = 60.0


class WikidataUnreachable(KgError):
    """Wikidata cannot be reached (network down, DNS failure, refused, timed out)."""


class WikidataAnswerError(KgError):
    """Wikidata answered, but not with a usable answer."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/strikegraph/wikidata``, else ``~/.cache/strikegraph/wikidata``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "strikegraph" / "wikidata"


class RateLimiter:
    """At most ``rate`` calls of ``wait()`` a second: each waits until 1/rate has passed since
    the previous one. ``rate <= 0`` means no limit."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> float:
        """Sleep as long as needed; return the time slept."""
        slept = 0.0
        if self._last is not None and self.interval:
            slept = self._last + self.interval - self.clock()
            if slept > 0:
                self.sleep(slept)
            else:
                slept = 0.0
        self._last = self.clock()
        return slept


def _reason(error: BaseException, timeout: float) -> str:
    """A short human reason for a failure to connect."""
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        error = error.reason if isinstance(error.reason, BaseException) else error
        if isinstance(error, str):
            return error
    if isinstance(error, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return f"host name not resolved: {error.strerror or error}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


class WikidataClient:
    """GET requests to the MediaWiki API with a cache, a rate limit and a User-Agent.

    ``requests`` counts requests that went out, ``cache_hits`` answers read from the cache.
    """

    def __init__(self, endpoint: str = WIKIDATA_API, *, cache_dir: str | os.PathLike | None = None,
                 rate: float = 1.0, timeout: float = 10.0, user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 urlopen: Callable = urllib.request.urlopen):
        self.endpoint = endpoint
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.timeout = timeout
        self.user_agent = user_agent
        self.limiter = RateLimiter(rate, clock=clock, sleep=sleep)
        self._sleep = sleep
        self._urlopen = urlopen
        self.requests = 0
        self.cache_hits = 0

    # -- URLs and the cache -------------------------------------------------------------
    def url(self, params: Mapping[str, str]) -> str:
        """The request URL: the endpoint and the parameters in sorted order (the cache key)."""
        query = urllib.parse.urlencode(sorted({**params, "format": "json"}.items()))
        return f"{self.endpoint}?{query}"

    def _cache_path(self, url: str) -> Path:
        return self.cache_dir / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def _cached(self, url: str) -> dict | None:
        path = self._cache_path(url)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or damaged: ask again
        if not isinstance(record, dict) or record.get("url") != url:
            return None
        return record.get("response")

    def _store(self, url: str, response: dict) -> None:
        path = self._cache_path(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_suffix(".tmp")
            scratch.write_text(json.dumps({"url": url, "response": response},
                                          ensure_ascii=False, sort_keys=True), encoding="utf-8")
            scratch.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs a request next time

    # -- requests -------------------------------------------------------------------------
    def get(self, params: Mapping[str, str]) -> dict:
        """The API's JSON answer to ``params``, from the cache when it is there."""
        url = self.url(params)
        cached = self._cached(url)
        if cached is not None:
            self.cache_hits += 1
            return cached
        response = self._fetch(url)
        if "error" in response:
            error = response["error"]
            info = error.get("info") or error.get("code") if isinstance(error, dict) else error
            raise WikidataAnswerError(f"Wikidata API error: {info}")
        self._store(url, response)
        return response

    def _fetch(self, url: str) -> dict:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept": "application/json"})
        for attempt in range(MAX_RETRIES + 1):
            self.limiter.wait()
            self.requests += 1
            try:
                with self._urlopen(request, timeout=self.timeout) as answer:
                    body = answer.read()
            except urllib.error.HTTPError as error:
                retry_after = _retry_after(error)
                if error.code in (429, 503) and retry_after is not None and attempt < MAX_RETRIES:
                    self._sleep(retry_after)
                    continue
                raise WikidataAnswerError(f"Wikidata answered HTTP {error.code}") from None
            except (urllib.error.URLError, OSError) as error:
                raise WikidataUnreachable(
                    f"cannot reach Wikidata at {self.endpoint} ({_reason(error, self.timeout)}): "
                    "nothing was changed") from None
            except http.client.HTTPException as error:  # a broken answer, e.g. cut short
                raise WikidataAnswerError(
                    f"Wikidata's answer was broken ({type(error).__name__})") from None
            try:
                response = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise WikidataAnswerError("Wikidata's answer is not JSON") from None
            if not isinstance(response, dict):
                raise WikidataAnswerError("Wikidata's answer is not a JSON object")
            return response
        raise WikidataAnswerError("Wikidata kept asking to retry later")  # pragma: no cover


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers else None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


__all__ = ["WikidataClient", "RateLimiter", "WikidataUnreachable", "WikidataAnswerError",
           "WIKIDATA_API", "USER_AGENT", "default_cache_dir"]
