#!/usr/bin/env python3
"""An independent AWS Signature Version 4 signer, for checking lib/aws/sigv4.cc.

Written from the AWS documentation ("Create a signed AWS API request"), using only the Python
standard library, so it shares no code with the C++ signer. Reads one JSON object on stdin:

  {"method": "POST", "path": "/2015-03-31/functions/my-fn%3Alive/invocations",
   "query": [["Qualifier", "live"]], "headers": [["Host", "lambda.us-east-1.amazonaws.com"]],
   "body": "{}", "region": "us-east-1", "service": "lambda",
   "access_key_id": "...", "secret_access_key": "...", "session_token": "",
   "amz_date": "20240101T000000Z", "content_sha256_header": true}

and prints the Authorization header's value on stdout. `path` is the path as sent on the wire;
for every service but S3 each of its segments is URI-encoded once more for the canonical URI.
"""
import hashlib
import hmac
import json
import sys
import urllib.parse


def encode(text, safe=""):
    return urllib.parse.quote(text, safe="-_.~" + safe)


def authorization(req):
    return signing_steps(req)["authorization"]


def signing_steps(req):
    """The canonical request, the string to sign and the Authorization header's value for `req`
    (the object described above; `body` may also be bytes, hashed as they are)."""
    body = req.get("body", "")
    if isinstance(body, str):
        body = body.encode("utf-8")
    payload_hash = hashlib.sha256(body).hexdigest()
    amz_date = req["amz_date"]
    headers = list(req["headers"]) + [["X-Amz-Date", amz_date]]
    if req.get("content_sha256_header", True):
        headers.append(["X-Amz-Content-Sha256", payload_hash])
    if req.get("session_token"):
        headers.append(["X-Amz-Security-Token", req["session_token"]])

    grouped = {}
    for name, value in headers:
        grouped.setdefault(name.lower(), []).append(" ".join(value.split()))
    names = sorted(grouped)
    canonical_headers = "".join(f"{n}:{','.join(grouped[n])}\n" for n in names)
    signed_headers = ";".join(names)

    path = req.get("path") or "/"
    if req["service"] != "s3":
        path = "/".join(encode(segment) for segment in path.split("/"))
    query = "&".join(f"{k}={v}" for k, v in
                     sorted((encode(k), encode(v)) for k, v in req.get("query", [])))

    canonical_request = "\n".join([req["method"], path, query, canonical_headers,
                                   signed_headers, payload_hash])
    date = amz_date[:8]
    scope = f"{date}/{req['region']}/{req['service']}/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                                hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()])

    def mac(key, msg):
        return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()

    key = ("AWS4" + req["secret_access_key"]).encode("utf-8")
    for part in (date, req["region"], req["service"], "aws4_request"):
        key = mac(key, part)
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"canonical_request": canonical_request, "string_to_sign": string_to_sign,
            "authorization": (f"AWS4-HMAC-SHA256 Credential={req['access_key_id']}/{scope}, "
                              f"SignedHeaders={signed_headers}, Signature={signature}")}


if __name__ == "__main__":
    print(authorization(json.load(sys.stdin)))
