"""An independent Haven client written from docs/protocol.md (with groups.md, alerts.md, counseling.md,
docs/schema/ and tests/vectors/) only, with PyNaCl, httpx, websockets and the standard library.

It imports nothing from the repository (`tests/interop/test_second_client.py` checks this), so wherever the
documentation is vague or wrong, this client disagrees with the server or the SDK and a test fails: it keeps
docs/protocol.md honest. It is deliberately small: one device, memory only, no reconnection.
"""
