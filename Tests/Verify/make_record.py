#!/usr/bin/env python3
"""Makes a small, valid Pingyi record (docs/RECORD.md, format ``pingyi-record-v1``) — TEST ONLY.

It plays every part the real system splits between people: the k-of-n trustees' ceremony
(it knows every trustee's polynomial), the respondents' encryptions and proofs, and the
trustees' decryption shares. Its randomness comes from a seeded ``random.Random`` so records
are reproducible: it must never make a real record.

It reads RECORD.md on its own and shares no code with ``verify/pingyi_verify.py`` (its own
hash, encodings and proofs), so a slip in either shows up as a failing test.

    python Tests/Verify/make_record.py OUT.json [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass, field
from typing import Any, Optional

from ecdsa.curves import NIST256p
from ecdsa.ellipticcurve import INFINITY, PointJacobi

G: PointJacobi = NIST256p.generator
q: int = NIST256p.order
p: int = NIST256p.curve.p()

GRADES = ["满意", "基本满意", "不满意", "不了解"]
STARS = ["★", "★★", "★★★", "★★★★", "★★★★★"]

# (id, target, question, options). E0004 is a chief nobody rated: its tally is all O ("00").
CONTESTS: list[tuple[str, str, str, list[str]]] = [
    ("E0001|grade", "E0001", "grade", GRADES),
    ("E0002|grade", "E0002", "grade", GRADES),
    ("E0003|grade", "E0003", "grade", GRADES),
    ("E0004|grade", "E0004", "grade", GRADES),
    ("D01|star", "D01", "star", STARS),
]

# Each ballot: contest id -> the chosen option's index (the contests a respondent was offered).
BALLOTS: list[dict[str, int]] = [
    {"E0001|grade": 0, "E0002|grade": 1, "D01|star": 4},
    {"E0001|grade": 0, "E0003|grade": 2, "D01|star": 3},
    {"E0002|grade": 3, "E0003|grade": 0, "D01|star": 4},
    {"D01|star": 2},
    {"E0001|grade": 1, "E0002|grade": 0, "E0003|grade": 0, "D01|star": 4},
]

TRUSTEE_NAMES = ["县营商办", "县纪委监委", "县总工会", "县工商联", "县司法局"]


# ---- group and encodings (RECORD.md "The group and the encodings") --------------------------

def is_inf(P: Any) -> bool:
    return P is INFINITY or P == INFINITY


def add(P: Any, Q: Any) -> Any:
    if is_inf(P):
        return Q
    if is_inf(Q):
        return P
    return P + Q


def mul(k: int, P: Any) -> Any:
    k %= q
    if k == 0 or is_inf(P):
        return INFINITY
    return P * k


def sub(P: Any, Q: Any) -> Any:
    return add(P, mul(q - 1, Q))


def point_bytes(P: Any) -> bytes:
    """SEC1 compressed, or 00 for the point at infinity."""
    if is_inf(P):
        return b"\x00"
    A = P.to_affine()
    x, y = A.x() % p, A.y() % p
    return (b"\x03" if y % 2 else b"\x02") + x.to_bytes(32, "big")


def hx(P: Any) -> str:
    return point_bytes(P).hex()


def sx(s: int) -> str:
    return (s % q).to_bytes(32, "big").hex()


def H(tag: str, *parts: bytes) -> bytes:
    data = b"pingyi-tally-v1\x00" + tag.encode() + b"\x00"
    for part in parts:
        data += len(part).to_bytes(4, "big") + part
    return hashlib.sha256(data).digest()


def Hq(tag: str, *parts: bytes) -> int:
    return int.from_bytes(H(tag, *parts), "big") % q


def n4(n: int) -> bytes:
    return n.to_bytes(4, "big")


def s8(text: str) -> bytes:
    return text.encode("utf-8")


# ---- the parts ---------------------------------------------------------------------------------

@dataclass
class Maker:
    """Everything needed while making one record."""
    rng: random.Random
    quorum: int
    n: int
    polys: list[list[int]] = field(default_factory=list)  # polys[j-1][l] = a(j,l)
    K: Any = None
    election_hash: bytes = b""

    def scalar(self) -> int:
        return self.rng.randrange(1, q)

    def secret_share(self, i: int) -> int:
        """s_i = P1(i) + … + Pn(i)."""
        return sum(sum(a * pow(i, l, q) for l, a in enumerate(poly)) for poly in self.polys) % q


def trustee_name(j: int) -> str:
    return TRUSTEE_NAMES[(j - 1) % len(TRUSTEE_NAMES)]


def make_ceremony(mk: Maker, manifest_hash: bytes,
                  old_ceremony_hash: bool = False) -> tuple[dict, bytes]:
    """The trustees' ceremony. ``old_ceremony_hash`` hashes only manifest_hash, n and k (as
    before the trustees' names were bound): such a record must fail on ceremony_hash alone."""
    parts = [manifest_hash, n4(mk.n), n4(mk.quorum)]
    if not old_ceremony_hash:
        for j in range(1, mk.n + 1):  # index order
            parts += [n4(j), s8(trustee_name(j))]
    ceremony_hash = H("ceremony", *parts)
    trustees = []
    for j in range(1, mk.n + 1):
        poly = [mk.scalar() for _ in range(mk.quorum)]  # never 0: no commitment is O
        mk.polys.append(poly)
        commitments, proofs = [], []
        for l, a in enumerate(poly):
            C = mul(a, G)
            w = mk.scalar()
            h = mul(w, G)
            c = Hq("coefficient", ceremony_hash, n4(j), n4(l), point_bytes(C), point_bytes(h))
            commitments.append(hx(C))
            proofs.append({"c": sx(c), "v": sx(w + c * a)})
        trustees.append({"index": j, "name": trustee_name(j),
                         "commitments": commitments, "proofs": proofs})
    return {"quorum": mk.quorum, "trustees": trustees}, ceremony_hash


def encrypt_selection(mk: Maker, contest_id: str, o: int, m: int) -> tuple[dict, int]:
    """An encryption of m (0 or 1) with its disjunctive Chaum–Pedersen proof; and r."""
    r = mk.scalar()  # never 0, so α = r·G is never O (RECORD.md refuses an α that is O)
    alpha, beta = mul(r, G), add(mul(m, G), mul(r, mk.K))
    w = mk.scalar()
    fake_c, fake_v = mk.scalar(), mk.scalar()
    a, b = [None, None], [None, None]
    a[m], b[m] = mul(w, G), mul(w, mk.K)
    f = 1 - m  # the branch simulated
    a[f] = sub(mul(fake_v, G), mul(fake_c, alpha))
    b[f] = sub(mul(fake_v, mk.K), mul(fake_c, sub(beta, mul(f, G))))
    c = Hq("selection", mk.election_hash, s8(contest_id), n4(o), point_bytes(alpha),
           point_bytes(beta), point_bytes(a[0]), point_bytes(b[0]), point_bytes(a[1]),
           point_bytes(b[1]))
    cs, vs = [0, 0], [0, 0]
    cs[f], vs[f] = fake_c, fake_v
    cs[m] = (c - fake_c) % q
    vs[m] = (w + cs[m] * r) % q
    proof = {"c0": sx(cs[0]), "c1": sx(cs[1]), "v0": sx(vs[0]), "v1": sx(vs[1])}
    return {"alpha": hx(alpha), "beta": hx(beta), "proof": proof, "_m": m,
            "_alpha": alpha, "_beta": beta}, r


def encrypt_contest(mk: Maker, contest_id: str, n_options: int, choices: list[int]) -> dict:
    """A contest's vector: 1 at each chosen option (exactly one for an honest ballot) with
    its contest proof (a made-up one when the vector does not hold exactly one 1)."""
    selections, R = [], 0
    for o in range(n_options):
        sel, r = encrypt_selection(mk, contest_id, o, choices.count(o))
        selections.append(sel)
        R += r
    A = B = INFINITY
    for sel in selections:
        A, B = add(A, sel["_alpha"]), add(B, sel["_beta"])
    if len(choices) == 1:
        w = mk.scalar()
        c = Hq("contest", mk.election_hash, s8(contest_id), point_bytes(A), point_bytes(B),
               point_bytes(mul(w, G)), point_bytes(mul(w, mk.K)))
        proof = {"c": sx(c), "v": sx(w + c * R)}
    else:  # no proof can be made: the best a cheat can do
        proof = {"c": sx(mk.scalar()), "v": sx(mk.scalar())}
    return {"id": contest_id, "selections": selections, "proof": proof}


def ballot_hash(election_hash: bytes, contests: list[dict], texts: list[str]) -> bytes:
    parts = [election_hash, n4(len(contests))]
    for c in contests:
        parts += [s8(c["id"]), n4(len(c["selections"]))]
        for s in c["selections"]:
            parts += [bytes.fromhex(s["alpha"]), bytes.fromhex(s["beta"])]
    parts.append(n4(len(texts)))
    parts += [bytes.fromhex(t) for t in texts]
    return H("ballot", *parts)


def decryption_share(mk: Maker, i: int, A: Any, B: Any) -> dict:
    s_i = mk.secret_share(i)
    K_i = mul(s_i, G)
    M_i = mul(s_i, A)
    w = mk.scalar()
    c = Hq("share", mk.election_hash, n4(i), point_bytes(K_i), point_bytes(A), point_bytes(B),
           point_bytes(M_i), point_bytes(mul(w, G)), point_bytes(mul(w, A)))
    return {"trustee": i, "share": hx(M_i), "proof": {"c": sx(c), "v": sx(w + c * s_i)},
            "_M": M_i}


def lagrange(i: int, present: list[int]) -> int:
    num = den = 1
    for j in present:
        if j != i:
            num, den = num * j % q, den * (j - i) % q
    return num * pow(den, q - 2, q) % q


def make_record(seed: int = 1, quorum: int = 2, trustees: int = 3,
                present: tuple[int, ...] = (1, 3), ballots: Optional[list[dict]] = None,
                texts: int = 12, double_vote: Optional[tuple[int, str, int]] = None,
                old_ceremony_hash: bool = False) -> dict:
    """A valid record (per RECORD.md) of CONTESTS and ``ballots`` (default BALLOTS), counted
    by a ``quorum``-of-``trustees`` ceremony whose trustees ``present`` give decryption shares.

    ``double_vote=(ballot index, contest id, option)`` makes that ballot also choose a second
    option in that contest — valid selection proofs, but no contest proof can exist.
    ``old_ceremony_hash`` makes ceremony_hash without the trustees' names (the former rule):
    every proof holds against it, but it is not the hash RECORD.md defines."""
    mk = Maker(random.Random(seed), quorum, trustees)
    ballots = BALLOTS if ballots is None else ballots
    manifest = {"campaign": "2026 客商评议股室长",
                "contests": [{"id": i, "target": t, "question": qu, "options": o}
                             for i, t, qu, o in CONTESTS]}
    mparts = [s8(manifest["campaign"]), n4(len(CONTESTS))]
    for cid, target, question, options in CONTESTS:
        mparts += [s8(cid), s8(target), s8(question), n4(len(options))] + [s8(o) for o in options]
    manifest_hash = H("manifest", *mparts)

    ceremony, ceremony_hash = make_ceremony(mk, manifest_hash, old_ceremony_hash)
    joint = INFINITY
    for poly in mk.polys:
        joint = add(joint, mul(poly[0], G))
    assert not is_inf(joint), "the joint key is O"  # RECORD.md refuses it (nearly impossible)
    A = joint.to_affine()
    mk.K = PointJacobi(NIST256p.curve, A.x(), A.y(), 1, q, generator=True)  # precomputed
    mk.election_hash = H("election", ceremony_hash, point_bytes(joint))

    code = H("chain-start", mk.election_hash)
    made = []
    for b, choices in enumerate(ballots):
        contests = []
        for cid, _, _, options in CONTESTS:  # manifest order
            if cid in choices:
                chosen = [choices[cid]]
                if double_vote and double_vote[:2] == (b, cid):
                    chosen.append(double_vote[2])
                contests.append(encrypt_contest(mk, cid, len(options), chosen))
        # The hashes of the texts the ballot sealed (the texts themselves are not in the record).
        text_hashes = [hashlib.sha256(f"text {b} {t}".encode()).hexdigest() for t in range(b % 3)]
        code = H("chain", code, ballot_hash(mk.election_hash, contests, text_hashes))
        made.append({"code": code.hex(), "contests": contests, "texts": text_hashes})

    tally = []
    for cid, _, _, options in CONTESTS:
        held = [c for b in made for c in b["contests"] if c["id"] == cid]
        sels = []
        for o in range(len(options)):
            A = B = INFINITY
            total = 0
            for c in held:
                A, B = add(A, c["selections"][o]["_alpha"]), add(B, c["selections"][o]["_beta"])
                total += c["selections"][o]["_m"]
            shares = [decryption_share(mk, i, A, B) for i in present]
            M = INFINITY
            for s in shares:
                M = add(M, mul(lagrange(s["trustee"], list(present)), s["_M"]))
            assert point_bytes(sub(B, M)) == point_bytes(mul(total, G)), "decryption"
            sels.append({"alpha": hx(A), "beta": hx(B), "total": total, "shares": shares})
        tally.append({"id": cid, "ballots": len(held), "selections": sels})

    record = {
        "format": "pingyi-record-v1", "group": "P-256",
        "manifest": manifest, "manifest_hash": manifest_hash.hex(),
        "ceremony": ceremony, "ceremony_hash": ceremony_hash.hex(),
        "joint_key": hx(joint), "election_hash": mk.election_hash.hex(),
        "ballots": made, "chain_end": code.hex(),
        "tally": tally,
        "texts": {"count": texts},
    }
    record = _strip(record)
    for path, names in _fields(record).items():
        assert names <= RECORD_FIELDS.get(path, set()), f"{path}: a field RECORD.md does not name"
    return record


# RECORD.md's fields, level by level (path with [] for an array's elements -> its fields): the
# record holds exactly these, no more.
RECORD_FIELDS: dict[str, set[str]] = {
    "": {"format", "group", "manifest", "manifest_hash", "ceremony", "ceremony_hash",
         "joint_key", "election_hash", "ballots", "chain_end", "tally", "texts"},
    "manifest": {"campaign", "contests"},
    "manifest.contests[]": {"id", "target", "question", "options"},
    "ceremony": {"quorum", "trustees"},
    "ceremony.trustees[]": {"index", "name", "commitments", "proofs"},
    "ceremony.trustees[].proofs[]": {"c", "v"},
    "ballots[]": {"code", "contests", "texts"},
    "ballots[].contests[]": {"id", "selections", "proof"},
    "ballots[].contests[].proof": {"c", "v"},
    "ballots[].contests[].selections[]": {"alpha", "beta", "proof"},
    "ballots[].contests[].selections[].proof": {"c0", "c1", "v0", "v1"},
    "tally[]": {"id", "ballots", "selections"},
    "tally[].selections[]": {"alpha", "beta", "total", "shares"},
    "tally[].selections[].shares[]": {"trustee", "share", "proof"},
    "tally[].selections[].shares[].proof": {"c", "v"},
    "texts": {"count"},
}


def _fields(value: Any, path: str = "", into: Optional[dict] = None) -> dict[str, set[str]]:
    """The fields found at each level of ``value`` (as RECORD_FIELDS writes them)."""
    into = {} if into is None else into
    if isinstance(value, dict):
        into.setdefault(path, set()).update(value)
        for k, v in value.items():
            _fields(v, f"{path}.{k}" if path else k, into)
    elif isinstance(value, list):
        for v in value:
            _fields(v, f"{path}[]", into)
    return into


def _strip(value: Any) -> Any:
    """The record without the maker's working values (keys starting '_')."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description="Make a small valid test record (TEST ONLY).")
    parser.add_argument("out", help="where to write the record's JSON")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(make_record(seed=args.seed), f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
