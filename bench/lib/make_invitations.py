#!/usr/bin/env python3
"""Makes N merchants with valid credit codes and one invitation each for a campaign, as COPY
files, plus the tokens with their anti-forgery values for the load generator.

usage: make_invitations.py CAMPAIGN_ID COUNT FORM_SECRET OUT_DIR
writes OUT_DIR/merchants.copy, invitations.copy, departments.copy (for the invitations' forms),
       OUT_DIR/http-tokens.txt (first half: token and csrf, for wrk)
       OUT_DIR/queue.copy (second half: n and token hash, for pgbench)
"""
import base64
import hashlib
import hmac
import os
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(n):
    body = "91" + "999999" + "B" + format(n, "08d")  # a division code no real merchant has
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def main():
    campaign, count, secret, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4]
    departments = sys.argv[5].split(",") if len(sys.argv) > 5 else ["SCJG", "XZSP"]
    rng = random.Random(7)
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/merchants.copy", "w") as merchants, open(f"{out}/invitations.copy", "w") as invitations, \
            open(f"{out}/http-tokens.txt", "w") as http, open(f"{out}/queue.copy", "w") as queue:
        half = count // 2
        for n in range(count):
            code = credit_code(n)
            token = rng.getrandbits(128).to_bytes(16, "big")
            digest = hashlib.sha256(token).digest()
            merchants.write(f"{code}\t压测企业{n}有限公司\n")
            invitations.write(f"{campaign}\t\\\\x{digest.hex()}\t{code}\n")
            if n < half:
                # The form's anti-forgery token as the server makes it (AntiForgery): an HMAC of
                # the token's hash and the form's grant (campaign and departments), and the grant.
                grant = f"{campaign}:{','.join(sorted(departments))}".encode()
                mac = hmac.new(secret, b"pingyi-ballot-form:" + digest + b"|" + grant, hashlib.sha256).digest()
                csrf = b64url(mac) + "." + b64url(grant)
                http.write(f"{b64url(token)} {csrf}\n")
            else:
                queue.write(f"{n - half + 1}\t\\\\x{digest.hex()}\n")
    print(f"bench: {count} merchants and invitations ({count // 2} for HTTP, {count - count // 2} for pgbench)")


if __name__ == "__main__":
    main()
