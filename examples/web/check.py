#!/usr/bin/env python3
"""Builds the browser example, opens it in headless Chromium through
chromedriver, waits for ndgpu to finish on WebGPU, checks the page's
results against NumPy's (the page compares each step with NumPy's repr and
says how many match), takes a screenshot and checks that it shows them:
the green "all steps match" banner and one green-edged box per step.

Run from the project root: python3 examples/web/check.py
Needs chromium, chromedriver, wasm-bindgen (the CLI, same version as the
wasm-bindgen crate) and the wasm32-unknown-unknown target; .ci/run installs
them. The screenshot is left in target/web-example.png. Standard library
only.
"""

import base64
import functools
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEB = os.path.join(ROOT, "examples", "web")
STEPS = 10
WIDTH, HEIGHT = 1000, 2200
# The page's colours (examples/web/index.html).
GREEN = (0x1A, 0x9C, 0x3A)
RED = (0xDD, 0x11, 0x11)


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--example", "web", "--target", "wasm32-unknown-unknown"],
        cwd=ROOT,
        check=True,
    )
    wasm = os.path.join(ROOT, "target", "wasm32-unknown-unknown", "release", "examples", "web.wasm")
    pkg = os.path.join(WEB, "pkg")
    shutil.rmtree(pkg, ignore_errors=True)
    subprocess.run(["wasm-bindgen", "--target", "web", "--out-dir", pkg, wasm], check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve():
    """Serves examples/web (wasm with its MIME type) on a free port."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=WEB)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def webdriver(port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=data,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())["value"]


def png_pixels(png):
    """Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into rows of
    (r, g, b) tuples."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, b"", None
    while pos < len(png):
        (n,) = struct.unpack(">I", png[pos : pos + 4])
        kind, chunk = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    width, height, depth, colour, _, _, interlace = ihdr
    assert depth == 8 and colour in (2, 6) and interlace == 0, ihdr
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return rows


def near(p, q, tol=40):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def main():
    build()
    server = serve()
    driver_port = free_port()
    driver = subprocess.Popen(
        [os.environ.get("CHROMEDRIVER", "chromedriver"), f"--port={driver_port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    session = None
    try:
        for _ in range(100):
            try:
                webdriver(driver_port, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        with open(os.path.join(ROOT, "webdriver.json")) as f:
            options = json.load(f)["goog:chromeOptions"]
        options["args"] = options["args"] + [f"--window-size={WIDTH},{HEIGHT}"]
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}}
        session = webdriver(driver_port, "POST", "/session", caps)["sessionId"]
        base = f"/session/{session}"
        started = time.time()
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        webdriver(driver_port, "POST", f"{base}/url", {"url": url})

        def text(element_id):
            script = f"return document.getElementById('{element_id}').textContent"
            return webdriver(driver_port, "POST", f"{base}/execute/sync", {"script": script, "args": []})

        while text("status") == "running":
            if time.time() - started > 120:
                sys.exit("the page did not finish within 120 s")
            time.sleep(0.2)
        elapsed = time.time() - started
        status, summary = text("status"), text("summary")
        print(f"page finished in {elapsed:.1f} s: {summary}")
        if status != "done":
            sys.exit(f"the page failed: {status}")
        want = f"{STEPS} of {STEPS} steps match NumPy"
        if summary != want:
            results = text("results")
            sys.exit(f"expected '{want}', got '{summary}':\n{results}")

        shot = base64.b64decode(webdriver(driver_port, "GET", f"{base}/screenshot"))
        out = os.path.join(ROOT, "target", "web-example.png")
        with open(out, "wb") as f:
            f.write(shot)
        rows = png_pixels(shot)
        green_rows = [y for y, row in enumerate(rows) if sum(near(p, GREEN) for p in row) >= 4]
        red = sum(near(p, RED, 20) for row in rows for p in row)
        dark = sum(1 for row in rows for p in row if max(p) < 80)
        # The banner: a wide green run; each step box: a green left edge.
        banner = [y for y, row in enumerate(rows) if sum(near(p, GREEN) for p in row) >= 150]
        print(
            f"screenshot {len(rows[0])}x{len(rows)} in {out}: {len(banner)} banner rows, "
            f"{len(green_rows)} rows with green, {dark} dark (text) pixels, {red} red pixels"
        )
        if not banner:
            sys.exit("the screenshot does not show the green 'steps match NumPy' banner")
        if len(green_rows) < STEPS * 40:
            sys.exit("the screenshot does not show the green-edged step boxes")
        if dark < 20000:
            sys.exit("the screenshot shows too little text for the results")
        if red:
            sys.exit("the screenshot shows a red (differing) step")
        print("web example: OK")
    finally:
        if session:
            try:
                webdriver(driver_port, "DELETE", f"/session/{session}")
            except OSError:
                pass
        driver.terminate()
        server.shutdown()


if __name__ == "__main__":
    main()
