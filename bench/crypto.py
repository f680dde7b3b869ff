"""Throughput of the crypto library's hot paths: `python bench/crypto.py` (prints operations per second)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crypto.envelope import ContentType, Envelope
from crypto.franking import commit, open_commitment, relay_tag, verify_relay_tag
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey
from crypto.sender_keys import EpochPolicy, GroupSession
from crypto.session import accept_session, initial_message, start_session
from crypto.x3dh import MemoryOneTimePreKeyStore, PreKeyBundle, initiate, respond

SECONDS = 1.0


def rate(name: str, op: Callable[[], object]) -> None:
    op()
    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < SECONDS:
        op()
        count += 1
    print(f"{name:<58} {count / elapsed:>10,.0f} ops/s")


def main() -> None:
    alice, bob = IdentityKeyPair.generate(), IdentityKeyPair.generate()
    spk = SignedPreKey.generate(bob, 1)
    opk = OneTimePreKey.generate(1)
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public())
    store = MemoryOneTimePreKeyStore([opk])

    def x3dh() -> None:
        sent = initiate(alice, bundle)
        respond(bob, spk, sent.header, store)

    rate("X3DH (initiator + responder, with one-time prekey)", x3dh)

    a, header = start_session(alice, bundle)
    b, _, _ = accept_session(bob, spk, MemoryOneTimePreKeyStore([opk]), initial_message(a, header, b"hi"))
    a.decrypt(b.encrypt(b"hi"))
    kib = b"x" * 1024
    rate("1:1 encrypt + decrypt, 1 KiB", lambda: b.decrypt(bytes(a.encrypt(kib))))

    def ping_pong() -> None:
        b.decrypt(a.encrypt(kib))
        a.decrypt(b.encrypt(kib))

    rate("1:1 round trip with 2 DH ratchet steps, 1 KiB (x2 msgs)", ping_pong)

    policy = EpochPolicy(max_messages=10**9)
    g_send, g_recv = GroupSession(b"bench-group", policy), GroupSession(b"bench-group", policy)
    g_recv.add_distribution("sender", g_send.rotate(0))
    rate("group encrypt + sign + verify + decrypt, 1 KiB", lambda: g_recv.decrypt(bytes(g_send.encrypt(kib, 0))))

    env = Envelope.new(ContentType.TEXT, kib)
    rate("envelope seal + open (pad to bucket), 1 KiB", lambda: Envelope.open(env.seal()))

    secret, conv, ciphertext = b"s" * 32, "conversation", b"c" * 1100

    def franking() -> None:
        c = commit(env.franking_key, env.message_id, "sender", conv, kib)
        tag = relay_tag(secret, c, ciphertext, sender_account_id="sender", conversation_id=conv, seq=1, server_time=1)
        open_commitment(env.franking_key, c, env.message_id, "sender", conv, kib)
        verify_relay_tag(
            secret, c, ciphertext, tag, sender_account_id="sender", conversation_id=conv, seq=1, server_time=1
        )

    rate("franking commit + relay tag + open + verify, 1 KiB", franking)


if __name__ == "__main__":
    main()
