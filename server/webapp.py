"""The web app (web/src/ui, built by `make web` into web/dist/app) served by the relay itself, under a strict policy.

What a browser gets here is the code that holds a member's keys, so the server pins down what that code may do:
the Content-Security-Policy allows scripts, styles, fonts, workers and connections from this origin only (no inline
script, no `eval`; `'wasm-unsafe-eval'` alone, because libsodium.js compiles its WebAssembly with
`WebAssembly.instantiate`, which CSP classes as eval), no referrer leaves the page, and nothing may frame it.

Only the files the build lists in `build-manifest.json` are served (so no path from a request ever reaches the file
system), each from memory, loaded once at start: restart the relay after a rebuild. Asset names carry their content
hash, so they are cached for a year; `/` and the manifest are revalidated on every load, so a new build is picked
up at once. Without a build the API still runs and `/` says how to build the app.

Compressed copies: the brotli files the build made beside each file (`NAME.br`, listed with their SHA-256 under
`brotli` in the manifest and checked like the rest) go to a browser that accepts `br`; gzip, made here at load, to
one that accepts only gzip; the file as it is otherwise. The manifest's `files` hashes stay those of the
uncompressed files, which is what the browser runs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.config import Settings
from server.logs import get_logger

log = get_logger("webapp")

MANIFEST = "build-manifest.json"
INDEX = "index.html"
SERVICE_WORKER = "sw.js"


def content_security_policy(*relay_origins: str) -> str:
    """The app's Content-Security-Policy. The relay serves it with no argument; a separately hosted copy sends the
    same policy with the relay's origins (HTTP and websocket) added to connect-src (docs/web.md)."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "font-src 'self'",
            "img-src 'self'",
            " ".join(("connect-src 'self'", *relay_origins)),
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


CONTENT_SECURITY_POLICY = content_security_policy()

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # The app needs none of these; a compromised dependency gets none of them either.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Notes</title></head>
<body><h1>The web app is not built</h1>
<p>This relay is running and its API answers, but the web app has not been built on this machine.</p>
<p>Build it with <code>make web</code> (Node.js 20+ needed; <code>make serve</code> does it too),
then restart the relay.</p></body></html>
"""

TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    media_type: str
    cache_control: str
    # Compressed once at load, for clients that accept gzip but not br; None for what does not shrink (woff2).
    gzipped: bytes | None = None
    # The build's own brotli copy (quality 11, too slow to make per request), when it made one.
    brotli: bytes | None = None


COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".txt", ".webmanifest", ".wasm"}


def _static(name: str, body: bytes, cache_control: str, brotli: bytes | None = None) -> StaticFile:
    # Static files only: no secret is ever mixed with request data here, so compression leaks nothing (BREACH).
    packed = gzip.compress(body, 9, mtime=0) if Path(name).suffix in COMPRESSIBLE else None
    return StaticFile(
        body, _media_type(name), cache_control, packed if packed and len(packed) < len(body) else None, brotli
    )


def _media_type(name: str) -> str:
    suffix = Path(name).suffix
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def load_build(web_dir: Path) -> dict[str, StaticFile] | None:
    """Every file the manifest lists, checked against its SHA-256; None when there is no (whole) build."""
    manifest_path = web_dir / MANIFEST
    if not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_bytes())
        listed: dict[str, str] = manifest["files"]
        brotli_listed: dict[str, str] = manifest.get("brotli", {})
        if not isinstance(listed, dict) or not isinstance(brotli_listed, dict):
            raise TypeError("manifest maps")
    except (ValueError, KeyError, TypeError, AttributeError):
        log.warning("web build manifest unreadable", extra={"event": "webapp_manifest_bad"})
        return None
    root = web_dir.resolve()
    files: dict[str, StaticFile] = {}
    for name, digest in listed.items():
        path = (root / name).resolve()
        # The manifest is our own build output, but a name climbing out of the folder is never served.
        if root not in path.parents or not path.is_file():
            log.warning("web build incomplete", extra={"event": "webapp_file_missing"})
            return None
        body = path.read_bytes()
        if hashlib.sha256(body).hexdigest() != digest:
            log.warning("web build does not match its manifest", extra={"event": "webapp_hash_mismatch"})
            return None
        brotli: bytes | None = None
        if name in brotli_listed:
            packed_path = path.with_name(path.name + ".br")
            brotli = packed_path.read_bytes() if packed_path.is_file() else None
            if brotli is None or hashlib.sha256(brotli).hexdigest() != brotli_listed[name]:
                log.warning("web build's brotli copy is not its manifest's", extra={"event": "webapp_hash_mismatch"})
                return None
        hashed = name.startswith("assets/")
        files[name] = _static(name, body, IMMUTABLE if hashed else REVALIDATE, brotli)
    if INDEX not in files:
        return None
    files[MANIFEST] = _static(MANIFEST, manifest_path.read_bytes(), REVALIDATE)
    log.info("web app loaded", extra={"event": "webapp_loaded", "files": len(files)})
    return files


class SecurityHeaders:
    """The same headers on every HTTP answer, API included: harmless on JSON, and no route can forget them. Plain
    ASGI (not BaseHTTPMiddleware), so websockets and streamed answers pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_webapp(app: FastAPI, settings: Settings) -> None:
    files = load_build(settings.web_dir)

    async def index(request: Request) -> Response:
        if files is None:
            return HTMLResponse(NOT_BUILT, headers={"Cache-Control": "no-store"})
        return _serve(files[INDEX], request)

    async def manifest(request: Request) -> Response:
        if files is None:
            return Response(status_code=404, headers={"Cache-Control": "no-store"})
        return _serve(files[MANIFEST], request)

    async def asset(name: str, request: Request) -> Response:
        found = files.get(f"assets/{name}") if files is not None else None
        if found is None:
            return Response(status_code=404)
        return _serve(found, request)

    app.add_api_route("/", index, methods=["GET"], include_in_schema=False)
    app.add_api_route(f"/{MANIFEST}", manifest, methods=["GET"], include_in_schema=False)
    app.add_api_route("/assets/{name}", asset, methods=["GET"], include_in_schema=False)

    async def service_worker(request: Request) -> Response:
        # At the root (its scope is the whole app) and revalidated on every check, like index.html.
        found = files.get(SERVICE_WORKER) if files is not None else None
        return Response(status_code=404) if found is None else _serve(found, request)

    app.add_api_route(f"/{SERVICE_WORKER}", service_worker, methods=["GET"], include_in_schema=False)
    app.add_middleware(SecurityHeaders)
    if settings.web_origins:
        # A static copy hosted elsewhere calls the API with a bearer token, never a cookie, so credentials stay off.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.web_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["authorization", "content-type"],
            allow_credentials=False,
            max_age=600,
        )


def accepted_codings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (RFC 9110 §12.5.3): `q=0` refuses one; `*` is ignored,
    so a client only ever gets a coding it named."""
    codings: set[str] = set()
    for item in header.lower().split(","):
        name, _, params = item.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name.strip() and quality > 0:
            codings.add(name.strip())
    return codings


def _serve(found: StaticFile, request: Request) -> Response:
    headers = {"Cache-Control": found.cache_control}
    if found.gzipped is None and found.brotli is None:
        return Response(found.body, media_type=found.media_type, headers=headers)
    headers["Vary"] = "Accept-Encoding"
    codings = accepted_codings(request.headers.get("accept-encoding", ""))
    # Brotli first: the build's quality-11 copy is 10-20 % smaller than gzip on the app's scripts.
    for coding, body in (("br", found.brotli), ("gzip", found.gzipped)):
        if body is not None and coding in codings:
            headers["Content-Encoding"] = coding
            return Response(body, media_type=found.media_type, headers=headers)
    return Response(found.body, media_type=found.media_type, headers=headers)
