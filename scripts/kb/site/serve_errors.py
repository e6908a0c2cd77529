"""Under `kb serve`, while the catalogue has errors, every page the maintainer opens shows the
error list instead of a 404: a page that does not exist in the placeholder site is answered with
the error page (the live-reload script included), which turns back into the real page as soon as
the file is fixed and the site rebuilt."""
from __future__ import annotations

import os

from kb.site.pages.errors import ERRORS_URI

ERRORS_FILE = ERRORS_URI[: -len(".md")] + "/index.html"


def errors_everywhere(server_class):
    """A LiveReloadServer class that answers missing pages with the error page, if there is one."""

    class ErrorsEverywhere(server_class):
        def _serve_request(self, environ, start_response):
            result = super()._serve_request(environ, start_response)
            path = environ.get("PATH_INFO", "")
            wants_page = path.endswith("/") or path.endswith(".html")
            errors = os.path.join(self.root, ERRORS_FILE)
            if result is None and wants_page and os.path.isfile(errors):
                result = self._errors_page(errors, start_response)
            return result

        def _errors_page(self, errors: str, start_response):
            # The page's links and assets are relative to its own folder: <base> points there,
            # whatever address it answers. Live reload as MkDocs 1.6 adds it to every page.
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            with open(errors, "rb") as f:
                content = f.read()
            folder = self.mount_path.rstrip("/") + "/" + ERRORS_FILE[: -len("index.html")]
            content = content.replace(b"<head>", b'<head><base href="' + folder.encode() + b'">', 1)
            content = self._inject_js_into_html(content, epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(content)))])
            return [content]

    return ErrorsEverywhere
