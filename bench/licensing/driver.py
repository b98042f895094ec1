#!/usr/bin/env python3
"""Drives the app for bench/licensing.sh with the standard library only: a customer, self-hosted orders paid on the
sandbox's hosted page at a fixed arrival rate, the keys they yield, and download links.

  driver.py BASE signup                         -> prints the customer's bearer token
  driver.py BASE orders TOKEN N FILE            -> places N sentinelscan orders, one checkout URL per line in FILE
  driver.py BASE pay FILE RATE                  -> pays every order of FILE on the sandbox page, RATE payments/s (open loop)
  driver.py BASE keys TOKEN FILE FINGERPRINT    -> writes every license key to FILE and activates FINGERPRINT on each
  driver.py BASE link TOKEN LICENSE_ID VERSION  -> prints a fresh download link's path
"""
import http.cookiejar, json, re, sys, threading, time, urllib.parse, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1].rstrip("/")


def call(method, path, body=None, token=None, opener=None, form=None, headers=None):
    data, hdrs = None, dict(headers or {})
    if body is not None:
        data, hdrs["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, hdrs["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    if token:
        hdrs["Authorization"] = "Bearer " + token
    req = urllib.request.Request(path if path.startswith("http") else BASE + path, data=data, method=method, headers=hdrs)
    with (opener or urllib.request.build_opener()).open(req, timeout=60) as r:
        raw = r.read()
        return json.loads(raw) if raw and r.headers.get_content_type().endswith("json") else raw.decode(errors="replace")


def signup():
    email, password = f"bench-{uuid.uuid4().hex[:12]}@example.com", "bench-password-42"
    call("POST", "/api/v1/auth/register", {"email": email, "password": password, "name": "Bench Customer"})
    print(call("POST", "/api/v1/auth/login", {"email": email, "password": password})["access_token"])


ITEM = {"product_slug": "sentinelscan", "configuration": {"license_type": "professional", "support_plan": "basic", "updates": "1_year"}}


def orders(token, n, out):
    with open(out, "w") as f:
        for _ in range(int(n)):
            placed = call("POST", "/api/v1/checkout", {"items": [ITEM], "payment_gateway": "sandbox"}, token,
                          headers={"Idempotency-Key": uuid.uuid4().hex})
            f.write(placed["checkout_url"] + "\n")


TOKEN_FIELD = re.compile(r'name="__RequestVerificationToken" value="([^"]+)"')


def pay_one(url):
    jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = call("GET", url, opener=jar)
    token = TOKEN_FIELD.search(page).group(1).replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=")
    path = urllib.parse.urlparse(url).path
    call("POST", f"{path}/pay", opener=jar, form={"choice": "pay", "__RequestVerificationToken": token})


def pay(file, rate):
    urls = [u.strip() for u in open(file) if u.strip()]
    interval, start, late, errors = 1.0 / float(rate), time.monotonic() + 0.5, [0.0], []
    lock = threading.Lock()

    def job(i, url):
        wait = start + i * interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        else:
            with lock:
                late[0] = max(late[0], -wait)
        try:
            pay_one(url)
        except Exception as e:  # noqa: BLE001 - counted and reported, the run goes on
            with lock:
                errors.append(repr(e))

    # Open loop: each payment starts at its slot whatever the previous ones are doing (up to 64 in flight).
    with ThreadPoolExecutor(max_workers=64) as pool:
        for i, url in enumerate(urls):
            pool.submit(job, i, url)
    took = time.monotonic() - start
    print(f"paid {len(urls) - len(errors)} of {len(urls)} orders in {took:.1f} s "
          f"({len(urls) / took:.1f}/s offered {rate}/s; worst start lag {late[0] * 1000:.0f} ms); errors: {len(errors)} {errors[:3]}")


def keys(token, out, fingerprint):
    found, page = [], 1
    while True:
        listed = call("GET", f"/api/v1/me/licenses?page_size=100&page={page}", token=token)
        found += [(l["id"], l["key"]) for l in listed["items"]]
        if page * 100 >= listed["total"]:
            break
        page += 1
    with open(out, "w") as f:
        for license_id, key in found:
            call("POST", "/api/v1/licenses/activate", {"key": key, "fingerprint": fingerprint, "name": "bench"})
            f.write(f"{license_id}\t{key}\n")
    print(len(found))


def link(token, license_id, version):
    created = call("POST", f"/api/v1/me/licenses/{license_id}/download-links", {"version": version}, token)
    print(urllib.parse.urlparse(created["url"]).path)


{"signup": signup, "orders": orders, "pay": pay, "keys": keys, "link": link}[sys.argv[2]](*sys.argv[3:])
