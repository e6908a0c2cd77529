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
            if result is None and wants_page and os.path.isfile(os.path.join(self.root, ERRORS_FILE)):
                errors_path = self.mount_path.rstrip("/") + "/" + ERRORS_FILE[: -len("index.html")]
                result = super()._serve_request({**environ, "PATH_INFO": errors_path}, start_response)
            return result

    return ErrorsEverywhere
