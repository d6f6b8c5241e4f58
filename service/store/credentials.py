"""Credentials for a remote SPARQL server: HTTP basic and digest authentication from the settings
(``GUIZE_REMOTE_USER`` / ``GUIZE_REMOTE_PASSWORD``) or from userinfo written in a URL, and URLs
with their userinfo cut, for every message and log line.

>>> safe("http://dba:secret@127.0.0.1:8890/sparql-auth")
'http://127.0.0.1:8890/sparql-auth'
"""

from __future__ import annotations

import urllib.parse
import urllib.request


def safe(url: str) -> str:
    """``url`` without userinfo (``user:password@``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def opener(user: str, password: str, *urls: str) -> urllib.request.OpenerDirector:
    """An opener that answers basic and digest challenges with the configured credentials (or
    with userinfo written in a URL)."""
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        if not url:
            continue
        parts = urllib.parse.urlsplit(url)
        name = user or urllib.parse.unquote(parts.username or "")
        secret = password or urllib.parse.unquote(parts.password or "")
        if name:
            manager.add_password(None, safe(url), name, secret)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(manager), urllib.request.HTTPDigestAuthHandler(manager)
    )
