"""Recompute every output of tests/vectors/*.json from its recorded inputs with the second client's crypto."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import crypto as H


def check(vectors: Path) -> tuple[list[str], list[str]]:
    """(names checked, names that did not reproduce)."""
    checked: list[str] = []
    fails: list[str] = []

    def eq(name: str, got: object, want: object) -> None:
        checked.append(name)
        if (got.hex() if isinstance(got, bytes) else got) != want:
            fails.append(name)

    def load(n: str) -> Any:
        return json.loads((vectors / n).read_text())

    x = bytes.fromhex
    # hkdf
    d = load("hkdf.json")
    eq("hkdf", H.hkdf(x(d["ikm"]), x(d["salt"]), x(d["info"]), d["length"]), d["okm"])

    # identity
    d = load("identity.json")
    ids = {}
    for who in ("alice", "bob"):
        p = d[who]
        i = H.Identity.from_seed(x(p["seed"]))
        ids[who] = i
        eq(f"identity.{who}.ed_seed", i.ed_seed, p["ed25519_seed"])
        eq(f"identity.{who}.ed_pub", i.ed_pub, p["ed25519_public"])
        eq(f"identity.{who}.x_priv", i.x_priv, p["x25519_private"])
        eq(f"identity.{who}.x_pub", i.x_pub, p["x25519_public"])
        eq(f"identity.{who}.account", i.account_id, p["account_id"])
        seph = H.x25519_base(x(d["server_ephemeral_private"]))
        proof, sig = H.registration_proofs(i, x(p["registration_challenge"]), seph)
        eq(f"identity.{who}.agreement_proof", proof, p["agreement_proof"])
        eq(f"identity.{who}.registration_signature", sig, p["registration_signature"])
    a = d["auth"]
    t = H.auth_transcript(x(a["challenge"]), a["server_id"], a["time_ms"], a["account"])
    eq("identity.auth.transcript", t, a["transcript"])
    eq("identity.auth.signature", H.ed_sign(ids[a["signer"]].ed_seed, t), a["signature"])
    sn, scan = H.safety_number(
        (ids["alice"].public, ids["alice"].account_id), (ids["bob"].public, ids["bob"].account_id)
    )
    eq("identity.safety_number", sn, d["safety_number"])
    eq("identity.scannable", scan, d["scannable_fingerprint"])
    for pw in d["proofs_of_work"]:
        c = H.solve_pow(x(pw["challenge"]), x(pw["payload"]), pw["bits"])
        eq(f"identity.pow.{pw['use']}.counter", c, pw["counter"])
        eq(f"identity.pow.{pw['use']}.digest", H.pow_digest(x(pw["challenge"]), x(pw["payload"]), c), pw["digest"])
        eq(
            f"identity.pow.{pw['use']}.prev",
            H.pow_digest(x(pw["challenge"]), x(pw["payload"]), c - 1),
            pw["digest_of_previous_counter"],
        )
    s = d["signed_prekey"]
    spk = H.SignedPreKey.make(ids[s["owner"]], s["id"], x(s["seed"]))
    eq("identity.spk.public", spk.pub, s["public"])
    eq("identity.spk.signature", spk.sig, s["signature"])
    eq("identity.spk.encoded", spk.public(), s["encoded_public"])
    o = d["one_time_prekey"]
    opk = H.OneTimePreKey(o["id"], x(o["seed"]))
    eq("identity.opk.encoded", opk.public(), o["encoded_public"])

    # envelope
    d = load("envelope.json")
    rng = H.deterministic_rng(x(d["rng_seed"]))
    e = d["envelope"]
    mid, fk = rng(16), rng(32)
    eq("envelope.message_id", mid, e["message_id"])
    eq("envelope.franking_key", fk, e["franking_key"])
    env = H.envelope(e["content_type"], mid, fk, x(e["body"]))
    eq("envelope.encoded", env, e["encoded"])
    eq("envelope.sealed(padded)", H.pad(env), e["sealed"])
    eq("envelope.unpad", H.unpad_envelope(H.pad(env))[3], e["body"])
    for p in d["padding"]:
        eq(f"envelope.padding.{p['input_len']}", H.pad(x(p["input"])), p["padded"])

    # franking
    d = load("franking.json")
    ci = H.commit_input(x(d["message_id"]), d["sender_account_id"], d["conversation_id"], x(d["plaintext"]))
    eq("franking.commit_input", ci, d["commit_input"])
    com = H.blake2b(32, ci, key=x(d["franking_key"]))
    eq("franking.commitment", com, d["commitment"])
    cth = H.blake2b(32, x(d["ciphertext"]))
    eq("franking.ct_hash", cth, d["ciphertext_hash"])
    ti = H.tag_input(com, cth, d["sender_account_id"], d["conversation_id"], d["seq"], d["server_time"])
    eq("franking.tag_input", ti, d["tag_input"])
    tag = H.hmac(x(d["server_secret"]), ti)
    eq("franking.tag", tag, d["tag"])
    ti2 = H.tag_input(
        com, cth, d["other_sender"]["sender_account_id"], d["conversation_id"], d["seq"], d["server_time"]
    )
    eq("franking.other_sender", H.hmac(x(d["server_secret"]), ti2), d["other_sender"]["tag"])
    eq(
        "franking.report",
        H.franking_report(
            x(d["message_id"]),
            d["sender_account_id"],
            d["conversation_id"],
            d["seq"],
            x(d["plaintext"]),
            x(d["franking_key"]),
            com,
            cth,
            d["server_time"],
            tag,
        ),
        d["report"],
    )

    # session
    d = load("session.json")
    pa = d["parties"]
    al, bo = (H.Identity.from_seed(x(pa["identity_seeds"][w])) for w in ("alice", "bob"))
    bspk = H.SignedPreKey.make(bo, pa["bob_signed_prekey"]["id"], x(pa["bob_signed_prekey"]["seed"]))
    bopk = H.OneTimePreKey(pa["bob_one_time_prekey"]["id"], x(pa["bob_one_time_prekey"]["seed"]))
    bundle = H.bundle_encode(bo.public, bspk.public(), bopk.public())
    eq("session.bundle", bundle, d["x3dh"]["bundle"])
    arng, brng = H.deterministic_rng(x(d["alice_rng_seed"])), H.deterministic_rng(x(d["bob_rng_seed"]))
    hdr, ra, sk = H.x3dh_alice(al, bundle, arng)
    eq("session.x3dh_header", hdr, d["x3dh"]["x3dh_header"])
    eq("session.sk", sk, d["x3dh"]["shared_secret"])
    eq("session.ad", ra.ad, d["x3dh"]["associated_data"])
    init = b"\x01" + hdr + ra.encrypt(x(d["first_plaintext"]))
    eq("session.initial_message", init, d["x3dh"]["initial_message"])
    ik, ek, _spk_id, _opk_id, hl = H.parse_x3dh_header(init[1:])
    rb, skb = H.x3dh_bob(bo, bspk, bopk, ik, ek, brng)
    eq("session.sk_bob", skb, d["x3dh"]["shared_secret"])
    eq("session.bob_first", rb.decrypt(init[1 + hl :]), d["first_plaintext"])
    st = {"alice": ra, "bob": rb}
    wires: list[bytes] = []
    for ev in d["events"]:
        if ev[0] == "send":
            r = st[ev[1]]
            r.trace.clear()
            w = r.encrypt(x(ev[2]))
            m = d["messages"][len(wires)]
            eq(f"session.msg{len(wires)}.from", ev[1], m["from"])
            eq(f"session.msg{len(wires)}.mk", r.trace[0][0], m["message_key"])
            eq(f"session.msg{len(wires)}.aead_key", r.trace[0][1], m["aead_key"])
            eq(f"session.msg{len(wires)}.nonce", r.trace[0][2], m["aead_nonce"])
            eq(f"session.msg{len(wires)}.wire", w, m["wire"])
            wires.append(w)
        else:
            m = d["messages"][ev[1]]
            other = "alice" if m["from"] == "bob" else "bob"
            eq(f"session.deliver{ev[1]}", st[other].decrypt(wires[ev[1]]), m["plaintext"])
    eq("session.final_alice", ra.serialize(), d["final_state_alice"])
    eq("session.final_bob", rb.serialize(), d["final_state_bob"])

    # group
    d = load("group.json")
    gid = x(d["group_id"])
    gs = {
        w: H.GroupSession(
            gid, H.deterministic_rng(x(d["rng_seeds"][w])), d["policy"]["max_messages"], d["policy"]["max_age_seconds"]
        )
        for w in ("alice", "bob")
    }
    for ei, ep in enumerate(d["epochs"]):
        for w in ("alice", "bob"):
            gs[w].rotate(ep["rotate_time"])
            eq(f"group.e{ei}.{w}.epoch", gs[w].epoch, ep["epoch"][w])
            eq(f"group.e{ei}.{w}.distribution", gs[w].distribution(), ep["distributions"][w])
        for w in ("alice", "bob"):
            other = "bob" if w == "alice" else "alice"
            gs[other].add_distribution(w, x(ep["distributions"][w]))
        ws = []
        for mi, m in enumerate(ep["messages"]):
            wv = gs[m["from"]].encrypt(x(m["plaintext"]), ep["encrypt_time"])
            eq(f"group.e{ei}.m{mi}.wire", wv, m["wire"])
            ws.append(wv)
        for mi in ep["delivery_order"]:
            m = ep["messages"][mi]
            other = "bob" if m["from"] == "alice" else "alice"
            s, pt = gs[other].decrypt(ws[mi])
            eq(f"group.e{ei}.deliver{mi}", pt, m["plaintext"])
    eq("group.final_state_bob", gs["bob"].serialize(), d["final_state_bob"])

    # sealed
    d = load("sealed.json")
    sids = {w: H.Identity.from_seed(x(s)) for w, s in d["identity_seeds"].items()}
    for m in d["messages"]:
        rng = H.deterministic_rng(x(m["rng_seed"]))
        recips = [x(r["agreement_public"]) for r in m["recipients"]]
        w = H.seal_v1(x(m["plaintext"]), m["domain"], sids[m["sender"]], recips, rng)
        eq(f"sealed.{m['domain']}.wire", w, m["wire"])
        for r in m["recipients"]:
            _sp, pt = H.open_sealed(w, m["domain"], sids[r["recipient"]])
            eq(f"sealed.{m['domain']}.open.{r['recipient']}", pt, m["plaintext"])
    for m in d["messages_v2"]:
        rng = H.deterministic_rng(x(m["rng_seed"]))
        recips = [x(r["agreement_public"]) for r in m["recipients"]]
        w = H.seal(x(m["plaintext"]), m["domain"], sids[m["sender"]], recips, rng)
        eq(f"sealed.v2.{m['domain']}.wire", w, m["wire"])
        for r in m["recipients"]:
            sp, pt = H.open_sealed(w, m["domain"], sids[r["recipient"]])
            eq(f"sealed.v2.{m['domain']}.open.{r['recipient']}", pt, m["plaintext"])
            eq(f"sealed.v2.{m['domain']}.sender.{r['recipient']}", sp, m["sender_identity_public"])

    # keystore
    d = load("keystore.json")
    rng = H.deterministic_rng(x(d["rng_seed"]))
    ks = H.keystore_seal(
        {k: x(v) for k, v in d["entries"].items()}, x(d["passphrase_utf8"]), d["opslimit"], d["memlimit"], rng
    )
    eq("keystore.sealed", ks, d["sealed"])

    # product
    d = load("product.json")
    pi = d["payload_inputs"]
    pp = pi["parties"]
    pids = {w: H.Identity.from_seed(x(s)) for w, s in pp["identity_seeds"].items()}
    rng = H.deterministic_rng(x(d["rng_seed"]))
    g = pi["group"]
    gsess = H.GroupSession(x(g["group_id"]), rng)
    gsess.rotate(g["rotate_time"])
    mid, fk = rng(16), rng(32)
    eq("product.group.message_id", mid, g["message_id"])
    eq("product.group.franking_key", fk, g["franking_key"])
    gw = gsess.encrypt(H.pad(H.envelope(g["content_type"], mid, fk, x(g["body"]))), g["encrypt_time"])
    eq("product.group_payload", H.group_payload(gw), d["group_payload"])
    p = pi["pairwise"]
    mid, fk = rng(16), rng(32)
    eq("product.pairwise.message_id", mid, p["message_id"])
    eq("product.pairwise.franking_key", fk, p["franking_key"])
    bo = pids["bob"]
    bspk = H.SignedPreKey.make(bo, pp["bob_signed_prekey"]["id"], x(pp["bob_signed_prekey"]["seed"]))
    bopk = H.OneTimePreKey(pp["bob_one_time_prekey"]["id"], x(pp["bob_one_time_prekey"]["seed"]))
    eq("product.pairwise.bundle", H.bundle_encode(bo.public, bspk.public(), bopk.public()), p["bundle"])
    hdr, ra, _ = H.x3dh_alice(pids[p["sender"]], x(p["bundle"]), rng)
    init = b"\x01" + hdr + ra.encrypt(H.pad(H.envelope(p["content_type"], mid, fk, x(p["body"]))))
    pay = H.pairwise_payload([(pids[p["recipient"]].account_id, 1, init)])
    eq("product.pairwise_payload", pay, d["pairwise_payload"]["encoded"])
    eq("product.pairwise_payload.parse", H.parse_pairwise(pay)[0][2], d["pairwise_payload"]["entries"][0]["data"])

    ap = d["alert_packet"]
    ai = ap["inputs"]
    cj = H.alert_content_json(ai["content"])
    eq("product.alert.content_json", cj.decode(), ap["content_json"])
    cth = H.blake2b(32, x(ai["ciphertext"]))
    com = H.commitment(
        x(ai["franking_key"]), x(ai["message_id"]), ai["sender_account_id"], ai["conversation_id"], x(ai["plaintext"])
    )
    rep = H.franking_report(
        x(ai["message_id"]),
        ai["sender_account_id"],
        ai["conversation_id"],
        ai["seq"],
        x(ai["plaintext"]),
        x(ai["franking_key"]),
        com,
        cth,
        ai["server_time"],
        x(ai["tag"]),
    )
    eq("product.alert.report", rep, ap["report"])
    eq("product.alert.packet", H.alert_packet(ai["content"], rep), ap["encoded"])

    b = d["bootstrap_proof"]
    eq("product.bootstrap", H.bootstrap_proof(x(b["server_secret"]), b["account_id"]), b["proof"])
    prev = bytes(32)
    for en in d["audit_chain"]:
        ac = H.link_commit(x(en["actor_salt"]), en["actor"].encode()) if en["actor_salt"] else x(en["actor_commit"])
        sc = (
            H.link_commit(x(en["subject_salt"]), en["subject"].encode())
            if en["subject_salt"]
            else x(en["subject_commit"])
        )
        eq(f"product.audit{en['id']}.actor_commit", ac, en["actor_commit"])
        eq(f"product.audit{en['id']}.subject_commit", sc, en["subject_commit"])
        eq(f"product.audit{en['id']}.prev", prev, en["prev_hash"])
        h = H.entry_hash(en["id"], ac, en["action"], en["object_id"], sc, en["time_ms"], prev)
        eq(f"product.audit{en['id']}.entry_hash", h, en["entry_hash"])
        prev = h
    return checked, fails
