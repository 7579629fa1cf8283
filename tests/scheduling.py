"""How `./scripts/test.sh` (`-n 3 --dist loadgroup`) shares the tests between its workers.

pytest-xdist's loadgroup hands out one xdist group (or one ungrouped test) at a time, biggest group first.
This keeps that, with two rules the browser tests need and an order that keeps every worker busy:

- Each browser module is its own group (tests/browser/conftest.py), so its module-scoped Streamlit server
  starts once, and different modules run on different workers at once.
- A group named ``alone:…`` (the ten-session load test) never runs beside another browser group: it is
  handed out only while no other worker has browser work left, and no browser group is handed out while
  it runs. The other workers keep running tests that need no browser meanwhile.
- Order: the ``alone`` group first (the other workers have the most browserless tests to choose from then),
  then ``slow:…`` groups (tests marked slow, longest first is what balances the workers), then the other
  browser groups by size, then everything else.

Used only under `--dist loadgroup` with more than one worker (tests/conftest.py); `-n 0` runs in order.
"""

from __future__ import annotations

from xdist.scheduler import LoadGroupScheduling

ALONE = "alone:"
BROWSER = "browser:"
SLOW = "slow:"


def kind(scope: str) -> str:
    """What a scope is: "alone", "slow" or "browser" for a group of that prefix (loadgroup's scope of a
    grouped test is the group's name), "" for anything else (a test without a group is its own scope,
    named by its id: "tests/test_x.py::test_y")."""
    if "::" not in scope:
        for prefix in (ALONE, SLOW, BROWSER):
            if scope.startswith(prefix):
                return prefix.rstrip(":")
    return ""


RANK = {"alone": 0, "slow": 1, "browser": 2, "": 3}


class BrowserAwareScheduling(LoadGroupScheduling):
    def _busy_with(self, node, kinds: set[str]) -> bool:
        """True if another worker than `node` still has a test of one of these kinds to finish."""
        return any(
            other is not node
            and any(kind(scope) in kinds and not all(unit.values()) for scope, unit in work.items())
            for other, work in self.assigned_work.items()
        )

    def _next_scope(self, node) -> str | None:
        alone_elsewhere = self._busy_with(node, {"alone"})
        browser_elsewhere = self._busy_with(node, {"alone", "browser"})
        best, best_key = None, None
        for index, (scope, unit) in enumerate(self.workqueue.items()):
            k = kind(scope)
            if k == "alone" and browser_elsewhere:
                continue
            if k == "browser" and alone_elsewhere:
                continue
            key = (RANK[k], -len(unit), index)
            if best_key is None or key < best_key:
                best, best_key = scope, key
        return best

    def _assign_work_unit(self, node) -> None:
        scope = self._next_scope(node)
        if scope is None:  # only browser work is left and it must wait: a later completion retries
            return
        work_unit = self.workqueue.pop(scope)
        self.assigned_work.setdefault(node, {})[scope] = work_unit
        collection = self.registered_collections[node]
        node.send_runtest_some([collection.index(nodeid) for nodeid, done in work_unit.items() if not done])

    def mark_test_complete(self, node, item_index: int, duration: float = 0) -> None:
        super().mark_test_complete(node, item_index, duration)
        # a worker left idle because browser work had to wait may take it now
        for other in self.nodes:
            if other is not node and not self._pending_of(self.assigned_work[other]):
                self._reschedule(other)
