"""Haven cryptography from docs/protocol.md, Cryptography C1-C16 (and 1.1, 1.4, 1.6), with PyNaCl and hashlib."""

from __future__ import annotations

import hashlib
import hmac as _hmac
import json
import os
import struct
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import nacl.bindings as nb
import nacl.pwhash.argon2id as a2
import nacl.signing

Rng = Callable[[int], bytes]


class Opaque(Exception):
    """The one opaque error (C2)."""


# ---- C1 / C2 -------------------------------------------------------------------------------------------
def u8(x: int) -> bytes:
    return struct.pack(">B", x)


def u16(x: int) -> bytes:
    return struct.pack(">H", x)


def u32(x: int) -> bytes:
    return struct.pack(">I", x)


def u64(x: int) -> bytes:
    return struct.pack(">Q", x)


def lp(x: bytes) -> bytes:
    return u32(len(x)) + x


def opt(x: bytes | None) -> bytes:
    return b"\x00" if x is None else b"\x01" + x


def blake2b(n: int, data: bytes, key: bytes = b"") -> bytes:
    return hashlib.blake2b(data, digest_size=n, key=key).digest()


def hmac(k: bytes, m: bytes) -> bytes:
    return _hmac.new(k, m, hashlib.sha256).digest()


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    if not salt:
        salt = bytes(32)
    prk = hmac(salt, ikm)
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac(prk, t + info + bytes([i]))
        out += t
        i += 1
    return out[:length]


def x25519(priv: bytes, pub: bytes) -> bytes:
    try:
        out = nb.crypto_scalarmult(priv, pub)
    except Exception as exc:  # libsodium refuses an all-zero result
        raise Opaque from exc
    if out == bytes(32):
        raise Opaque
    return out


def x25519_base(priv: bytes) -> bytes:
    return nb.crypto_scalarmult_base(priv)


def aead_enc(k: bytes, n: bytes, m: bytes, ad: bytes) -> bytes:
    return nb.crypto_aead_xchacha20poly1305_ietf_encrypt(m, ad, n, k)


def aead_dec(k: bytes, n: bytes, c: bytes, ad: bytes) -> bytes:
    try:
        return nb.crypto_aead_xchacha20poly1305_ietf_decrypt(c, ad, n, k)
    except Exception as exc:
        raise Opaque from exc


def ed_pub(seed: bytes) -> bytes:
    return bytes(nacl.signing.SigningKey(seed).verify_key)


def ed_sign(seed: bytes, m: bytes) -> bytes:
    return nacl.signing.SigningKey(seed).sign(m).signature


def ed_verify(pub: bytes, m: bytes, sig: bytes) -> bool:
    try:
        nacl.signing.VerifyKey(pub).verify(m, sig)
        return True
    except Exception:
        return False


def deterministic_rng(seed: bytes) -> Rng:
    """C2: block i = BLAKE2b with 64-byte output of u64(i), keyed by the seed."""
    state = {"i": 0, "buf": b""}

    def draw(n: int) -> bytes:
        while len(state["buf"]) < n:
            state["buf"] += blake2b(64, u64(state["i"]), key=seed)
            state["i"] += 1
        out, state["buf"] = state["buf"][:n], state["buf"][n:]
        return out

    return draw


def os_rng(n: int) -> bytes:
    return os.urandom(n)


# ---- C3 identities ---------------------------------------------------------------------------------------
@dataclass
class Identity:
    ed_seed: bytes
    x_priv: bytes

    @classmethod
    def from_seed(cls, seed: bytes) -> Identity:
        return cls(blake2b(32, b"haven-identity-ed25519", key=seed), blake2b(32, b"haven-identity-x25519", key=seed))

    @classmethod
    def generate(cls, rng: Rng = os_rng) -> Identity:
        return cls(rng(32), rng(32))

    @property
    def ed_pub(self) -> bytes:
        return ed_pub(self.ed_seed)

    @property
    def x_pub(self) -> bytes:
        return x25519_base(self.x_priv)

    @property
    def public(self) -> bytes:
        return self.ed_pub + self.x_pub

    @property
    def account_id(self) -> str:
        return account_id_of(self.ed_pub, self.x_pub)


def account_id_of(edp: bytes, xp: bytes) -> str:
    return blake2b(16, b"haven-account-v1" + edp + xp).hex()


def encode_ik(pub64: bytes) -> bytes:
    return b"\x05" + pub64[32:] + pub64[:32]


def registration_proofs(ident: Identity, challenge: bytes, server_eph: bytes) -> tuple[bytes, bytes]:
    key = x25519(ident.x_priv, server_eph)
    proof = hmac(key, b"haven-x25519-pop-v1\x00" + challenge + ident.ed_pub + ident.x_pub)
    sig = ed_sign(ident.ed_seed, b"haven-register-v1\x00" + challenge + ident.ed_pub + ident.x_pub + proof)
    return proof, sig


def pow_digest(challenge: bytes, payload: bytes, counter: int) -> bytes:
    return blake2b(32, b"haven-pow-v1\x00" + challenge + payload + u64(counter))


def pow_ok(digest: bytes, bits: int) -> bool:
    return int.from_bytes(digest, "big") < (1 << (256 - bits))


def solve_pow(challenge: bytes, payload: bytes, bits: int) -> int:
    c = 0
    while not pow_ok(pow_digest(challenge, payload, c), bits):
        c += 1
    return c


def auth_transcript(challenge: bytes, server_id: str, time_ms: int, account: str) -> bytes:
    sid = server_id.encode()
    return b"haven-auth-v1\x00" + challenge + u8(len(sid)) + sid + u64(time_ms) + account.encode("ascii")


def safety_half(pub64: bytes, account: str) -> bytes:
    h = u16(0) + pub64 + account.encode("ascii")
    for _ in range(5200):
        h = hashlib.sha512(h + pub64).digest()
    return h


def digits(h: bytes) -> str:
    return "".join(f"{int.from_bytes(h[5 * j : 5 * j + 5], 'big') % 100000:05d}" for j in range(6))


def safety_number(a: tuple[bytes, str], b: tuple[bytes, str]) -> tuple[str, bytes]:
    ha, hb = safety_half(*a), safety_half(*b)
    da, db = digits(ha), digits(hb)
    sn = "".join(sorted([da, db]))
    x, y = sorted([ha[:32], hb[:32]])
    return sn, b"\x01" + x + y


# ---- C4 prekeys ------------------------------------------------------------------------------------------
@dataclass
class SignedPreKey:
    id: int
    priv: bytes
    sig: bytes

    @classmethod
    def make(cls, owner: Identity, pid: int, priv: bytes) -> SignedPreKey:
        pub = x25519_base(priv)
        return cls(pid, priv, ed_sign(owner.ed_seed, b"haven-spk-v1\x00" + u32(pid) + b"\x05" + pub))

    @property
    def pub(self) -> bytes:
        return x25519_base(self.priv)

    def public(self) -> bytes:
        return u32(self.id) + self.pub + self.sig


@dataclass
class OneTimePreKey:
    id: int
    priv: bytes

    @property
    def pub(self) -> bytes:
        return x25519_base(self.priv)

    def public(self) -> bytes:
        return u32(self.id) + self.pub


def bundle_encode(ident_pub: bytes, spk_pub100: bytes, opk36: bytes | None) -> bytes:
    return b"\x01" + ident_pub + spk_pub100 + opt(opk36)


@dataclass
class Bundle:
    ident: bytes
    spk_id: int
    spk: bytes
    spk_sig: bytes
    opk_id: int | None
    opk: bytes | None

    @classmethod
    def parse(cls, b: bytes) -> Bundle:
        if b[0] != 1 or len(b) not in (166, 202):
            raise Opaque
        ident, spk = b[1:65], b[65:165]
        has = b[165]
        opk_id = opk = None
        if has == 1 and len(b) == 202:
            opk_id, opk = struct.unpack(">I", b[166:170])[0], b[170:202]
        elif not (has == 0 and len(b) == 166):
            raise Opaque
        return cls(ident, struct.unpack(">I", spk[:4])[0], spk[4:36], spk[36:], opk_id, opk)


# ---- C6 double ratchet -----------------------------------------------------------------------------------
MAX_SKIP, MAX_STORED = 1000, 2000


def kdf_rk(rk: bytes, dh: bytes) -> tuple[bytes, bytes]:
    o = hkdf(dh, rk, b"Haven Ratchet RK v1", 64)
    return o[:32], o[32:]


def kdf_ck(ck: bytes) -> tuple[bytes, bytes]:
    return hmac(ck, b"\x02"), hmac(ck, b"\x01")  # (CK', MK)


def mk_key_nonce(mk: bytes, info: bytes) -> tuple[bytes, bytes]:
    o = hkdf(mk, bytes(32), info, 56)
    return o[:32], o[32:]


@dataclass
class Ratchet:
    dhs: bytes
    dhr: bytes | None
    rk: bytes
    cks: bytes | None
    ckr: bytes | None
    ns: int
    nr: int
    pn: int
    ad: bytes
    skipped: OrderedDict[tuple[bytes, int], bytes] = field(default_factory=OrderedDict)
    rng: Rng = os_rng
    trace: list[tuple[bytes, bytes, bytes]] = field(default_factory=list)  # (mk, key, nonce) for vector checks

    @classmethod
    def init_alice(cls, sk: bytes, spk_b: bytes, ad: bytes, rng: Rng) -> Ratchet:
        dhs = rng(32)
        rk, cks = kdf_rk(sk, x25519(dhs, spk_b))
        return cls(dhs, spk_b, rk, cks, None, 0, 0, 0, ad, rng=rng)

    @classmethod
    def init_bob(cls, sk: bytes, spk_priv: bytes, ad: bytes, rng: Rng) -> Ratchet:
        return cls(spk_priv, None, sk, None, None, 0, 0, 0, ad, rng=rng)

    def _ad(self, header: bytes) -> bytes:
        return u32(len(self.ad)) + self.ad + b"\x01" + header

    def encrypt(self, m: bytes) -> bytes:
        if self.cks is None:
            raise Opaque
        self.cks, mk = kdf_ck(self.cks)
        header = x25519_base(self.dhs) + u32(self.pn) + u32(self.ns)
        self.ns += 1
        k, n = mk_key_nonce(mk, b"Haven Ratchet MK v1")
        self.trace.append((mk, k, n))
        return b"\x01" + header + aead_enc(k, n, m, self._ad(header))

    def copy(self) -> Ratchet:
        return Ratchet(
            self.dhs,
            self.dhr,
            self.rk,
            self.cks,
            self.ckr,
            self.ns,
            self.nr,
            self.pn,
            self.ad,
            OrderedDict(self.skipped),
            self.rng,
            self.trace,
        )

    def decrypt(self, wire: bytes) -> bytes:
        if len(wire) < 57 or wire[0] != 1:
            raise Opaque
        header, c = wire[1:41], wire[41:]
        dh, pn, n = header[:32], *struct.unpack(">II", header[32:])
        s = self.copy()
        m = s._decrypt(header, dh, pn, n, c)
        self.__dict__.update(s.__dict__)
        return m

    def _decrypt(self, header: bytes, dh: bytes, pn: int, n: int, c: bytes) -> bytes:
        if (dh, n) in self.skipped:
            mk = self.skipped.pop((dh, n))
            k, nn = mk_key_nonce(mk, b"Haven Ratchet MK v1")
            return aead_dec(k, nn, c, self._ad(header))
        if dh != self.dhr:
            self._skip(pn)
            self.pn, self.ns, self.nr, self.dhr = self.ns, 0, 0, dh
            self.rk, self.ckr = kdf_rk(self.rk, x25519(self.dhs, dh))
            self.dhs = self.rng(32)
            self.rk, self.cks = kdf_rk(self.rk, x25519(self.dhs, dh))
        self._skip(n)
        assert self.ckr is not None
        self.ckr, mk = kdf_ck(self.ckr)
        self.nr += 1
        k, nn = mk_key_nonce(mk, b"Haven Ratchet MK v1")
        self.trace.append((mk, k, nn))
        return aead_dec(k, nn, c, self._ad(header))

    def _skip(self, until: int) -> None:
        if self.ckr is None:
            return
        if self.nr + MAX_SKIP < until:
            raise Opaque
        while self.nr < until:
            self.ckr, mk = kdf_ck(self.ckr)
            self.skipped[(self.dhr, self.nr)] = mk  # type: ignore[index]
            while len(self.skipped) > MAX_STORED:
                self.skipped.popitem(last=False)
            self.nr += 1

    def serialize(self) -> bytes:
        out = b"\x01" + self.dhs + opt(self.dhr) + self.rk + opt(self.cks) + opt(self.ckr)
        out += u32(self.ns) + u32(self.nr) + u32(self.pn) + lp(self.ad) + u32(len(self.skipped))
        for (dh, n), mk in self.skipped.items():
            out += dh + u32(n) + mk
        return out


# ---- C5 X3DH ---------------------------------------------------------------------------------------------
F = b"\xff" * 32


def x3dh_alice(me: Identity, bundle: bytes, rng: Rng) -> tuple[bytes, Ratchet, bytes]:
    """Returns (X3DH header, ratchet, SK)."""
    b = Bundle.parse(bundle)
    if not ed_verify(b.ident[:32], b"haven-spk-v1\x00" + u32(b.spk_id) + b"\x05" + b.spk, b.spk_sig):
        raise Opaque
    ek = rng(32)
    dh = x25519(me.x_priv, b.spk) + x25519(ek, b.ident[32:]) + x25519(ek, b.spk)
    if b.opk is not None:
        dh += x25519(ek, b.opk)
    sk = hkdf(F + dh, bytes(32), b"Haven X3DH v1", 32)
    ad = encode_ik(me.public) + encode_ik(b.ident)
    header = b"\x01" + me.public + x25519_base(ek) + u32(b.spk_id)
    header += (b"\x01" + u32(b.opk_id)) if b.opk_id is not None else b"\x00"
    return header, Ratchet.init_alice(sk, b.spk, ad, rng), sk


def parse_x3dh_header(data: bytes) -> tuple[bytes, bytes, int, int | None, int]:
    """Returns (IK_A, EK_A, spk_id, opk_id, header length)."""
    if data[0] != 1 or len(data) < 102:
        raise Opaque
    ik, ek, spk_id, has = data[1:65], data[65:97], struct.unpack(">I", data[97:101])[0], data[101]
    if has == 0:
        return ik, ek, spk_id, None, 102
    if has == 1 and len(data) >= 106:
        return ik, ek, spk_id, struct.unpack(">I", data[102:106])[0], 106
    raise Opaque


def x3dh_bob(
    me: Identity, spk: SignedPreKey, opk: OneTimePreKey | None, ik_a: bytes, ek_a: bytes, rng: Rng
) -> tuple[Ratchet, bytes]:
    dh = x25519(spk.priv, ik_a[32:]) + x25519(me.x_priv, ek_a) + x25519(spk.priv, ek_a)
    if opk is not None:
        dh += x25519(opk.priv, ek_a)
    sk = hkdf(F + dh, bytes(32), b"Haven X3DH v1", 32)
    ad = encode_ik(ik_a) + encode_ik(me.public)
    return Ratchet.init_bob(sk, spk.priv, ad, rng), sk


# ---- C7 sender keys --------------------------------------------------------------------------------------
@dataclass
class Chain:
    epoch: int
    key_id: int
    ck: bytes
    iteration: int
    signing_pub: bytes
    skipped: OrderedDict[int, bytes] = field(default_factory=OrderedDict)


@dataclass
class OwnChain:
    epoch: int
    key_id: int
    ck: bytes
    iteration: int
    seed: bytes
    started_at: int


class GroupSession:
    def __init__(self, gid: bytes, rng: Rng = os_rng, max_messages: int = 1000, max_age: int = 604800):
        self.gid, self.rng, self.epoch = gid, rng, 0
        self.membership_changed = False
        self.max_messages, self.max_age = max_messages, max_age
        self.own: OwnChain | None = None
        self.own_sent = 0
        self.chains: list[tuple[str, Chain]] = []
        self.seen: set[tuple[str, int, int]] = set()

    def rotate(self, now: int, epoch: int | None = None) -> None:
        key_id = struct.unpack(">I", self.rng(4))[0]
        ck, seed = self.rng(32), self.rng(32)
        self.epoch = self.epoch + 1 if epoch is None else epoch
        self.own = OwnChain(self.epoch, key_id, ck, 0, seed, now)
        self.own_sent = 0
        self.membership_changed = False

    def needs_new_epoch(self, now: int) -> bool:
        o = self.own
        return (
            o is None
            or self.membership_changed
            or self.own_sent >= self.max_messages
            or now - o.started_at >= self.max_age
        )

    def _hdr(self, epoch: int, key_id: int, i: int) -> bytes:
        return b"\x01" + u8(len(self.gid)) + self.gid + u64(epoch) + u32(key_id) + u32(i)

    def distribution(self) -> bytes:
        o = self.own
        assert o is not None
        return (
            b"\x01"
            + u8(len(self.gid))
            + self.gid
            + u64(o.epoch)
            + u32(o.key_id)
            + u32(o.iteration)
            + o.ck
            + ed_pub(o.seed)
        )

    def encrypt(self, pt: bytes, now: int) -> bytes:
        if self.needs_new_epoch(now):
            raise Opaque
        o = self.own
        assert o is not None
        ck2, mk = kdf_ck(o.ck)
        k, n = mk_key_nonce(mk, b"Haven SenderKey MK v1")
        h = self._hdr(o.epoch, o.key_id, o.iteration)
        c = aead_enc(k, n, pt, h)
        o.ck, o.iteration = ck2, o.iteration + 1
        self.own_sent += 1
        return h + c + ed_sign(o.seed, h + c)

    def add_distribution(self, sender: str, d: bytes) -> None:
        gl = d[1]
        if d[0] != 1 or d[2 : 2 + gl] != self.gid or len(d) != 2 + gl + 8 + 4 + 4 + 64:
            raise Opaque
        p = 2 + gl
        epoch, key_id, it = struct.unpack(">QII", d[p : p + 16])
        ck, spub = d[p + 16 : p + 48], d[p + 48 : p + 80]
        if (sender, epoch, key_id) in self.seen:
            return
        self.seen.add((sender, epoch, key_id))
        self.chains = [(s, c) for s, c in self.chains if not (s == sender and c.epoch < epoch - 1)]
        self.chains.append((sender, Chain(epoch, key_id, ck, it, spub)))

    def parse(self, wire: bytes) -> tuple[int, int, int, int]:
        gl = wire[1]
        p = 2 + gl
        epoch, key_id, i = struct.unpack(">QII", wire[p : p + 16])
        return epoch, key_id, i, p + 16

    def decrypt(self, wire: bytes) -> tuple[str, bytes]:
        if len(wire) < 2 or wire[0] != 1 or wire[2 : 2 + wire[1]] != self.gid:
            raise Opaque
        epoch, key_id, i, hl = self.parse(wire)
        h, c, sig = wire[:hl], wire[hl:-64], wire[-64:]
        for sender, ch in self.chains:
            if ch.epoch == epoch and ch.key_id == key_id:
                break
        else:
            raise Opaque
        if not ed_verify(ch.signing_pub, h + c, sig):
            raise Opaque
        skipped = OrderedDict(ch.skipped)
        ck, it = ch.ck, ch.iteration
        if i in skipped:
            mk = skipped.pop(i)
        else:
            if i < it or i - it > MAX_SKIP:
                raise Opaque
            while it < i:
                ck, mk0 = kdf_ck(ck)
                skipped[it] = mk0
                while len(skipped) > MAX_STORED:
                    skipped.popitem(last=False)
                it += 1
            ck, mk = kdf_ck(ck)
            it += 1
        k, n = mk_key_nonce(mk, b"Haven SenderKey MK v1")
        pt = aead_dec(k, n, c, h)
        ch.ck, ch.iteration, ch.skipped = ck, it, skipped
        return sender, pt

    def remove_member(self, sender: str) -> None:
        self.chains = [(s, c) for s, c in self.chains if s != sender]
        self.membership_changed = True

    def serialize(self) -> bytes:
        out = b"\x01" + u8(len(self.gid)) + self.gid + u64(self.epoch) + u8(int(self.membership_changed))
        out += u32(self.max_messages) + u64(self.max_age)
        o = self.own
        out += opt(
            None if o is None else u64(o.epoch) + u32(o.key_id) + o.ck + u32(o.iteration) + o.seed + u64(o.started_at)
        )
        out += u32(len(self.chains))
        for s, c in self.chains:
            out += lp(s.encode()) + u64(c.epoch) + u32(c.key_id) + c.ck + u32(c.iteration) + c.signing_pub
            out += u32(len(c.skipped)) + b"".join(u32(k) + v for k, v in c.skipped.items())
        return out


# ---- C8 envelope -----------------------------------------------------------------------------------------
BUCKETS = (256, 1024, 4096, 16384, 32768)


def envelope(ct: int, mid: bytes, fk: bytes, body: bytes) -> bytes:
    return b"\x01" + u8(ct) + mid + fk + lp(body)


def pad(env: bytes) -> bytes:
    for b in BUCKETS:
        if len(env) < b:
            return env + b"\x80" + bytes(b - len(env) - 1)
    raise ValueError("too large")


def unpad_envelope(p: bytes) -> tuple[int, bytes, bytes, bytes]:
    if len(p) not in BUCKETS:
        raise Opaque
    end = len(p.rstrip(b"\x00"))
    if end == 0 or p[end - 1] != 0x80:
        raise Opaque
    e = p[: end - 1]
    if len(e) < 54 or e[0] != 1:
        raise Opaque
    (n,) = struct.unpack(">I", e[50:54])
    if len(e) != 54 + n:
        raise Opaque
    return e[1], e[2:18], e[18:50], e[54:]


# ---- C9 franking -----------------------------------------------------------------------------------------
def commit_input(mid: bytes, sender: str, conv: str, body: bytes) -> bytes:
    return lp(b"haven-franking-commit-v1") + lp(mid) + lp(sender.encode()) + lp(conv.encode()) + lp(body)


def commitment(fk: bytes, mid: bytes, sender: str, conv: str, body: bytes) -> bytes:
    return blake2b(32, commit_input(mid, sender, conv, body), key=fk)


def tag_input(com: bytes, cth: bytes, sender: str, conv: str, seq: int, t: int) -> bytes:
    return (
        lp(b"haven-franking-relay-v2") + lp(com) + lp(cth) + lp(sender.encode()) + lp(conv.encode()) + u64(seq) + u64(t)
    )


def franking_report(
    mid: bytes, sender: str, conv: str, seq: int, body: bytes, fk: bytes, com: bytes, cth: bytes, t: int, tag: bytes
) -> bytes:
    return (
        b"\x02"
        + lp(mid)
        + lp(sender.encode())
        + lp(conv.encode())
        + u64(seq)
        + lp(body)
        + fk
        + com
        + cth
        + u64(t)
        + tag
    )


# ---- C14 sealed ------------------------------------------------------------------------------------------
def seal(pt: bytes, domain: str, sender: Identity, recipients: list[bytes], rng: Rng = os_rng) -> bytes:
    """Version 2 (sealed sender): the sender's identity and signature only inside the body."""
    d = domain.encode()
    eph = rng(32)
    ephp = x25519_base(eph)
    ck = rng(32)
    header = b"\x02" + lp(d) + ephp + u16(len(recipients)) + b"".join(recipients)
    entries = b""
    for r in recipients:
        wk = hkdf(x25519(eph, r), ephp + r, b"haven-sealed-v2" + lp(d), 32)
        n = rng(24)
        entries += n + aead_enc(wk, n, ck, header)
    n = rng(24)
    sig = ed_sign(sender.ed_seed, b"haven-sealed-sig-v2\x00" + header + entries + n + sender.public + pt)
    return header + entries + n + aead_enc(ck, n, sender.public + sig + pt, header + entries)


def seal_v1(pt: bytes, domain: str, sender: Identity, recipients: list[bytes], rng: Rng = os_rng) -> bytes:
    d = domain.encode()
    eph = rng(32)
    ephp = x25519_base(eph)
    ck = rng(32)
    header = b"\x01" + lp(d) + sender.public + ephp + u16(len(recipients)) + b"".join(recipients)
    wraps = b""
    for r in recipients:
        wk = hkdf(x25519(eph, r), ephp + r, b"haven-sealed-v1" + lp(d), 32)
        n = rng(24)
        wraps += n + aead_enc(wk, n, ck, header)
    n = rng(24)
    signed = header + wraps + n + aead_enc(ck, n, pt, header)
    return signed + ed_sign(sender.ed_seed, b"haven-sealed-sig-v1\x00" + signed)


def open_sealed(wire: bytes, domain: str, me: Identity) -> tuple[bytes, bytes]:
    """(sender IdentityPublic, plaintext) of a version-1 or version-2 message."""
    if wire[:1] == b"\x02":
        return _open_v2(wire, domain, me)
    try:
        (dl,) = struct.unpack(">I", wire[1:5])
        d = wire[5 : 5 + dl]
        p = 5 + dl
        spub = wire[p : p + 64]
        ephp = wire[p + 64 : p + 96]
        (cnt,) = struct.unpack(">H", wire[p + 96 : p + 98])
        rs = [wire[p + 98 + 32 * i : p + 130 + 32 * i] for i in range(cnt)]
        hend = p + 98 + 32 * cnt
        header = wire[:hend]
        signed, sig = wire[:-64], wire[-64:]
    except Exception as exc:
        raise Opaque from exc
    if wire[0] != 1 or d != domain.encode() or not ed_verify(spub[:32], b"haven-sealed-sig-v1\x00" + signed, sig):
        raise Opaque
    mine = me.x_pub
    idx = next((i for i, r in enumerate(rs) if _hmac.compare_digest(r, mine)), None)
    if idx is None:
        raise Opaque
    w = wire[hend + 72 * idx : hend + 72 * idx + 72]
    wk = hkdf(x25519(me.x_priv, ephp), ephp + mine, b"haven-sealed-v1" + lp(d), 32)
    ck = aead_dec(wk, w[:24], w[24:], header)
    bp = hend + 72 * cnt
    return spub, aead_dec(ck, wire[bp : bp + 24], wire[bp + 24 : -64], header)


def _open_v2(wire: bytes, domain: str, me: Identity) -> tuple[bytes, bytes]:
    try:
        (dl,) = struct.unpack(">I", wire[1:5])
        d = wire[5 : 5 + dl]
        p = 5 + dl
        ephp = wire[p : p + 32]
        (cnt,) = struct.unpack(">H", wire[p + 32 : p + 34])
        hend = p + 34 + 32 * cnt
        rs = [wire[p + 34 + 32 * i : p + 66 + 32 * i] for i in range(cnt)]
        header, entries = wire[:hend], wire[hend : hend + 72 * cnt]
        n, body = wire[hend + 72 * cnt : hend + 72 * cnt + 24], wire[hend + 72 * cnt + 24 :]
    except Exception as exc:
        raise Opaque from exc
    if d != domain.encode() or len(n) != 24 or not 1 <= cnt <= 64 or len(body) < 144:
        raise Opaque
    mine = me.x_pub
    idx = next((i for i, r in enumerate(rs) if _hmac.compare_digest(r, mine)), None)
    if idx is None:
        raise Opaque
    w = entries[72 * idx : 72 * idx + 72]
    wk = hkdf(x25519(me.x_priv, ephp), ephp + mine, b"haven-sealed-v2" + lp(d), 32)
    ck = aead_dec(wk, w[:24], w[24:], header)
    inner = aead_dec(ck, n, body, header + entries)
    spub, sig, pt = inner[:64], inner[64:128], inner[128:]
    if not ed_verify(spub[:32], b"haven-sealed-sig-v2\x00" + header + entries + n + spub + pt, sig):
        raise Opaque
    return spub, pt


# ---- C10 keystore ----------------------------------------------------------------------------------------
def keystore_seal(entries: dict[str, bytes], passphrase: bytes, ops: int, mem: int, rng: Rng) -> bytes:
    salt, nonce = rng(16), rng(24)
    key = a2.kdf(32, passphrase, salt, opslimit=ops, memlimit=mem)
    contents = u32(len(entries)) + b"".join(lp(k.encode()) + lp(entries[k]) for k in sorted(entries))
    head = b"HVKS\x01" + u64(ops) + u64(mem) + salt + nonce
    return head + aead_enc(key, nonce, contents, head)


# ---- C15 payloads ----------------------------------------------------------------------------------------
def group_payload(msg: bytes) -> bytes:
    return b"\x01" + msg


def pairwise_payload(entries: list[tuple[str, int, bytes]]) -> bytes:
    out = b"\x02" + u8(len(entries))
    for acct, typ, msg in entries:
        out += bytes.fromhex(acct) + u32(1 + len(msg)) + u8(typ) + msg
    return out


def parse_pairwise(p: bytes) -> list[tuple[str, int, bytes]]:
    if p[0] != 2 or not 1 <= p[1] <= 16:
        raise Opaque
    out, i = [], 2
    for _ in range(p[1]):
        acct = p[i : i + 16].hex()
        (n,) = struct.unpack(">I", p[i + 16 : i + 20])
        out.append((acct, p[i + 20], p[i + 21 : i + 20 + n]))
        i += 20 + n
    if i != len(p):
        raise Opaque
    return out


# ---- C16 alert packet ------------------------------------------------------------------------------------
def alert_content_json(content: dict[str, object]) -> bytes:
    """C16's canonical encoding."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def alert_packet(content: dict[str, object], report: bytes) -> bytes:
    return b"\x01" + lp(alert_content_json(content)) + report


# ---- 1.4 bootstrap and audit -----------------------------------------------------------------------------
def bootstrap_proof(secret: bytes, account: str) -> bytes:
    return hmac(secret, b"haven-bootstrap-v1\x00" + account.encode("ascii"))


def link_commit(salt: bytes, value: bytes) -> bytes:
    return blake2b(32, lp(b"haven-audit-link-v2") + lp(salt) + lp(value))


def entry_hash(
    eid: int, actor_commit: bytes, action: str, object_id: str, subject_commit: bytes, t: int, prev: bytes
) -> bytes:
    return blake2b(
        32,
        lp(b"haven-audit-v2")
        + u64(eid)
        + actor_commit
        + lp(action.encode())
        + lp(object_id.encode())
        + subject_commit
        + u64(t)
        + prev,
    )
