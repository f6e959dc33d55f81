"""Checks OAuth 1.0a signatures made by mwoauth-core with python-oauthlib's own RFC 5849 code.

Reads JSON lines {method, uri, body, authorization, consumer_secret, token_secret, base_string} on stdin;
prints one line per request: "ok <n>" or "bad <n> <why>", then "done <ok count> <total>".
"""
import json
import sys
from urllib.parse import unquote, urlparse

from oauthlib.oauth1.rfc5849 import signature, utils


def check(req):
    header = req["authorization"]
    oauth = dict(utils.parse_authorization_header(header))
    params = signature.collect_parameters(
        uri_query=urlparse(req["uri"]).query,
        body=req["body"],
        headers={"Authorization": header},
        exclude_oauth_signature=True,
    )
    normalized = signature.normalize_parameters(params)
    base = signature.signature_base_string(req["method"], signature.base_string_uri(req["uri"]), normalized)
    if base != req["base_string"]:
        return "base string differs: oauthlib=%r ours=%r" % (base, req["base_string"])
    expected = signature.sign_hmac_sha1(base, req["consumer_secret"], req["token_secret"])
    ours = unquote(oauth["oauth_signature"])
    if expected != ours:
        return "signature differs: oauthlib=%s ours=%s" % (expected, ours)
    return None


def main():
    ok = total = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        total += 1
        req = json.loads(line)
        try:
            why = check(req)
        except Exception as e:  # report, never crash: the Java side prints the line
            why = "oauthlib raised %s: %s" % (type(e).__name__, e)
        if why is None:
            ok += 1
            print("ok", total)
        else:
            print("bad", total, why)
    print("done", ok, total)


if __name__ == "__main__":
    main()
