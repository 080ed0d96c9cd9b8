"""Page drawing in a helper process.

MuPDF keeps Python's interpreter lock while it draws (the window stalls for as long
as a page takes) and can spin forever on a damaged image (found by fuzzing). Drawn
in a child process, neither can freeze the caller: a page that takes too long is
abandoned, the child replaced, and the page reported as damaged. Images come back
through a pipe; the parent keeps the LRU cache, the child keeps documents open.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from recto.app.errors import CorruptPdfError, RectoError
from recto.app.pdf.limits import DRAW_MEMORY_BYTES, helper_context, limit_memory
from recto.app.pdf.reader import page_not_drawn
from recto.app.pdf.render import DEFAULT_CACHE_BYTES, PageImage, PageRenderer

DRAW_TIMEOUT_S = 20.0


class RenderTimeoutError(CorruptPdfError):
    pass


def _serve(conn) -> None:
    """The child: draw what is asked until the pipe closes (parent gone or done), within
    a memory limit (a page that needs more fails as damaged, the child lives on)."""
    limit_memory(DRAW_MEMORY_BYTES)
    renderer = PageRenderer(cache_bytes=1)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request == "forget":
            renderer.close()
            conn.send(("ok", None))
            continue
        if len(request) == 3 and request[0] == "links":  # render keys have four parts
            from recto.app.pdf.links import links_on_page
            conn.send(("ok", links_on_page(request[1], request[2])))
            continue
        if len(request) == 3 and request[0] == "call":
            conn.send(_call(request[1], request[2]))
            continue
        try:
            conn.send(("ok", renderer.render(*request)))
        except RectoError as exc:
            conn.send(("error", exc))
        except MemoryError:
            conn.send(("error", CorruptPdfError(page_not_drawn(
                request[1], "it needs more memory than Recto allows for one page"))))
        except Exception as exc:  # noqa: BLE001 - a drawing failure is the page's, not ours
            conn.send(("error", CorruptPdfError(page_not_drawn(request[1], exc))))


def _call(name: str, args: tuple) -> tuple[str, Any]:
    """Run `module:function`(*args) here in the child; its result, or its error as one
    sentence (RectoError) for the caller to report."""
    import importlib
    module, function = name.split(":")
    try:
        return "ok", getattr(importlib.import_module(module), function)(*args)
    except RectoError as exc:
        return "error", exc
    except MemoryError:
        return "error", CorruptPdfError(
            "The page needs more memory than Recto allows for one page.")
    except Exception as exc:  # noqa: BLE001 - the page's failure, reported by the caller
        return "error", RectoError(str(exc).strip() or type(exc).__name__)


class IsolatedRenderer:
    """Same `render()` as PageRenderer, drawn in a child process with a time limit.

    One owner thread at a time (a lock serialises callers).
    """

    def __init__(self, cache_bytes: int = DEFAULT_CACHE_BYTES, timeout_s: float | None = None):
        self.timeout_s = DRAW_TIMEOUT_S if timeout_s is None else timeout_s
        self._cache: OrderedDict[tuple, PageImage] = OrderedDict()
        self._cache_bytes, self._used = cache_bytes, 0
        self._lock = threading.Lock()
        self._child: BaseProcess | None = None
        self._conn: Connection | None = None

    def start(self) -> None:
        """Start the child now (it takes a moment), so the first page is quick."""
        with self._lock:
            self._ensure_child()

    def render(self, path: str, page_index: int, zoom: float,
               gray: bool | None = False) -> PageImage:
        key = (str(path), page_index, round(zoom, 3), gray)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
            image = self._draw(key)
            self._remember(key, image)
            return image

    def links(self, path: str, page_index: int) -> list | None:
        """The page's links as text (app.pdf.links.LinkInfo), read in the child too: a
        hostile annotation array must not stall the caller. None when the page could not
        be read in time (the child is replaced)."""
        with self._lock:
            conn = self._ensure_child()
            try:
                conn.send(("links", str(path), page_index))
                if conn.poll(self.timeout_s):
                    return conn.recv()[1]
            except (EOFError, OSError):
                pass
            self._stop_child()
            return None

    def call(self, name: str, *args, timeout_s: float, cancelled=None) -> Any:
        """`module:function`(*args) run in the child, for page work that calls MuPDF (which
        keeps Python's lock: on the caller's thread it would stall the window). Past
        `timeout_s`, or when `cancelled()` turns true, the child is replaced and
        RenderTimeoutError / CancelledError raised; the function's own errors are raised
        as RectoErrors with its message."""
        from recto.app.errors import CancelledError
        with self._lock:
            conn = self._ensure_child()
            try:
                conn.send(("call", name, args))
                waited = 0.0
                while not conn.poll(0.1):
                    waited += 0.1
                    if cancelled is not None and cancelled():
                        self._stop_child()
                        raise CancelledError("Cancelled.")
                    if waited >= timeout_s:
                        self._stop_child()
                        raise RenderTimeoutError(f"It took longer than {timeout_s:g} s.")
                status, value = conn.recv()
            except (EOFError, OSError):
                self._stop_child()
                raise CorruptPdfError("The helper process stopped (the page may be damaged, "
                                      "or need more memory than Recto allows).") from None
        if status == "error":
            raise value
        return value

    def _draw(self, key: tuple) -> PageImage:
        conn = self._ensure_child()
        try:
            conn.send(key)
            ready = conn.poll(self.timeout_s)
            reply: tuple[str | None, Any] = conn.recv() if ready else (None, None)
            status, value = reply
        except (EOFError, OSError):
            self._stop_child()
            raise CorruptPdfError(page_not_drawn(key[1], "the drawing process stopped")) from None
        if status is None:
            self._stop_child()
            raise RenderTimeoutError(page_not_drawn(
                key[1], f"drawing it took longer than {self.timeout_s:g} s"))
        if status == "error":
            raise value
        return value

    def _remember(self, key: tuple, image: PageImage) -> None:
        self._cache[key] = image
        self._used += len(image.samples)
        while self._used > self._cache_bytes and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._used -= len(old.samples)

    def _ensure_child(self) -> Connection:
        """The pipe to a live child, started anew if the last one died or was stopped."""
        if self._child is not None and self._child.is_alive() and self._conn is not None:
            return self._conn
        self._stop_child()
        ctx = helper_context()
        parent, child = ctx.Pipe()
        self._child = ctx.Process(target=_serve, args=(child,), daemon=True,
                                  name="recto-render")
        self._child.start()
        child.close()
        self._conn = parent
        return parent

    def _stop_child(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._child is not None:
            if self._child.is_alive():
                self._child.kill()
            self._child.join(5)
        self._child, self._conn = None, None

    def forget(self) -> None:
        """Drop every cached image and open document, here and in the child (a project was
        closed, or a benchmark wants a cold start without a new process)."""
        with self._lock:
            self._cache.clear()
            self._used = 0
            if self._child is not None and self._child.is_alive() and self._conn is not None:
                self._conn.send("forget")
                self._conn.recv()

    def close(self) -> None:
        with self._lock:
            self._stop_child()
            self._cache.clear()
            self._used = 0
