"""A local stand-in for an SMS vendor's HTTP endpoint: records each request and answers with
what the test sets."""

import http.server
import json
import threading
from contextlib import contextmanager


class StandIn:
    def __init__(self):
        self.requests = []
        self.answer = (200, {})

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/"


@contextmanager
def vendor_standin():
    state = StandIn()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": body,
                }
            )
            status, payload = (
                state.answer(state.requests[-1]) if callable(state.answer) else state.answer
            )
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    state.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=state.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.server.shutdown()
        state.server.server_close()
