"""HavenClient's rules without I/O: functions that take state and inputs (time passed in) and return decisions.

Nothing here awaits, opens a socket or reads a clock — `tests/client/test_client_core.py` checks that no module in
this package imports asyncio, httpx or websockets — so the rules can be read, tested and ported (the browser
client) apart from the asyncio adapter, `client.haven.HavenClient`, which carries out what they return.
The model is websockets' sans-I/O protocol object (STYLE.md): the core decides, the adapter sends.

* `held` — group messages held until their sender's chain arrives, dropped after the message TTL.
* `epochs` — a new sender-key epoch on every membership change.
* `receive` — the order of effects after a delivery: save before ack.
* `prekeys` — the random refill wait and the refill/rotation plan.
* `budget` — the frame budget check before anything is encrypted.
* `crisis` — whether a scan raises an alert, and which notice (writer/reader) it gives.
"""
