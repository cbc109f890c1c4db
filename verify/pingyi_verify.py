#!/usr/bin/env python3
"""Independent verifier of Pingyi's published record (format ``pingyi-record-v1``).

    python verify/pingyi_verify.py RECORD.json [--code ABCD-EFGH-IJKL-MNOP]

Checks everything ``docs/RECORD.md`` says a verifier checks: the hashes, the trustees'
coefficient proofs and the joint key, every ballot's shape and proofs, the chain of tracking
codes, and the tally's sums, decryption shares and totals.

Its group arithmetic is python-ecdsa's pure-Python P-256 (``ecdsa.curves.NIST256p``), written
and kept apart from the server's OpenSSL; hashing is ``hashlib.sha256``. Nothing else is used.

Exit status: 0 when every check passed, 1 when a check failed (each failure is printed, naming
the ballot, contest, option or trustee; a field RECORD.md does not name is such a failure, named
by its path, e.g. ``ballots[3].cast_at``), 2 when the record cannot be read (not JSON, a field
missing or of the wrong type, bad hexadecimal, a point not on the curve, a scalar not below q).

For tests and other programs: ``verify_record(record) -> list[str]`` (the failure messages,
empty when the record is valid; it raises ``RecordFormatError`` on a malformed record) and
``tracking_code(code) -> str``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional

try:
    from ecdsa.curves import NIST256p
    from ecdsa.ellipticcurve import INFINITY, PointJacobi
    from ecdsa.numbertheory import jacobi, square_root_mod_prime
except ImportError:  # pragma: no cover - a message, not a traceback
    print("pingyi_verify: needs python-ecdsa (pip install ecdsa==0.19.0)", file=sys.stderr)
    sys.exit(2)

# --------------------------------------------------------------------------------------------
# The group: P-256 from python-ecdsa
# --------------------------------------------------------------------------------------------

CURVE = NIST256p.curve
G: PointJacobi = NIST256p.generator  # has a precomputed multiplication table
q: int = NIST256p.order
p: int = CURVE.p()

FORMAT = "pingyi-record-v1"
GROUP = "P-256"
HASH_PREFIX = b"pingyi-tally-v1"

GroupElement = Any
"""A ``PointJacobi`` of P-256 or ``ecdsa.ellipticcurve.INFINITY`` (the point at infinity O)."""


class RecordFormatError(Exception):
    """The record cannot be read: not JSON, a field missing or of the wrong type, bad hex,
    a point not on the curve, a scalar out of range. Its message names where."""


def is_infinity(point: GroupElement) -> bool:
    """True for the point at infinity O, however python-ecdsa represents it."""
    return point is INFINITY or point == INFINITY


def add(left: GroupElement, right: GroupElement) -> GroupElement:
    """left + right."""
    if is_infinity(left):
        return right
    if is_infinity(right):
        return left
    return left + right


def neg(point: GroupElement) -> GroupElement:
    """−point."""
    return point if is_infinity(point) else -point


def mul(scalar: int, point: GroupElement) -> GroupElement:
    """scalar·point (the scalar is reduced mod q)."""
    scalar %= q
    if scalar == 0 or is_infinity(point):
        return INFINITY
    return point * scalar


def lin(a: int, first: GroupElement, b: int, second: GroupElement) -> GroupElement:
    """a·first + b·second in one pass (python-ecdsa's ``PointJacobi.mul_add``)."""
    a %= q
    b %= q
    if a == 0 or is_infinity(first):
        return mul(b, second)
    if b == 0 or is_infinity(second):
        return mul(a, first)
    return first.mul_add(a, second, b)


def encode_point(point: GroupElement) -> bytes:
    """SEC1 compressed bytes (33 bytes), or the single byte 00 for O."""
    if is_infinity(point):
        return b"\x00"
    affine = point.to_affine()
    x, y = affine.x() % p, affine.y() % p
    return bytes([2 + (y & 1)]) + x.to_bytes(32, "big")


@lru_cache(maxsize=65536)
def _decode_point_bytes(raw: bytes) -> GroupElement | str:
    """The point of SEC1 compressed bytes, or a string saying why they are not one."""
    if raw == b"\x00":
        return INFINITY
    if len(raw) != 33 or raw[0] not in (2, 3):
        return (f"not a compressed point (33 bytes starting 02 or 03, or the single byte 00 for"
                f" infinity): {len(raw)} bytes starting {raw[:1].hex() or 'nothing'}")
    x = int.from_bytes(raw[1:], "big")
    if x >= p:
        return "x coordinate is not below the field prime of P-256"
    rhs = (x * x * x + CURVE.a() * x + CURVE.b()) % p
    if rhs != 0 and jacobi(rhs, p) != 1:
        return "not a point of P-256 (no y satisfies the curve equation for this x)"
    y = square_root_mod_prime(rhs, p) if rhs else 0
    if (y & 1) != (raw[0] & 1):
        y = p - y
    if y >= p or (y * y - rhs) % p != 0:
        return "not a point of P-256"
    return PointJacobi(CURVE, x, y, 1, q)


def decode_point_bytes(raw: bytes, where: str) -> GroupElement:
    """The point of SEC1 compressed bytes; RecordFormatError naming ``where`` if it is not."""
    point = _decode_point_bytes(raw)
    if isinstance(point, str):
        raise RecordFormatError(f"{where}: {point}")
    return point


# --------------------------------------------------------------------------------------------
# The hash
# --------------------------------------------------------------------------------------------

def u32(n: int) -> bytes:
    """An integer inside a hash: 4 bytes big-endian."""
    return n.to_bytes(4, "big")


def utf8(text: str) -> bytes:
    """A string inside a hash: its UTF-8 bytes."""
    return text.encode("utf-8")


def scalar_bytes(s: int) -> bytes:
    """A scalar inside a hash: 32 bytes big-endian."""
    return s.to_bytes(32, "big")


def H(tag: str, *parts: bytes) -> bytes:
    """SHA-256("pingyi-tally-v1" ‖ 00 ‖ tag ‖ 00 ‖ u32(len p1) ‖ p1 ‖ …)."""
    digest = hashlib.sha256(HASH_PREFIX + b"\x00" + tag.encode("ascii") + b"\x00")
    for part in parts:
        digest.update(u32(len(part)))
        digest.update(part)
    return digest.digest()


def Hq(tag: str, *parts: bytes) -> int:
    """H read as a big-endian integer, modulo q."""
    return int.from_bytes(H(tag, *parts), "big") % q


def tracking_code(code: bytes) -> str:
    """The respondent's tracking code: base32 (RFC 4648, no padding) of the first 10 bytes
    of ``code``, in four groups of four joined with '-'."""
    text = base64.b32encode(code[:10]).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalize_tracking_code(text: str) -> Optional[str]:
    """A typed tracking code in the canonical ABCD-EFGH-IJKL-MNOP form, or None if it is not
    one (case, spaces and dashes are forgiven)."""
    letters = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"[A-Z2-7]{16}", letters):
        return None
    return "-".join(letters[i:i + 4] for i in range(0, 16, 4))


# --------------------------------------------------------------------------------------------
# Reading the record (every format error is RecordFormatError naming where)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Elem:
    """A published point: its bytes as published (for hashing) and its group element."""
    raw: bytes
    point: GroupElement


@dataclass
class Contest:
    id: str
    target: str
    question: str
    options: list[str]


@dataclass
class Trustee:
    index: int
    name: str
    commitments: list[Elem]
    proofs: list[tuple[int, int]]  # (c, v)


@dataclass
class Selection:
    alpha: Elem
    beta: Elem
    c0: int
    c1: int
    v0: int
    v1: int


@dataclass
class BallotContest:
    id: str
    selections: list[Selection]
    c: int
    v: int


@dataclass
class Ballot:
    code: bytes
    contests: list[BallotContest]
    texts: list[bytes]


@dataclass
class Share:
    trustee: int
    M: Elem
    c: int
    v: int


@dataclass
class TallySelection:
    A: Elem
    B: Elem
    total: int
    shares: list[Share]


@dataclass
class TallyContest:
    id: str
    ballots: int
    selections: list[TallySelection]


@dataclass
class Record:
    format: str
    group: str
    campaign: str
    contests: list[Contest]
    manifest_hash: bytes
    quorum: int
    trustees: list[Trustee]
    ceremony_hash: bytes
    joint_key: Elem
    election_hash: bytes
    ballots: list[Ballot]
    chain_end: bytes
    tally: list[TallyContest]
    texts_count: Any  # checked, not read: must be a non-negative integer
    unnamed: list[str] = field(default_factory=list)  # paths of fields RECORD.md does not name


def _field(obj: dict, key: str, where: str) -> Any:
    if key not in obj:
        raise RecordFormatError(f"{where}: missing field {key!r}")
    return obj[key]


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise RecordFormatError(f"{where}: expected a JSON object, got {_kind(value)}")
    return value


def _array(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise RecordFormatError(f"{where}: expected a JSON array, got {_kind(value)}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RecordFormatError(f"{where}: expected a string, got {_kind(value)}")
    return value


def _integer(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordFormatError(f"{where}: expected an integer, got {_kind(value)}")
    return value


def _u32(value: Any, where: str) -> int:
    n = _integer(value, where)
    if not 0 <= n < 2 ** 32:
        raise RecordFormatError(f"{where}: {n} does not fit in an unsigned 32-bit integer")
    return n


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "an integer", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _hex(value: Any, where: str) -> bytes:
    text = _string(value, where)
    if not re.fullmatch(r"(?:[0-9a-f]{2})+", text):
        raise RecordFormatError(f"{where}: not lowercase hexadecimal bytes: {text[:80]!r}")
    return bytes.fromhex(text)


def _point(value: Any, where: str) -> Elem:
    raw = _hex(value, where)
    return Elem(raw, decode_point_bytes(raw, where))


def _scalar(value: Any, where: str) -> int:
    raw = _hex(value, where)
    if len(raw) != 32:
        raise RecordFormatError(f"{where}: a scalar is 32 bytes (64 hex digits), got {len(raw)}")
    s = int.from_bytes(raw, "big")
    if s >= q:
        raise RecordFormatError(f"{where}: scalar is not below the group order q")
    return s


def _digest(value: Any, where: str) -> bytes:
    raw = _hex(value, where)
    if len(raw) != 32:
        raise RecordFormatError(f"{where}: a hash is 32 bytes (64 hex digits), got {len(raw)}")
    return raw


def _path(where: str, key: str) -> str:
    """The path of obj[key] when obj is at ``where`` ("record" is the top level)."""
    return key if where == "record" else f"{where}.{key}"


def _items(obj: dict, key: str, where: str) -> Iterable[tuple[Any, str]]:
    """Each element of the array obj[key] with its path."""
    for i, item in enumerate(_array(_field(obj, key, where), _path(where, key))):
        yield item, f"{_path(where, key)}[{i}]"


def _read_contest(value: Any, where: str) -> Contest:
    obj = _object(value, where)
    return Contest(
        id=_string(_field(obj, "id", where), f"{where}.id"),
        target=_string(_field(obj, "target", where), f"{where}.target"),
        question=_string(_field(obj, "question", where), f"{where}.question"),
        options=[_string(o, w) for o, w in _items(obj, "options", where)],
    )


def _read_trustee(value: Any, where: str) -> Trustee:
    obj = _object(value, where)
    proofs = []
    for proof, w in _items(obj, "proofs", where):
        proof = _object(proof, w)
        proofs.append((_scalar(_field(proof, "c", w), f"{w}.c"),
                       _scalar(_field(proof, "v", w), f"{w}.v")))
    return Trustee(
        index=_u32(_field(obj, "index", where), f"{where}.index"),
        name=_string(_field(obj, "name", where), f"{where}.name"),
        commitments=[_point(c, w) for c, w in _items(obj, "commitments", where)],
        proofs=proofs,
    )


def _read_selection(value: Any, where: str) -> Selection:
    obj = _object(value, where)
    proof = _object(_field(obj, "proof", where), f"{where}.proof")
    w = f"{where}.proof"
    return Selection(
        alpha=_point(_field(obj, "alpha", where), f"{where}.alpha"),
        beta=_point(_field(obj, "beta", where), f"{where}.beta"),
        c0=_scalar(_field(proof, "c0", w), f"{w}.c0"),
        c1=_scalar(_field(proof, "c1", w), f"{w}.c1"),
        v0=_scalar(_field(proof, "v0", w), f"{w}.v0"),
        v1=_scalar(_field(proof, "v1", w), f"{w}.v1"),
    )


def _read_ballot(value: Any, where: str) -> Ballot:
    obj = _object(value, where)
    contests = []
    for contest, w in _items(obj, "contests", where):
        contest = _object(contest, w)
        proof = _object(_field(contest, "proof", w), f"{w}.proof")
        contests.append(BallotContest(
            id=_string(_field(contest, "id", w), f"{w}.id"),
            selections=[_read_selection(s, sw) for s, sw in _items(contest, "selections", w)],
            c=_scalar(_field(proof, "c", f"{w}.proof"), f"{w}.proof.c"),
            v=_scalar(_field(proof, "v", f"{w}.proof"), f"{w}.proof.v"),
        ))
    texts = [_digest(t, tw) for t, tw in _items(obj, "texts", where)]
    return Ballot(code=_digest(_field(obj, "code", where), f"{where}.code"), contests=contests, texts=texts)


def _read_share(value: Any, where: str) -> Share:
    obj = _object(value, where)
    proof = _object(_field(obj, "proof", where), f"{where}.proof")
    return Share(
        trustee=_u32(_field(obj, "trustee", where), f"{where}.trustee"),
        M=_point(_field(obj, "share", where), f"{where}.share"),
        c=_scalar(_field(proof, "c", f"{where}.proof"), f"{where}.proof.c"),
        v=_scalar(_field(proof, "v", f"{where}.proof"), f"{where}.proof.v"),
    )


def _read_tally_contest(value: Any, where: str) -> TallyContest:
    obj = _object(value, where)
    selections = []
    for sel, w in _items(obj, "selections", where):
        sel = _object(sel, w)
        selections.append(TallySelection(
            A=_point(_field(sel, "alpha", w), f"{w}.alpha"),
            B=_point(_field(sel, "beta", w), f"{w}.beta"),
            total=_integer(_field(sel, "total", w), f"{w}.total"),
            shares=[_read_share(s, sw) for s, sw in _items(sel, "shares", w)],
        ))
    return TallyContest(
        id=_string(_field(obj, "id", where), f"{where}.id"),
        ballots=_integer(_field(obj, "ballots", where), f"{where}.ballots"),
        selections=selections,
    )


# The fields RECORD.md names, at every level: a dict is an object (its named fields), a
# one-element list an array of such elements, None a value with no fields inside.
_PROOF_CV = {"c": None, "v": None}
NAMED_FIELDS: dict = {
    "format": None, "group": None,
    "manifest": {"campaign": None,
                 "contests": [{"id": None, "target": None, "question": None, "options": None}]},
    "manifest_hash": None,
    "ceremony": {"quorum": None,
                 "trustees": [{"index": None, "name": None, "commitments": None,
                               "proofs": [_PROOF_CV]}]},
    "ceremony_hash": None, "joint_key": None, "election_hash": None,
    "ballots": [{"code": None, "texts": None,
                 "contests": [{"id": None,
                               "selections": [{"alpha": None, "beta": None,
                                               "proof": {"c0": None, "c1": None,
                                                         "v0": None, "v1": None}}],
                               "proof": _PROOF_CV}]}],
    "chain_end": None,
    "tally": [{"id": None, "ballots": None,
               "selections": [{"alpha": None, "beta": None, "total": None,
                               "shares": [{"trustee": None, "share": None,
                                           "proof": _PROOF_CV}]}]}],
    "texts": {"count": None},
}


def unnamed_fields(value: Any, named: Any = NAMED_FIELDS, where: str = "record") -> list[str]:
    """The path of every field of ``value`` that RECORD.md does not name (``ballots[3].cast_at``)."""
    found = []
    if isinstance(named, dict) and isinstance(value, dict):
        for key, inner in value.items():
            if key in named:
                found += unnamed_fields(inner, named[key], _path(where, key))
            else:
                found.append(_path(where, key))
    elif isinstance(named, list) and isinstance(value, list):
        for i, item in enumerate(value):
            found += unnamed_fields(item, named[0], f"{where}[{i}]")
    return found


def read_record(value: Any) -> Record:
    """The record's contents, decoded; RecordFormatError naming the first thing unreadable."""
    top = _object(value, "record")
    manifest = _object(_field(top, "manifest", "record"), "manifest")
    ceremony = _object(_field(top, "ceremony", "record"), "ceremony")
    texts = _object(_field(top, "texts", "record"), "texts")
    return Record(
        format=_string(_field(top, "format", "record"), "format"),
        group=_string(_field(top, "group", "record"), "group"),
        campaign=_string(_field(manifest, "campaign", "manifest"), "manifest.campaign"),
        contests=[_read_contest(c, w) for c, w in _items(manifest, "contests", "manifest")],
        manifest_hash=_digest(_field(top, "manifest_hash", "record"), "manifest_hash"),
        quorum=_u32(_field(ceremony, "quorum", "ceremony"), "ceremony.quorum"),
        trustees=[_read_trustee(t, w) for t, w in _items(ceremony, "trustees", "ceremony")],
        ceremony_hash=_digest(_field(top, "ceremony_hash", "record"), "ceremony_hash"),
        joint_key=_point(_field(top, "joint_key", "record"), "joint_key"),
        election_hash=_digest(_field(top, "election_hash", "record"), "election_hash"),
        ballots=[_read_ballot(b, w) for b, w in _items(top, "ballots", "record")],
        chain_end=_digest(_field(top, "chain_end", "record"), "chain_end"),
        tally=[_read_tally_contest(t, w) for t, w in _items(top, "tally", "record")],
        texts_count=_field(texts, "count", "texts"),
        unnamed=unnamed_fields(top),
    )


# --------------------------------------------------------------------------------------------
# The report: one line per kind of check, and each failure
# --------------------------------------------------------------------------------------------

KINDS: dict[str, tuple[str, bool]] = {
    # kind: (label, singular — a single check, printed without a count)
    "format": (f"format {FORMAT}, group {GROUP}", True),
    "fields": ("only the fields RECORD.md names, at every level", True),
    "manifest": ("manifest_hash recomputed", True),
    "contest_ids": ("contest ids unique in the manifest", True),
    "ceremony": ("ceremony: 1 ≤ quorum ≤ n, trustees 1 … n, k commitments and k proofs each,"
                 " no commitment O", True),
    "ceremony_hash": ("ceremony_hash recomputed", True),
    "coefficient": ("coefficient proofs (Schnorr)", False),
    "joint_key": ("joint_key = Σ C(j,0), not O", True),
    "election_hash": ("election_hash recomputed", True),
    "ballot_shape": ("ballots: contests known, in manifest order, no repeats, "
                     "one selection per option, no α O", False),
    "selection": ("selection proofs (each encrypts 0 or 1)", False),
    "contest": ("contest proofs (exactly one 1)", False),
    "alpha": ("selections with an α found nowhere else", False),
    "chain": ("tracking codes in one chain", False),
    "chain_end": ("chain_end is the last code", True),
    "tally_shape": ("tally: one entry per manifest contest, in order, one per option", True),
    "tally_ballots": ("tally ballot counts", False),
    "aggregate": ("aggregates (A, B) = sums over the ballots", False),
    "share_trustee": ("decryption shares from known trustees, none twice", False),
    "share": ("decryption share proofs (against K_i from the commitments)", False),
    "quorum": ("quorums (≥ quorum valid shares from distinct trustees)", False),
    "decryption": ("decryptions (B − Σ λ_i·M_i = total·G)", False),
    "total_range": ("totals within 0 … ballots", False),
    "total_sum": ("contests whose totals add up to their ballots", False),
    "texts": ("texts.count a non-negative integer", True),
}


@dataclass
class KindResult:
    checked: int = 0  # things checked
    failed: int = 0  # things that failed a check (one may fail in more than one way)
    failures: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What was checked, and every failure, by kind (in KINDS order)."""
    results: dict[str, KindResult] = field(
        default_factory=lambda: {kind: KindResult() for kind in KINDS})
    codes: list[str] = field(default_factory=list)  # listed tracking codes, for --code

    def check(self, kind: str, ok: bool, message: Callable[[], str] | str) -> bool:
        """Count one check of ``kind``; record ``message`` (called lazily) when not ok."""
        result = self.results[kind]
        result.checked += 1
        if not ok:
            result.failed += 1
            result.failures.append(message() if callable(message) else message)
        return ok

    def check_all(self, kind: str, problems: list[str]) -> bool:
        """Count one check of ``kind`` that found ``problems`` (ok when there are none)."""
        result = self.results[kind]
        result.checked += 1
        if problems:
            result.failed += 1
            result.failures.extend(problems)
        return not problems

    @property
    def failures(self) -> list[str]:
        return [msg for result in self.results.values() for msg in result.failures]

    def lines(self, max_per_kind: int = 20) -> list[str]:
        """The human report: a ✓ or ✗ line per kind of check, failures under their kind."""
        out = []
        for kind, result in self.results.items():
            label, singular = KINDS[kind]
            if not result.failures:
                out.append(f"✓ {label}" if singular else f"✓ {result.checked} {label}")
                continue
            out.append(f"✗ {label}: FAILED" if singular
                       else f"✗ {label}: {result.failed} of {result.checked} FAILED")
            bad = len(result.failures)
            for msg in result.failures[:max_per_kind]:
                out.append(f"    ✗ {msg}")
            if bad > max_per_kind:
                out.append(f"    … and {bad - max_per_kind} more")
        return out


# --------------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------------

def manifest_hash(campaign: str, contests: list[Contest]) -> bytes:
    """H("manifest"; campaign, u32(#contests), per contest: id, target, question,
    u32(#options), each option)."""
    parts = [utf8(campaign), u32(len(contests))]
    for c in contests:
        parts += [utf8(c.id), utf8(c.target), utf8(c.question), u32(len(c.options))]
        parts += [utf8(o) for o in c.options]
    return H("manifest", *parts)


def ceremony_hash(manifest_hash: bytes, quorum: int, trustees: list[Trustee]) -> bytes:
    """H("ceremony"; manifest_hash, u32(n), u32(k), per trustee in index order: u32(index),
    name)."""
    parts = [manifest_hash, u32(len(trustees)), u32(quorum)]
    for t in sorted(trustees, key=lambda t: t.index):
        parts += [u32(t.index), utf8(t.name)]
    return H("ceremony", *parts)


def ballot_hash(election_hash: bytes, contests: list[BallotContest], texts: list[bytes]) -> bytes:
    """H("ballot"; election_hash, u32(#contests), per contest: id, u32(#selections),
    per selection: α, β; then u32(#texts), each text's SHA-256)."""
    parts = [election_hash, u32(len(contests))]
    for c in contests:
        parts += [utf8(c.id), u32(len(c.selections))]
        for s in c.selections:
            parts += [s.alpha.raw, s.beta.raw]
    parts += [u32(len(texts))] + list(texts)
    return H("ballot", *parts)


def lagrange_at_zero(i: int, present: list[int]) -> int:
    """λ_i = Π_{j≠i} j / (j − i) mod q over the trustees present."""
    num, den = 1, 1
    for j in present:
        if j != i:
            num = num * j % q
            den = den * (j - i) % q
    return num * pow(den, -1, q) % q


def check_format(rec: Record, report: Report) -> None:
    problems = []
    if rec.format != FORMAT:
        problems.append(f"format is {rec.format!r}, expected {FORMAT!r}")
    if rec.group != GROUP:
        problems.append(f"group is {rec.group!r}, expected {GROUP!r}")
    report.check_all("format", problems)
    report.check_all("fields", [f"{path}: a field RECORD.md does not name"
                                for path in rec.unnamed])


def check_manifest(rec: Record, report: Report) -> None:
    computed = manifest_hash(rec.campaign, rec.contests)
    report.check("manifest", computed == rec.manifest_hash,
                 lambda: f"manifest_hash {rec.manifest_hash.hex()} is not the hash of the "
                         f"manifest ({computed.hex()}): the manifest was changed")
    ids = [c.id for c in rec.contests]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    report.check_all("contest_ids", [f"manifest: contest id {i!r} appears more than once"
                                     for i in repeated])


def check_ceremony(rec: Record, report: Report) -> dict[int, GroupElement]:
    """Checks the ceremony, its proofs, the joint key and the hashes; returns each trustee's
    public share K_i computed from the commitments."""
    n, k = len(rec.trustees), rec.quorum
    problems = []
    if not 1 <= k <= n:
        problems.append(f"ceremony: quorum {k} is not within 1 … {n} (the number of trustees)")
    indexes = [t.index for t in rec.trustees]
    if sorted(indexes) != list(range(1, n + 1)):
        problems.append(f"ceremony: trustee indexes {indexes} are not 1 … {n}, each once")
    for t in rec.trustees:
        if len(t.commitments) != k:
            problems.append(f"trustee {t.index}: {len(t.commitments)} commitments, expected {k}")
        if len(t.proofs) != k:
            problems.append(f"trustee {t.index}: {len(t.proofs)} coefficient proofs, expected {k}")
        for l, C in enumerate(t.commitments):
            if is_infinity(C.point):
                problems.append(f"trustee {t.index}: commitment C({t.index},{l}) is O (00)")
    report.check_all("ceremony", problems)

    computed = ceremony_hash(rec.manifest_hash, k, rec.trustees)
    report.check("ceremony_hash", computed == rec.ceremony_hash,
                 lambda: f"ceremony_hash {rec.ceremony_hash.hex()} is not "
                         f"H(\"ceremony\"; manifest_hash, {n}, {k}, the trustees' indexes and"
                         f" names) = {computed.hex()}")

    for t in rec.trustees:
        for l, (C, (c, v)) in enumerate(zip(t.commitments, t.proofs)):
            h = lin(v, G, -c, C.point)
            expected = Hq("coefficient", rec.ceremony_hash, u32(t.index), u32(l), C.raw,
                          encode_point(h))
            report.check("coefficient", c == expected,
                         lambda: f"trustee {t.index} ({t.name}): proof of commitment C({t.index},{l})"
                                 f" does not hold")

    joint = INFINITY
    for t in rec.trustees:
        if t.commitments:
            joint = add(joint, t.commitments[0].point)
    problems = []
    if is_infinity(rec.joint_key.point):
        problems.append("joint_key is O (00)")
    if encode_point(joint) != rec.joint_key.raw:
        problems.append(f"joint_key {rec.joint_key.raw.hex()} is not the sum of the trustees'"
                        f" C(j,0) ({encode_point(joint).hex()})")
    report.check_all("joint_key", problems)

    computed = H("election", rec.ceremony_hash, rec.joint_key.raw)
    report.check("election_hash", computed == rec.election_hash,
                 lambda: f"election_hash {rec.election_hash.hex()} is not "
                         f"H(\"election\"; ceremony_hash, joint_key) = {computed.hex()}")
    return public_shares(rec.trustees)


def public_shares(trustees: list[Trustee]) -> dict[int, GroupElement]:
    """K_i = Σ_j Σ_l i^l·C(j,l) for each trustee index i, as Σ_l i^l·D_l with D_l = Σ_j C(j,l)."""
    depth = max((len(t.commitments) for t in trustees), default=0)
    sums = [INFINITY] * depth
    for t in trustees:
        for l, C in enumerate(t.commitments):
            sums[l] = add(sums[l], C.point)
    shares = {}
    for t in trustees:
        K = INFINITY
        for l, D in enumerate(sums):
            K = add(K, mul(pow(t.index, l, q), D))
        shares[t.index] = K
    return shares


def ballot_label(number: int, ballot: Ballot) -> str:
    """How failures name a ballot: its place in the list (from 1) and its tracking code."""
    return f"ballot #{number} [{tracking_code(ballot.code)}]"


def option_label(contests: dict[str, Contest], contest_id: str, o: int) -> str:
    """How failures name an option: contest id, option index (from 0) and its text."""
    contest = contests.get(contest_id)
    text = f" ({contest.options[o]})" if contest and o < len(contest.options) else ""
    return f"contest {contest_id!r} option {o}{text}"


def check_ballot_shape(number: int, ballot: Ballot, contests: dict[str, Contest],
                       order: dict[str, int], report: Report) -> None:
    label = ballot_label(number, ballot)
    last = -1
    seen: set[str] = set()
    problems = []
    for bc in ballot.contests:
        if bc.id not in contests:
            problems.append(f"contest {bc.id!r} is not in the manifest")
            continue
        if bc.id in seen:
            problems.append(f"contest {bc.id!r} appears twice")
        elif order[bc.id] < last:
            problems.append(f"contest {bc.id!r} is out of manifest order")
        seen.add(bc.id)
        last = max(last, order[bc.id])
        want = len(contests[bc.id].options)
        if len(bc.selections) != want:
            problems.append(f"contest {bc.id!r} has {len(bc.selections)} selections, "
                            f"the manifest has {want} options")
    for bc in ballot.contests:
        for o, sel in enumerate(bc.selections):
            if is_infinity(sel.alpha.point):
                problems.append(f"{option_label(contests, bc.id, o)}: α is O (00), which"
                                f" exposes the selection")
    report.check("ballot_shape", not problems, lambda: f"{label}: " + "; ".join(problems))


# The three proofs are pure functions of bytes and integers: memoized, so that checking many
# copies of one record (the tests tamper with one thing at a time) redoes only what changed.

@lru_cache(maxsize=1 << 16)
def selection_proof_holds(election_hash: bytes, contest_id: str, o: int, K: bytes,
                          alpha: bytes, beta: bytes, c0: int, c1: int, v0: int, v1: int) -> bool:
    """The disjunctive Chaum–Pedersen proof that (α, β) encrypts 0 or 1:
    a_k = v_k·G − c_k·α, b_k = v_k·K − c_k·(β − k·G), c0 + c1 = Hq("selection"; …)."""
    A, B, KK = _p(alpha), _p(beta), _p(K)
    a0 = lin(v0, G, -c0, A)
    b0 = lin(v0, KK, -c0, B)
    a1 = lin(v1, G, -c1, A)
    b1 = lin(v1, KK, -c1, add(B, neg(G)))
    expected = Hq("selection", election_hash, utf8(contest_id), u32(o), alpha, beta,
                  encode_point(a0), encode_point(b0), encode_point(a1), encode_point(b1))
    return (c0 + c1) % q == expected


@lru_cache(maxsize=1 << 14)
def contest_proof_holds(election_hash: bytes, contest_id: str, K: bytes,
                        ciphertexts: tuple[tuple[bytes, bytes], ...], c: int, v: int) -> bool:
    """The Chaum–Pedersen proof that (A, B − G) encrypts 0, A = Σα, B = Σβ: exactly one 1.
    a = v·G − c·A, b = v·K − c·(B − G), c = Hq("contest"; …)."""
    A, B = INFINITY, INFINITY
    for alpha, beta in ciphertexts:
        A, B = add(A, _p(alpha)), add(B, _p(beta))
    a = lin(v, G, -c, A)
    b = lin(v, _p(K), -c, add(B, neg(G)))
    expected = Hq("contest", election_hash, utf8(contest_id), encode_point(A), encode_point(B),
                  encode_point(a), encode_point(b))
    return c == expected


@lru_cache(maxsize=1 << 14)
def share_proof_holds(election_hash: bytes, i: int, K_i: bytes, A: bytes, B: bytes, M: bytes,
                      c: int, v: int) -> bool:
    """The Chaum–Pedersen proof that log_G K_i = log_A M_i:
    a = v·G − c·K_i, b = v·A − c·M_i, c = Hq("share"; …)."""
    a = lin(v, G, -c, _p(K_i))
    b = lin(v, _p(A), -c, _p(M))
    expected = Hq("share", election_hash, u32(i), K_i, A, B, M, encode_point(a), encode_point(b))
    return c == expected


def _p(raw: bytes) -> GroupElement:
    """The point of bytes already checked when the record was read (or computed here)."""
    return decode_point_bytes(raw, "point")


def check_selection_proof(sel: Selection, election_hash: bytes, contest_id: str, o: int,
                          K: Elem) -> bool:
    return selection_proof_holds(election_hash, contest_id, o, K.raw, sel.alpha.raw,
                                 sel.beta.raw, sel.c0, sel.c1, sel.v0, sel.v1)


def check_contest_proof(bc: BallotContest, election_hash: bytes, K: Elem) -> bool:
    ciphertexts = tuple((s.alpha.raw, s.beta.raw) for s in bc.selections)
    return contest_proof_holds(election_hash, bc.id, K.raw, ciphertexts, bc.c, bc.v)


def check_ballots(rec: Record, report: Report) -> None:
    contests = {c.id: c for c in rec.contests}
    order = {c.id: i for i, c in enumerate(rec.contests)}
    K = rec.joint_key
    eh = rec.election_hash
    first_alpha: dict[bytes, tuple[tuple[int, int, int], str]] = {}
    code = H("chain-start", eh)
    for number, ballot in enumerate(rec.ballots, start=1):
        label = ballot_label(number, ballot)
        check_ballot_shape(number, ballot, contests, order, report)
        for n, bc in enumerate(ballot.contests):
            for o, sel in enumerate(bc.selections):
                where = f"{label} {option_label(contests, bc.id, o)}"
                report.check("selection", check_selection_proof(sel, eh, bc.id, o, K),
                             lambda: f"{where}: selection proof does not hold")
                place = (number, n, o)
                earlier, earlier_where = first_alpha.setdefault(sel.alpha.raw, (place, where))
                report.check("alpha", earlier == place,
                             lambda: f"{where}: its α is also the α of {earlier_where}"
                                     f" (a ciphertext used twice)")
            report.check("contest", check_contest_proof(bc, eh, K),
                         lambda: f"{label} contest {bc.id!r}: contest proof does not hold")
        code = H("chain", code, ballot_hash(eh, ballot.contests, ballot.texts))
        report.check("chain", code == ballot.code,
                     lambda: f"{label}: code {ballot.code.hex()[:16]}… is not the chain's "
                             f"{code.hex()[:16]}… ({tracking_code(code)}): the ballot, or one"
                             f" before it, was changed, removed, added or moved")
        report.codes.append(tracking_code(ballot.code))
    report.check("chain_end", code == rec.chain_end,
                 lambda: f"chain_end {rec.chain_end.hex()[:16]}… is not the last ballot's code "
                         f"{code.hex()[:16]}… (a ballot was added or removed at the end)")


def check_tally(rec: Record, report: Report, public: dict[int, GroupElement]) -> None:
    manifest_ids = [c.id for c in rec.contests]
    tally_ids = [t.id for t in rec.tally]
    contests = {c.id: c for c in rec.contests}
    problems = []
    if tally_ids != manifest_ids:
        problems.append(f"tally: its contests {tally_ids} are not the manifest's "
                        f"{manifest_ids}, in order")
    for entry in rec.tally:
        contest = contests.get(entry.id)
        if contest is None:
            problems.append(f"tally: contest {entry.id!r} is not in the manifest")
        elif len(entry.selections) != len(contest.options):
            problems.append(f"tally contest {entry.id!r}: {len(entry.selections)} selections,"
                            f" the manifest has {len(contest.options)} options")
    report.check_all("tally_shape", problems)
    for entry in rec.tally:
        if entry.id in contests:
            check_tally_contest(rec, entry, contests, report, public)


def holders(rec: Record, contest_id: str) -> list[BallotContest]:
    """Each ballot's entry for the contest (a ballot holding it twice counts twice)."""
    return [bc for b in rec.ballots for bc in b.contests if bc.id == contest_id]


def check_tally_contest(rec: Record, entry: TallyContest, contests: dict[str, Contest],
                        report: Report, public: dict[int, GroupElement]) -> None:
    held = holders(rec, entry.id)
    report.check("tally_ballots", entry.ballots == len(held),
                 lambda: f"tally contest {entry.id!r}: ballots is {entry.ballots}, but "
                         f"{len(held)} ballots hold the contest")
    for o, ts in enumerate(entry.selections):
        where = f"tally {option_label(contests, entry.id, o)}"
        A, B = INFINITY, INFINITY
        for bc in held:
            if o < len(bc.selections):
                A = add(A, bc.selections[o].alpha.point)
                B = add(B, bc.selections[o].beta.point)
        problems = []
        if encode_point(A) != ts.A.raw:
            problems.append(f"{where}: A is not the sum of the ballots' α")
        if encode_point(B) != ts.B.raw:
            problems.append(f"{where}: B is not the sum of the ballots' β")
        report.check_all("aggregate", problems)
        check_decryption(rec, ts, where, entry.ballots, report, public)
    totals = sum(ts.total for ts in entry.selections)
    report.check("total_sum", totals == entry.ballots,
                 lambda: f"tally contest {entry.id!r}: totals add up to {totals}, "
                         f"ballots is {entry.ballots}")


def check_share_proof(share: Share, K_i: GroupElement, ts: TallySelection,
                      election_hash: bytes) -> bool:
    return share_proof_holds(election_hash, share.trustee, encode_point(K_i), ts.A.raw,
                             ts.B.raw, share.M.raw, share.c, share.v)


def check_decryption(rec: Record, ts: TallySelection, where: str, ballots: int,
                     report: Report, public: dict[int, GroupElement]) -> None:
    valid: dict[int, GroupElement] = {}
    seen: set[int] = set()
    for share in ts.shares:
        i = share.trustee
        problems = []
        known = i in public
        if not known:
            problems.append(f"{where}: share from trustee {i}, not in the ceremony")
        fresh = i not in seen
        if not fresh:
            problems.append(f"{where}: trustee {i} gave more than one share")
        report.check_all("share_trustee", problems)
        seen.add(i)
        if not known:
            continue
        ok = report.check("share", check_share_proof(share, public[i], ts, rec.election_hash),
                          lambda: f"{where}: trustee {i}'s decryption share proof does not hold")
        if ok and fresh:
            valid[i] = share.M.point
    enough = report.check(
        "quorum", len(valid) >= rec.quorum,
        lambda: f"{where}: {len(valid)} valid share(s) from distinct trustees of the ceremony"
                f" ({sorted(valid)}), the quorum is {rec.quorum}")
    report.check("total_range", 0 <= ts.total <= ballots,
                 lambda: f"{where}: total {ts.total} is not within 0 … {ballots}")
    if not enough or not valid:
        return
    present = sorted(valid)
    M = INFINITY
    for i in present:
        M = add(M, mul(lagrange_at_zero(i, present), valid[i]))
    decrypted = add(ts.B.point, neg(M))
    report.check("decryption", encode_point(decrypted) == encode_point(mul(ts.total, G)),
                 lambda: f"{where}: B − M is not total·G for total {ts.total}"
                         f" (the shares decrypt to another number)")


def check_texts(rec: Record, report: Report) -> None:
    n = rec.texts_count
    report.check("texts", isinstance(n, int) and not isinstance(n, bool) and n >= 0,
                 lambda: f"texts.count is {n!r}, not a non-negative integer")


def run_checks(rec: Record) -> Report:
    """Every check of RECORD.md on a decoded record."""
    report = Report()
    check_format(rec, report)
    check_manifest(rec, report)
    public = check_ceremony(rec, report)
    check_ballots(rec, report)
    check_tally(rec, report, public)
    check_texts(rec, report)
    return report


def verify_record(record: dict) -> list[str]:
    """The failures of a record (parsed JSON): empty when it is valid.
    Raises RecordFormatError when the record cannot be read."""
    return run_checks(read_record(record)).failures


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

def load_json(path: str) -> Any:
    """The JSON in ``path``; RecordFormatError when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, parse_constant=_reject_constant)
    except OSError as e:
        raise RecordFormatError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise RecordFormatError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise RecordFormatError(f"{path}: not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise RecordFormatError(f"{path}: JSON nested too deeply") from None


def _reject_constant(name: str) -> Any:
    raise RecordFormatError(f"not JSON: {name} is not a JSON value")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check a Pingyi published record (pingyi-record-v1), independently of "
                    "the server: python-ecdsa's P-256, SHA-256.")
    parser.add_argument("record", help="the record's JSON file")
    parser.add_argument("--code", metavar="XXXX-XXXX-XXXX-XXXX",
                        help="a tracking code from a thanks page: also say whether it is in the record")
    args = parser.parse_args(argv)

    wanted = None
    if args.code is not None:
        wanted = normalize_tracking_code(args.code)
        if wanted is None:
            print(f"pingyi_verify: {args.code!r} is not a tracking code "
                  f"(16 letters A–Z and digits 2–7, as XXXX-XXXX-XXXX-XXXX)", file=sys.stderr)
            return 2

    started = time.perf_counter()
    try:
        rec = read_record(load_json(args.record))
        report = run_checks(rec)
    except RecordFormatError as e:
        print(f"pingyi_verify: malformed record: {e}", file=sys.stderr)
        return 2
    except RecursionError:
        print("pingyi_verify: malformed record: nested too deeply", file=sys.stderr)
        return 2
    except Exception as e:  # never a traceback for a record; name what went wrong instead
        print(f"pingyi_verify: could not check the record ({type(e).__name__}: {e})",
              file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started

    print(f"Record {args.record}: {rec.campaign!r}, "
          f"{len(rec.ballots)} ballots, {len(rec.contests)} contests, "
          f"{rec.quorum} of {len(rec.trustees)} trustees")
    for line in report.lines():
        print(line)
    failures = report.failures
    status = 0
    if failures:
        print(f"FAILED: {len(failures)} failure(s) ({elapsed:.2f} s)")
        status = 1
    else:
        print(f"OK: every check passed ({elapsed:.2f} s)")
    if wanted is not None:
        if wanted in report.codes:
            number = report.codes.index(wanted) + 1
            print(f"✓ tracking code {wanted} is in the record: ballot #{number}")
        else:
            print(f"✗ tracking code {wanted} is NOT in the record")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
