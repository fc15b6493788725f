"""A small client for the hub's REST API and for servers behind its proxy.

Only the calls the cohort needs, over urllib (no new dependency); every
failure names the method, the path and the status the hub answered.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class HubApiError(RuntimeError):
    """The hub answered something other than what the cohort needed."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def request(url: str, token: str, method: str = "GET", body: Any = None,
            timeout: float = 60) -> Response:
    """One HTTP request with a token; any status comes back (no exception for 4xx/5xx)."""
    data = None
    headers = {"Authorization": f"token {token}"}
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return Response(resp.status, resp.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A refused request shows up as its own status (302 to a login page), not as the login page."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


@dataclass(frozen=True)
class Hub:
    """The hub at ``url`` (the public proxy address), driven with ``token``."""

    url: str
    token: str

    def api(self, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)) -> Any:
        resp = request(f"{self.url}/hub/api{path}", self.token, method, body)
        if resp.status not in ok:
            raise HubApiError(f"{method} /hub/api{path} answered {resp.status}: {resp.body[:500]!r}")
        return resp.json()

    def wait_up(self, timeout: float = 60, is_alive: Callable[[], bool] = lambda: True) -> None:
        """Poll until the hub answers through its proxy."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if not is_alive():
                raise HubApiError("the hub process exited while starting; see its log")
            try:
                if request(f"{self.url}/hub/api/", self.token, timeout=5).status == 200:
                    return
            except OSError as err:
                last = str(err)
            time.sleep(0.25)
        raise HubApiError(f"the hub did not answer at {self.url} within {timeout} s ({last})")

    def spawn(self, user: str) -> None:
        """Ask for a user's server: 201 when it started at once, 202 when it is still starting."""
        self.api("POST", f"/users/{user}/server", ok=(201, 202, 400))

    def wait_ready(self, users: list[str], timeout: float = 120) -> dict[str, str]:
        """Poll each user's default server until ``ready``; their URLs by user name."""
        deadline = time.monotonic() + timeout
        pending = set(users)
        urls: dict[str, str] = {}
        while pending and time.monotonic() < deadline:
            for user in sorted(pending):
                model = self.api("GET", f"/users/{user}")
                server = (model.get("servers") or {}).get("")
                if server and server.get("ready"):
                    urls[user] = f"{self.url}{server['url'].rstrip('/')}"
                    pending.discard(user)
                elif not model.get("pending") and not server:
                    raise HubApiError(f"the server of {user} stopped while starting; see the hub log")
            if pending:
                time.sleep(0.5)
        if pending:
            raise HubApiError(f"servers not ready within {timeout} s: {sorted(pending)}")
        return urls

    def token_for(self, user: str, note: str) -> str:
        """A new API token owned by ``user`` (with that user's own permissions)."""
        return self.api("POST", f"/users/{user}/tokens", {"note": note, "expires_in": 86400},
                        ok=(200, 201))["token"]

    def stop(self, user: str) -> None:
        self.api("DELETE", f"/users/{user}/server", ok=(202, 204, 400))


def browser(url: str, user: str, password: str, timeout: float = 30):
    """Log in through the hub's login form as a browser would (cookies, the form's
    _xsrf field, redirects followed); the opener now carries the login cookie.
    Raises HubApiError when the hub refuses the password."""
    import http.cookiejar
    import re

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{url}/hub/login", timeout=timeout).read().decode()
    found = re.search(r'name="_xsrf" value="([^"]+)"', page)
    if not found:
        raise HubApiError(f"no _xsrf field in the login page at {url}/hub/login")
    form = urllib.parse.urlencode({"username": user, "password": password, "_xsrf": found.group(1)})
    try:
        opener.open(f"{url}/hub/login?next=/hub/home", form.encode(), timeout=timeout).read()
    except urllib.error.HTTPError as err:
        raise HubApiError(f"the hub refused {user}'s login: {err.code}") from err
    return opener


def browse(opener, url: str, timeout: float = 60) -> tuple[int, str]:
    """GET a page with a logged-in opener, following the OAuth redirects; (status, final URL)."""
    try:
        with opener.open(url, timeout=timeout) as resp:
            resp.read()
            return resp.status, resp.geturl()
    except urllib.error.HTTPError as err:
        return err.code, err.geturl()
