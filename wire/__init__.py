"""The wire, defined once: every websocket frame in both directions, every refusal code of both transports, and
the base64 encoding of binary fields.

Pure (pydantic and the standard library only): the server and the client both import it, neither is imported by
it, and docs/schema/ is generated from it (server/protocol/schema_export.py)."""
