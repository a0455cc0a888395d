"""Serve a Flask app over real HTTP on 127.0.0.1 for browser tests: werkzeug's threaded server in a daemon thread.

Every request pushes its own app context in the server's threads; nothing is shared with the test's context."""
import threading
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-"):  # one line per static file is noise in test output
        if str(code).startswith("5"):
            super().log_request(code, size)


@contextmanager
def serve(app, host="127.0.0.1"):
    """Yield the base URL ("http://127.0.0.1:PORT") of `app` served on a free port; stop the server afterwards."""
    server = make_server(host, 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
