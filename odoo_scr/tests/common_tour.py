import base64
import json
import os
import re
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase
from odoo.tests.common import ChromeBrowser

SCREENSHOT_SIGNAL = "scr-screenshot:"
SCREENSHOT_ENV = "SCR_SCREENSHOTS"
# docs/screenshots/ of the repository holding the addon (odoo_scr/tests/ -> the root).
DEFAULT_SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class ScrTourCase(HttpCase):
    """A browser tour that can take the README's screenshots as it goes.

    A tour asks for a screenshot with two steps: one that logs the signal, and one that
    waits until the picture is taken (the page must not change in between)::

        {
            trigger: ".o_list_view .o_data_row",
            run() { console.log("scr-screenshot:coordinator-desk"); },
        },
        {trigger: "body[data-scr-screenshot='coordinator-desk']"},

    Run from a test of this class with ``self.start_tour(...)`` as usual. Pictures are
    written only when the environment variable ``SCR_SCREENSHOTS`` is set: ``1`` writes
    ``docs/screenshots/<name>.png`` of the repository, any other value is the directory
    to write to. Without it, the tour runs the same and writes nothing (the waiting step
    passes at once), so an ordinary test run leaves the tree untouched. To refresh the
    README's pictures: ``SCR_SCREENSHOTS=1 /work/bin/scrtest NAME PORT /odoo_scr:TestX``
    (or ``make test`` with the variable set), then commit docs/screenshots/.

    Screens are taken at ``browser_size`` (1440 x 900, a common laptop), in the
    language of the user the tour logs in as.
    """

    browser_size = "1440x900"

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        with self._screenshots():
            return super().start_tour(url_path, tour_name, step_delay=step_delay, **kwargs)

    @staticmethod
    def _screenshot_dir():
        """Where to write pictures, or None when none are wanted."""
        target = os.environ.get(SCREENSHOT_ENV)
        if not target:
            return None
        return DEFAULT_SCREENSHOT_DIR if target == "1" else Path(target)

    @contextmanager
    def _screenshots(self):
        """Answer the tour's screenshot signals while the browser runs."""
        directory = self._screenshot_dir()
        original = ChromeBrowser._handle_console

        def handle_console(browser, **event):
            args = event.get("args") or [{}]
            signal = args[0].get("value")
            if (
                event.get("type") == "log"
                and isinstance(signal, str)
                and signal.startswith(SCREENSHOT_SIGNAL)
            ):
                _take_screenshot(browser, signal[len(SCREENSHOT_SIGNAL) :], directory)
                return None
            return original(browser, **event)

        # ChromeBrowser binds its console handler when it starts: patch before it does.
        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            yield


def _take_screenshot(browser, name, directory):
    """Capture the page as ``<directory>/<name>.png`` (when there is a directory), then
    mark the page so that the tour's next step can go on.

    Runs in the browser's websocket thread, which must not wait for an answer: the
    picture is saved by a callback when Chrome sends it."""
    if not re.fullmatch(r"[\w-]+", name):
        raise ValueError(f"A screenshot is named with letters, digits and dashes: {name!r}")
    mark = {"expression": f"document.body.dataset.scrScreenshot = {json.dumps(name)}"}
    if directory is None:
        browser._websocket_send("Runtime.evaluate", params=mark)
        return

    def save(future):
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"{name}.png").write_bytes(base64.b64decode(future.result()["data"]))
        browser._logger.info("Screenshot %s saved in %s", name, directory)
        browser._websocket_send("Runtime.evaluate", params=mark)

    future = browser._websocket_send(
        "Page.captureScreenshot", params={"format": "png"}, with_future=True
    )
    future.add_done_callback(save)
