#!/usr/bin/env python3
"""Fail a CI run that skipped a test its environment is meant to run.

    python3 .ci/check_skips.py RESULTS.xml EXPECTED.txt

RESULTS.xml is pytest's --junitxml report; EXPECTED.txt lists the tests this run may skip, one
node id or fnmatch pattern a line (`tests/proof/test_spike.py::*`), `#` starts a comment.
Exit status 1 names every other skipped test with pytest's reason. Listed tests that ran are
reported too (the list may be out of date), without failing. Standard library only.
"""

import sys
import xml.etree.ElementTree as ET
from fnmatch import fnmatchcase
from pathlib import Path


def node_id(classname: str, name: str) -> str:
    """tests.notices.test_sending + test_x -> tests/notices/test_sending.py::test_x (classes
    inside the module become further `::` parts)."""
    parts = classname.split(".")
    for cut in range(len(parts), 0, -1):
        module = "/".join(parts[:cut]) + ".py"
        if Path(module).is_file():
            return "::".join([module, *parts[cut:], name])
    return "::".join([classname, name])


def read_results(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(skipped tests with their reasons, every test that ran or skipped)."""
    skipped, seen = [], []
    for case in ET.parse(path).getroot().iter("testcase"):
        test = node_id(case.get("classname", ""), case.get("name", ""))
        seen.append(test)
        skip = case.find("skipped")
        if skip is not None and skip.get("type") != "pytest.xfail":
            skipped.append((test, skip.get("message", "")))
    return skipped, seen


def read_expected(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def main(results: str, expected_file: str) -> int:
    if not Path(results).is_file():
        print(f"check_skips: no test report at {results}.")
        return 1
    skipped, seen = read_results(Path(results))
    if not seen:
        print(f"check_skips: {results} holds no test results.")
        return 1
    expected = read_expected(Path(expected_file))
    unexpected = [(t, why) for t, why in skipped if not any(fnmatchcase(t, p) for p in expected)]
    skipped_ids = {t for t, _why in skipped}
    ran = [p for p in expected if not any(fnmatchcase(t, p) for t in skipped_ids)]
    print(f"check_skips: {len(seen)} tests, {len(skipped)} skipped, {len(unexpected)} unexpected.")
    for pattern in ran:
        print(f"  note: listed in {expected_file} but not skipped (ran, or gone): {pattern}")
    for test, why in unexpected:
        print(f"  UNEXPECTED SKIP: {test}\n      reason: {why}")
    if unexpected:
        print(
            f"This run's environment is meant to run those tests. Fix what made them skip, or, "
            f"if they truly cannot run here, list them in {expected_file} with the reason."
        )
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
