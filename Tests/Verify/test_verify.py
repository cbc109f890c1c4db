"""Tests of verify/pingyi_verify.py, the independent checker of the published record.

Every record source is checked: the record made here by make_record.py (test-only), the record
the Swift server made that is committed as fixtures/swift-record.json (`pingyi tally rehearse`),
and, when the environment variable PINGYI_RECORD names a record file (a fresh one from the
server), that one too. Each must verify; each tampered copy must fail, naming what was tampered
with.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VERIFY = ROOT / "verify" / "pingyi_verify.py"
sys.path[:0] = [str(ROOT / "verify"), str(HERE)]

import make_record  # noqa: E402
import pingyi_verify as pv  # noqa: E402

FIXTURES = HERE / "fixtures"
SOURCES = ["made", "swift"] + (["PINGYI_RECORD"] if os.environ.get("PINGYI_RECORD") else [])


# ---- record sources ------------------------------------------------------------------------

@pytest.fixture(scope="session", params=SOURCES)
def source(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each record source: its file and its parsed JSON."""
    if request.param == "made":
        path = tmp_path_factory.mktemp("record") / "record.json"
        path.write_text(json.dumps(make_record.make_record(), ensure_ascii=False),
                        encoding="utf-8")
    elif request.param == "swift":
        path = FIXTURES / "swift-record.json"
    else:
        path = Path(os.environ["PINGYI_RECORD"])
    return {"name": request.param, "path": path,
            "record": json.loads(path.read_text(encoding="utf-8"))}


@pytest.fixture
def record(source: dict) -> dict:
    """A fresh copy of the source's record, to tamper with; the untouched one must verify."""
    assert pv.verify_record(source["record"]) == [], f"the {source['name']} record does not verify"
    return copy.deepcopy(source["record"])


def write(tmp_path: Path, record: Any, name: str = "record.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    """The command itself, in a fresh process."""
    return subprocess.run([sys.executable, str(VERIFY), *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


# ---- group helpers for tampering -----------------------------------------------------------

def point(hex_text: str) -> Any:
    return pv.decode_point_bytes(bytes.fromhex(hex_text), "test")


def plus_g(hex_text: str, times: int = 1) -> str:
    """The hex of P + times·G: another valid point."""
    return pv.encode_point(pv.add(point(hex_text), pv.mul(times, pv.G))).hex()


def bump(scalar_hex: str) -> str:
    """Another valid scalar."""
    return ((int(scalar_hex, 16) + 1) % pv.q).to_bytes(32, "big").hex()


def made_up_scalar(label: str) -> str:
    return (int.from_bytes(hashlib.sha256(label.encode()).digest(), "big") % pv.q) \
        .to_bytes(32, "big").hex()


def first_selection(rec: dict) -> dict:
    for ballot in rec["ballots"]:
        for contest in ballot["contests"]:
            if contest["selections"]:
                return contest["selections"][0]
    pytest.skip("the record has no selection")


def first_ballot_contest(rec: dict) -> dict:
    for ballot in rec["ballots"]:
        if ballot["contests"]:
            return ballot["contests"][0]
    pytest.skip("the record has no ballot with a contest")


def tally_selection_with_shares(rec: dict) -> dict:
    for entry in rec["tally"]:
        for sel in entry["selections"]:
            if sel["shares"]:
                return sel
    pytest.skip("the record's tally has no share")


def tally_selection_with_alpha(rec: dict) -> dict:
    """A tally selection whose A is not O (its shares are not O either)."""
    for entry in rec["tally"]:
        for sel in entry["selections"]:
            if sel["alpha"] != "00" and sel["shares"]:
                return sel
    pytest.skip("the record's tally is empty")


# ---- the tampering: each changes one thing, returns what a failure must say ----------------

def alter_alpha(rec: dict) -> list[str]:
    sel = first_selection(rec)
    sel["alpha"] = plus_g(sel["alpha"])
    return ["selection proof does not hold", "is not the chain's", "A is not the sum"]


def alter_beta(rec: dict) -> list[str]:
    sel = first_selection(rec)
    sel["beta"] = plus_g(sel["beta"], 7)
    return ["selection proof does not hold", "is not the chain's", "B is not the sum"]


def drop_ballot(rec: dict) -> list[str]:
    if not rec["ballots"]:
        pytest.skip("the record has no ballot")
    dropped = rec["ballots"].pop(0)
    chain = "is not the last ballot's code" if not rec["ballots"] else "is not the chain's"
    return [chain] + (["ballots hold the contest"] if dropped["contests"] else [])


def text_swapped(rec: dict) -> list[str]:
    """A sealed text swapped for another: its hash, bound into the ballot's code, changes."""
    for ballot in rec["ballots"]:
        if ballot["texts"]:
            ballot["texts"][0] = hashlib.sha256(b"a text the DBA sealed itself").hexdigest()
            return ["is not the chain's"]
    pytest.skip("the record's ballots sealed no text")


def drop_last_ballot(rec: dict) -> list[str]:
    if not rec["ballots"]:
        pytest.skip("the record has no ballot")
    dropped = rec["ballots"].pop()
    return ["chain_end"] + (["ballots hold the contest"] if dropped["contests"] else [])


def wrong_total(rec: dict) -> list[str]:
    sel = rec["tally"][0]["selections"][0]
    sel["total"] += 1
    return ["is not total·G", "totals add up to"]


def encryption_of_two(rec: dict) -> list[str]:
    """β + G makes the selection an encryption of 1 or 2; its proof is made up."""
    sel = first_selection(rec)
    sel["beta"] = plus_g(sel["beta"])
    sel["proof"] = {k: made_up_scalar(k) for k in ("c0", "c1", "v0", "v1")}
    return ["selection proof does not hold"]


def selection_proof_scalar(rec: dict) -> list[str]:
    proof = first_selection(rec)["proof"]
    proof["v1"] = bump(proof["v1"])
    return ["selection proof does not hold"]


def contest_proof(rec: dict) -> list[str]:
    proof = first_ballot_contest(rec)["proof"]
    proof["c"] = bump(proof["c"])
    return ["contest proof does not hold"]


def forged_share(rec: dict) -> list[str]:
    share = tally_selection_with_alpha(rec)["shares"][0]
    share["share"] = plus_g(share["share"])
    return [f"trustee {share['trustee']}'s decryption share proof does not hold"]


def forged_share_proof(rec: dict) -> list[str]:
    share = tally_selection_with_shares(rec)["shares"][0]
    share["proof"]["v"] = bump(share["proof"]["v"])
    return [f"trustee {share['trustee']}'s decryption share proof does not hold"]


def unknown_trustee_share(rec: dict) -> list[str]:
    share = tally_selection_with_shares(rec)["shares"][0]
    share["trustee"] = len(rec["ceremony"]["trustees"]) + 1
    return [f"share from trustee {share['trustee']}, not in the ceremony"]


def duplicated_share(rec: dict) -> list[str]:
    sel = tally_selection_with_shares(rec)
    sel["shares"].append(copy.deepcopy(sel["shares"][0]))
    return [f"trustee {sel['shares'][0]['trustee']} gave more than one share"]


def too_few_shares(rec: dict) -> list[str]:
    sel = tally_selection_with_shares(rec)
    quorum = rec["ceremony"]["quorum"]
    sel["shares"] = sel["shares"][:quorum - 1]
    return [f"the quorum is {quorum}"]


def coefficient_proof(rec: dict) -> list[str]:
    trustee = rec["ceremony"]["trustees"][0]
    trustee["proofs"][0]["v"] = bump(trustee["proofs"][0]["v"])
    return [f"trustee {trustee['index']} ({trustee['name']}): proof of commitment "
            f"C({trustee['index']},0) does not hold"]


def commitment(rec: dict) -> list[str]:
    trustee = rec["ceremony"]["trustees"][-1]
    trustee["commitments"][-1] = plus_g(trustee["commitments"][-1])
    return ["proof of commitment", "decryption share proof does not hold"]


def joint_key(rec: dict) -> list[str]:
    rec["joint_key"] = plus_g(rec["joint_key"])
    return ["joint_key", "election_hash"]


def ballot_copied(rec: dict) -> list[str]:
    if not rec["ballots"]:
        pytest.skip("the record has no ballot")
    rec["ballots"].append(copy.deepcopy(rec["ballots"][0]))
    return ["(a ciphertext used twice)"]


def ballots_reordered(rec: dict) -> list[str]:
    if len(rec["ballots"]) < 2:
        pytest.skip("the record has fewer than 2 ballots")
    rec["ballots"][0], rec["ballots"][1] = rec["ballots"][1], rec["ballots"][0]
    return ["ballot #1", "is not the chain's"]


def manifest_option(rec: dict) -> list[str]:
    rec["manifest"]["contests"][0]["options"][0] += "!"
    return ["manifest_hash", "the manifest was changed"]


def manifest_contest_dropped(rec: dict) -> list[str]:
    del rec["manifest"]["contests"][-1]
    return ["manifest_hash", "tally: its contests"]


def format_field(rec: dict) -> list[str]:
    rec["format"] = "pingyi-record-v0"
    return ["format is 'pingyi-record-v0'"]


def texts_count(rec: dict) -> list[str]:
    rec["texts"]["count"] = -1
    return ["texts.count is -1"]


def trustee_renamed(rec: dict) -> list[str]:
    """The names are bound into ceremony_hash: a renamed trustee breaks it."""
    rec["ceremony"]["trustees"][0]["name"] += "（改）"
    return ["ceremony_hash", "the trustees' indexes and names"]


def trustee_renamed_hashes_redone(rec: dict) -> list[str]:
    """A renamed trustee with ceremony_hash and election_hash recomputed to match (the best a
    forger can do without the secrets): every coefficient proof was made for the old
    ceremony_hash, so none holds."""
    trustee = rec["ceremony"]["trustees"][0]
    trustee["name"] += "（改）"
    parts = [bytes.fromhex(rec["manifest_hash"]), pv.u32(len(rec["ceremony"]["trustees"])),
             pv.u32(rec["ceremony"]["quorum"])]
    for t in sorted(rec["ceremony"]["trustees"], key=lambda t: t["index"]):
        parts += [pv.u32(t["index"]), t["name"].encode("utf-8")]
    ceremony_hash = pv.H("ceremony", *parts)
    rec["ceremony_hash"] = ceremony_hash.hex()
    rec["election_hash"] = pv.H("election", ceremony_hash, bytes.fromhex(rec["joint_key"])).hex()
    return [f"trustee {trustee['index']} ({trustee['name']}): proof of commitment "
            f"C({trustee['index']},0) does not hold"]


def alpha_infinity(rec: dict) -> list[str]:
    first_selection(rec)["alpha"] = "00"
    return ["α is O (00)", "selection proof does not hold"]


def commitment_infinity(rec: dict) -> list[str]:
    trustee = rec["ceremony"]["trustees"][-1]
    l = len(trustee["commitments"]) - 1
    trustee["commitments"][l] = "00"
    return [f"trustee {trustee['index']}: commitment C({trustee['index']},{l}) is O (00)",
            "proof of commitment"]


def joint_key_infinity(rec: dict) -> list[str]:
    rec["joint_key"] = "00"
    return ["joint_key is O (00)"]


def extra_field_top(rec: dict) -> list[str]:
    rec["generated_at"] = "2026-01-05T09:00:00Z"
    return ["generated_at: a field RECORD.md does not name"]


def extra_field_ballot(rec: dict) -> list[str]:
    if not rec["ballots"]:
        pytest.skip("the record has no ballot")
    n = len(rec["ballots"]) - 1
    rec["ballots"][n]["cast_at"] = "2026-01-05T09:00:00Z"
    return [f"ballots[{n}].cast_at: a field RECORD.md does not name"]


def extra_field_share(rec: dict) -> list[str]:
    for e, entry in enumerate(rec["tally"]):
        for s, sel in enumerate(entry["selections"]):
            if sel["shares"]:
                sel["shares"][0]["id"] = 17
                return [f"tally[{e}].selections[{s}].shares[0].id: a field RECORD.md does not name"]
    pytest.skip("the record's tally has no share")


def extra_field_deep(rec: dict) -> list[str]:
    """Unnamed fields at the other levels too, each named by its path."""
    rec["manifest"]["lang"] = "zh"
    rec["manifest"]["contests"][0]["chief_id"] = 7
    rec["ceremony"]["held_on"] = "2026-01-04"
    rec["ceremony"]["trustees"][0]["proofs"][0]["t"] = "x"
    rec["tally"][0]["note"] = ""
    rec["tally"][0]["selections"][0]["text"] = "满意"
    rec["texts"]["items"] = []
    first_ballot_contest(rec)["proof"]["when"] = 1
    first_selection(rec)["id"] = 3
    first_selection(rec)["proof"]["w"] = "00"
    return ["manifest.lang:", "manifest.contests[0].chief_id:", "ceremony.held_on:",
            "ceremony.trustees[0].proofs[0].t:", "tally[0].note:", "tally[0].selections[0].text:",
            "texts.items:", ".contests[0].proof.when:", ".selections[0].id:",
            ".selections[0].proof.w:"]


TAMPERING: dict[str, Callable[[dict], list[str]]] = {
    f.__name__: f for f in [
        alter_alpha, alter_beta, drop_ballot, drop_last_ballot, wrong_total, encryption_of_two,
        selection_proof_scalar, contest_proof, forged_share, forged_share_proof,
        unknown_trustee_share, duplicated_share, too_few_shares, coefficient_proof, commitment,
        joint_key, ballot_copied, ballots_reordered, manifest_option, manifest_contest_dropped,
        format_field, texts_count, trustee_renamed, trustee_renamed_hashes_redone,
        alpha_infinity, commitment_infinity, joint_key_infinity, extra_field_top,
        extra_field_ballot, extra_field_share, extra_field_deep, text_swapped,
    ]
}

# Tampering that must give exactly one failure: the verifier says just what changed.
SINGLE_FAILURE = {"selection_proof_scalar", "contest_proof",
                  "duplicated_share", "too_few_shares", "coefficient_proof", "manifest_option",
                  "format_field", "texts_count", "trustee_renamed", "extra_field_top",
                  "extra_field_ballot", "extra_field_share"}


# ---- the valid record ------------------------------------------------------------------------

def test_valid_record_verifies(source: dict) -> None:
    assert pv.verify_record(source["record"]) == []


def test_valid_record_cli_exit_0(source: dict) -> None:
    result = run_cli(source["path"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: every check passed" in result.stdout
    assert "✗" not in result.stdout
    assert "selection proofs" in result.stdout


# ---- tampered records fail, naming what -----------------------------------------------------

@pytest.mark.parametrize("name", TAMPERING)
def test_tampered_record_fails(name: str, record: dict, tmp_path: Path,
                               capsys: pytest.CaptureFixture) -> None:
    expected = TAMPERING[name](record)
    failures = pv.verify_record(record)
    assert failures, f"{name}: the tampered record verified"
    text = "\n".join(failures)
    for words in expected:
        assert words in text, f"{name}: no failure says {words!r}:\n{text}"
    if name in SINGLE_FAILURE:
        assert len(failures) == 1, f"{name}: expected one failure:\n{text}"

    assert pv.main([str(write(tmp_path, record))]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "✗" in out
    assert expected[0] in out


def test_unnamed_field_cli_exit_1(record: dict, tmp_path: Path) -> None:
    """A field RECORD.md does not name: exit 1 (a failed check, not a malformed record),
    naming its path."""
    message = extra_field_ballot(record)[0]
    result = run_cli(write(tmp_path, record))
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stdout and "FAILED" in result.stdout
    assert "Traceback" not in result.stderr


def test_tampered_record_cli_exit_1(record: dict, tmp_path: Path) -> None:
    """In a fresh process too: a dropped ballot exits 1 and says where the chain breaks."""
    drop_ballot(record)
    result = run_cli(write(tmp_path, record))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗" in result.stdout and "FAILED" in result.stdout
    assert "Traceback" not in result.stderr


# ---- records only the maker can make (a cheat needs the secrets) -----------------------------

def test_old_ceremony_hash_fails_on_it_alone(tmp_path: Path) -> None:
    """A record made the former way (ceremony_hash without the trustees' names): every proof
    holds against its ceremony_hash, which is not RECORD.md's; that is the one failure."""
    rec = make_record.make_record(seed=6, old_ceremony_hash=True)
    failures = pv.verify_record(rec)
    assert len(failures) == 1 and failures[0].startswith("ceremony_hash "), failures
    result = run_cli(write(tmp_path, rec))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗ ceremony_hash recomputed: FAILED" in result.stdout
    assert result.stdout.count("✗") == 2  # the kind's line and its one failure


def test_double_vote_fails_contest_proof() -> None:
    """Two 1s in one contest: every selection proof holds, no contest proof can."""
    rec = make_record.make_record(seed=2, double_vote=(0, "E0001|grade", 1))
    failures = pv.verify_record(rec)
    text = "\n".join(failures)
    assert "ballot #1" in text and "contest 'E0001|grade': contest proof does not hold" in text
    assert "totals add up to 4, ballots is 3" in text
    assert not any("selection proof" in f for f in failures)


def test_every_trustee_present_and_no_ballot() -> None:
    """Shares from all 3 trustees (more than the quorum); and a count with no ballot at all,
    where every aggregate is O ("00") and chain_end is code_0."""
    assert pv.verify_record(make_record.make_record(seed=3, present=(1, 2, 3))) == []
    empty = make_record.make_record(seed=4, ballots=[], present=(2, 3))
    assert pv.verify_record(empty) == []
    assert empty["tally"][0]["selections"][0]["alpha"] == "00"


def test_quorum_three_of_five() -> None:
    rec = make_record.make_record(seed=5, quorum=3, trustees=5, present=(2, 4, 5),
                                  ballots=make_record.BALLOTS[:2])
    assert pv.verify_record(rec) == []
    rec["tally"][0]["selections"][0]["shares"].pop()
    assert any("the quorum is 3" in f for f in pv.verify_record(rec))


# ---- tracking codes ----------------------------------------------------------------------------

def test_tracking_code() -> None:
    assert pv.tracking_code(bytes(32)) == "AAAA-AAAA-AAAA-AAAA"
    # RFC 4648 test vector: BASE32("fooba") = "MZXW6YTB"
    assert pv.tracking_code(b"foobafooba" + bytes(22)) == "MZXW-6YTB-MZXW-6YTB"
    assert pv.normalize_tracking_code("mzxw 6ytb-mzxw6ytb") == "MZXW-6YTB-MZXW-6YTB"
    assert pv.normalize_tracking_code("MZXW-6YTB-MZXW-6YT1") is None


def test_cli_code_option(source: dict) -> None:
    if not source["record"]["ballots"]:
        pytest.skip("the record has no ballot")
    code = pv.tracking_code(bytes.fromhex(source["record"]["ballots"][-1]["code"]))
    result = run_cli(source["path"], "--code", code.lower())
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"tracking code {code} is in the record: ballot #{len(source['record']['ballots'])}" \
        in result.stdout
    absent = "AAAA-AAAA-AAAA-AAAA" if code != "AAAA-AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB-BBBB"
    result = run_cli(source["path"], "--code", absent)
    assert result.returncode == 1
    assert f"tracking code {absent} is NOT in the record" in result.stdout
    result = run_cli(source["path"], "--code", "not-a-code")
    assert result.returncode == 2 and "is not a tracking code" in result.stderr


# ---- the hash and the encodings ----------------------------------------------------------

def test_hash_layout() -> None:
    expected = hashlib.sha256(b"pingyi-tally-v1\x00chain\x00" + b"\x00\x00\x00\x02ab"
                              + b"\x00\x00\x00\x00").digest()
    assert pv.H("chain", b"ab", b"") == expected
    assert pv.Hq("chain", b"ab", b"") == int.from_bytes(expected, "big") % pv.q


def test_point_encoding() -> None:
    g = "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"  # SEC1, P-256 G
    assert pv.encode_point(pv.G).hex() == g
    assert pv.encode_point(point(g)) == bytes.fromhex(g)
    assert pv.encode_point(pv.neg(point(g))).hex() == "02" + g[2:]
    assert pv.is_infinity(point("00"))
    assert pv.encode_point(pv.add(point(g), pv.neg(point(g)))) == b"\x00"
    assert pv.encode_point(pv.lin(3, pv.G, -3, pv.G)) == b"\x00"
    assert pv.encode_point(pv.lin(5, pv.G, 7, point(g))) == pv.encode_point(pv.mul(12, pv.G))


# ---- malformed records: exit 2, a message, no traceback ------------------------------------

def not_on_curve_x() -> str:
    """An x for which x³ − 3x + b is not a square mod p: no point has it."""
    curve = pv.CURVE
    x = 1
    while pow((x ** 3 - 3 * x + curve.b()) % pv.p, (pv.p - 1) // 2, pv.p) == 1:
        x += 1
    return "02" + x.to_bytes(32, "big").hex()


def malform_bad_hex(rec: dict) -> str:
    rec["joint_key"] = "zz" + rec["joint_key"][2:]
    return "joint_key: not lowercase hexadecimal"


def malform_upper_hex(rec: dict) -> str:
    rec["election_hash"] = rec["election_hash"].upper()
    return "election_hash: not lowercase hexadecimal"


def malform_not_on_curve(rec: dict) -> str:
    first_selection(rec)["alpha"] = not_on_curve_x()
    return ".alpha: not a point of P-256"


def malform_point_length(rec: dict) -> str:
    rec["ceremony"]["trustees"][0]["commitments"][0] += "00"
    return "ceremony.trustees[0].commitments[0]: not a compressed point"


def malform_scalar_too_big(rec: dict) -> str:
    first_ballot_contest(rec)["proof"]["v"] = (pv.q + 1).to_bytes(32, "big").hex()
    return "proof.v: scalar is not below the group order q"


def malform_missing_key(rec: dict) -> str:
    del rec["tally"]
    return "record: missing field 'tally'"


def malform_missing_nested(rec: dict) -> str:
    del rec["tally"][0]["selections"][0]["shares"][0]["proof"]
    return "tally[0].selections[0].shares[0]: missing field 'proof'"


def malform_wrong_type(rec: dict) -> str:
    rec["tally"][0]["selections"][0]["total"] = "3"
    return "tally[0].selections[0].total: expected an integer, got a string"


MALFORMING: dict[str, Callable[[dict], str]] = {
    f.__name__: f for f in [
        malform_bad_hex, malform_upper_hex, malform_not_on_curve, malform_point_length,
        malform_scalar_too_big, malform_missing_key, malform_missing_nested, malform_wrong_type,
    ]
}


@pytest.mark.parametrize("name", MALFORMING)
def test_malformed_record_exit_2(name: str, record: dict, tmp_path: Path) -> None:
    message = MALFORMING[name](record)
    with pytest.raises(pv.RecordFormatError, match="."):
        pv.verify_record(record)
    result = run_cli(write(tmp_path, record))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "malformed record" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("content", ["{\"format\": ", "[1, 2]", "", "\xff\xfe"])
def test_not_a_record_exit_2(content: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1"))
    result = run_cli(path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "malformed record" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_file_exit_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "absent.json")
    assert result.returncode == 2 and "cannot read" in result.stderr
    assert "Traceback" not in result.stderr
