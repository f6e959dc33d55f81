"""Drives LocalWiki with clients nobody in this project wrote: python-mwoauth and requests-oauthlib.

Usage: mwoauth_interop.py <index.php URL> <api.php URL> <consumer key> <consumer secret>
Protocol on stdout, one "KEY value" line per step; the approval's callback query string is read from stdin.
Exits non-zero on any failure.
"""
import json
import sys

import requests
from requests_oauthlib import OAuth1
from mwoauth import AccessToken, ConsumerToken, Handshaker, OAuthException


def say(key, value):
    print(key + " " + value, flush=True)


def main():
    index_url, api_url, key, secret = sys.argv[1:5]
    consumer = ConsumerToken(key, secret)
    handshaker = Handshaker(index_url, consumer)

    redirect, request_token = handshaker.initiate()
    say("REDIRECT", redirect)
    say("REQUEST_TOKEN", request_token.key)

    response_qs = sys.stdin.readline().strip()
    access_token = handshaker.complete(request_token, response_qs)
    say("ACCESS_TOKEN", access_token.key)

    # mwoauth checks the JWT signature, aud, iss (against index_url's host), iat and the nonce itself
    identity = handshaker.identify(access_token)
    say("IDENTITY", json.dumps(identity))

    auth = OAuth1(key, client_secret=secret, resource_owner_key=access_token.key,
                  resource_owner_secret=access_token.secret)
    params = {"action": "query", "meta": "userinfo", "format": "json"}
    say("USERINFO_GET", requests.get(api_url, params=params, auth=auth, timeout=10).text)
    say("USERINFO_POST", requests.post(api_url, data=params, auth=auth, timeout=10).text)
    say("USERINFO_LOCALHOST",
        requests.get(api_url.replace("127.0.0.1", "localhost"), params=params, auth=auth, timeout=10).text)

    try:
        handshaker.identify(AccessToken("0" * 32, "0" * 40))
        say("IDENTIFY_ERROR", "none")
    except OAuthException as e:
        say("IDENTIFY_ERROR", str(e))

    try:
        Handshaker(index_url, ConsumerToken(key, "f" * 40)).initiate()
        say("INITIATE_ERROR", "none")
    except OAuthException as e:
        say("INITIATE_ERROR", str(e))

    say("DONE", "ok")


if __name__ == "__main__":
    main()
