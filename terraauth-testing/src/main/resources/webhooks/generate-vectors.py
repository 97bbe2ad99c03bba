#!/usr/bin/env python3
"""Regenerates vectors.json with Python's hmac module, independently of the Java code under test.

Run from this directory: python3 generate-vectors.py > vectors.json
The three "contract-*" vectors are CONTRACT.md section 4.1 (cross-checked there with openssl);
their expected v1 values are asserted below so a generator bug cannot silently change them.
All secrets are made-up test values.
"""
import hashlib
import hmac
import json

NOW = 1723808700
DEAUTH = ('{"type":"deauth","status":"success","message":"User has deauthenticated","user":'
          '{"user_id":"40f7b0e1-89e2-43ac-a5b8-1e29c8d47cad","provider":"GARMIN",'
          '"last_webhook_update":null,"scopes":"ACTIVITY_EXPORT","reference_id":"your-user-123",'
          '"active":false}}')
SECRET = "whsec_sandbox_example"
OTHER = "whsec_other_environment_example"
OLD = "whsec_previous_generation_example"


def v1(secret, t, body):
    return hmac.new(secret.encode(), f"{t}.".encode() + body.encode(), hashlib.sha256).hexdigest()


def ok(name, header, body=DEAUTH, secrets=(SECRET,), now=NOW, matched=0, signer=False, note=""):
    return dict(name=name, note=note, secrets=list(secrets), body=body, header=header, now=now,
                valid=True, matched_secret_index=matched, signer_reproduces_header=signer)


def bad(name, header, reason, body=DEAUTH, secrets=(SECRET,), now=NOW, note=""):
    return dict(name=name, note=note, secrets=list(secrets), body=body, header=header, now=now,
                valid=False, reason=reason)


sig = v1(SECRET, NOW, DEAUTH)
fake = v1(OTHER, NOW, DEAUTH)
contract = [
    ("contract-java-sdk", "foo", 12345678, "{'bar':'baz'}",
     "599aa529690b885a43f184327c582375068d70705b7a471af15e10682c6f5313"),
    ("contract-deauth", SECRET, NOW, DEAUTH,
     "a001e203f6a081718cc84e5e68315575cac2164878f0f03a1665dd5ff28655bc"),
    ("contract-utf8-body", "foo", NOW, '{"type":"auth","note":"café"}',
     "3babdf1bac84baf1f20cad1d8beee3f9416324c4c8ea467e5e52d557eb4c160d"),
]
vectors = []
for name, secret, t, body, expected in contract:
    assert v1(secret, t, body) == expected, name
    vectors.append(ok(name, f"t={t},v1={expected}", body=body, secrets=(secret,), now=t,
                      signer=True, note="CONTRACT.md 4.1"))

vectors += [
    ok("multiple-v1-second-matches", f"t={NOW},v1={fake},v1={sig}"),
    ok("multiple-v1-first-matches", f"t={NOW},v1={sig},v1={fake}"),
    ok("rotation-old-generation-matches", f"t={NOW},v1={v1(OLD, NOW, DEAUTH)}",
       secrets=(SECRET, OLD), matched=1),
    ok("other-environment-secret-matches", f"t={NOW},v1={fake}", secrets=(SECRET, OTHER),
       matched=1),
    ok("extra-v0-ignored", f"t={NOW},v0={'0' * 64},v1={sig}"),
    ok("unknown-scheme-and-key-ignored", f"t={NOW},v2=xyz,foo=bar,v1={sig}"),
    ok("whitespace-tolerated", f"  t = {NOW} ,\tv1 = {sig}  "),
    ok("uppercase-hex", f"t={NOW},v1={sig.upper()}"),
    ok("mixed-case-hex", f"t={NOW},v1={sig[:32].upper() + sig[32:]}"),
    ok("elements-reordered", f"v1={sig},t={NOW}"),
    ok("empty-elements-skipped", f",t={NOW},,v1={sig},"),
    ok("one-bad-v1-skipped", f"t={NOW},v1=nothex,v1={sig}"),
    ok("stale-at-boundary", f"t={NOW - 300},v1={v1(SECRET, NOW - 300, DEAUTH)}"),
    ok("future-at-boundary", f"t={NOW + 300},v1={v1(SECRET, NOW + 300, DEAUTH)}"),
    bad("stale", f"t={NOW - 301},v1={v1(SECRET, NOW - 301, DEAUTH)}", "STALE_TIMESTAMP"),
    bad("future", f"t={NOW + 301},v1={v1(SECRET, NOW + 301, DEAUTH)}", "FUTURE_TIMESTAMP"),
    bad("milliseconds", f"t={NOW * 1000},v1={v1(SECRET, NOW * 1000, DEAUTH)}",
        "MILLISECOND_TIMESTAMP", now=NOW),
    bad("duplicate-t-same-value", f"t={NOW},t={NOW},v1={sig}", "MALFORMED_HEADER"),
    bad("duplicate-t-other-value", f"t={NOW},t={NOW - 1},v1={sig}", "MALFORMED_HEADER"),
    bad("wrong-secret", f"t={NOW},v1={fake}", "BAD_SIGNATURE"),
    bad("altered-body-one-byte", f"t={NOW},v1={sig}", "BAD_SIGNATURE",
        body=DEAUTH.replace("GARMIN", "GARMIM")),
    bad("reserialised-json", f"t={NOW},v1={sig}", "BAD_SIGNATURE",
        body=json.dumps(json.loads(DEAUTH), indent=2)),
    bad("trailing-newline", f"t={NOW},v1={sig}", "BAD_SIGNATURE", body=DEAUTH + "\n"),
    bad("altered-timestamp", f"t={NOW + 1},v1={sig}", "BAD_SIGNATURE"),
    bad("v0-correct-but-v1-wrong", f"t={NOW},v0={sig},v1={fake}", "BAD_SIGNATURE",
        note="no downgrade: only v1 counts"),
    bad("only-v0", f"t={NOW},v0={sig}", "NO_V1_SIGNATURE"),
    bad("no-v1", f"t={NOW}", "NO_V1_SIGNATURE"),
    bad("no-t", f"v1={sig}", "MALFORMED_HEADER"),
    bad("t-not-a-number", f"t=yesterday,v1={sig}", "MALFORMED_HEADER"),
    bad("t-negative", f"t=-5,v1={sig}", "MALFORMED_HEADER"),
    bad("t-too-long", f"t={'9' * 40},v1={sig}", "MALFORMED_HEADER"),
    bad("v1-truncated", f"t={NOW},v1={sig[:63]}", "MALFORMED_HEADER"),
    bad("v1-not-hex", f"t={NOW},v1={'z' * 64}", "MALFORMED_HEADER"),
    bad("element-without-equals", f"t={NOW},v1{sig}", "MALFORMED_HEADER"),
    bad("java-sdk-style-garbage", "sha256=" + sig, "MALFORMED_HEADER"),
    bad("empty-header", "", "MISSING_HEADER"),
    bad("blank-header", "   ", "MISSING_HEADER"),
    bad("null-header", None, "MISSING_HEADER"),
    bad("no-secrets-configured", f"t={NOW},v1={sig}", "NO_SECRETS_CONFIGURED", secrets=()),
]
print(json.dumps({
    "description": "Terra webhook signature known-answer vectors. header is the X-Terra-Signature"
                   " value (null: absent); secrets are the verifier's candidates in order; now is"
                   " the verifier clock (Unix s); tolerance 300 s. Regenerate with"
                   " generate-vectors.py. All secrets are made-up test values.",
    "tolerance_seconds": 300,
    "vectors": vectors,
}, indent=2, ensure_ascii=False))
