#!/usr/bin/env bash
# Test setup: the package with its test extras, and headless Chromium for the
# browser test of the HTML digest (Debian's `chromium`). Chromium is best
# effort: where it cannot be installed, that one test skips and says why. A
# CJK font makes the screenshot readable (the test passes without one).
set -u
python3 -m pip install -q -e '.[test]' || exit 1
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
        (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }) \
            || echo "tests/setup.sh: could not install chromium; the browser test will be skipped" >&2
    else
        echo "tests/setup.sh: chromium not found and apt-get unavailable; the browser test will be skipped" >&2
    fi
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && ! fc-list 2>/dev/null | grep -qi "cjk\|wqy\|han sans"; then
    apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 \
        || echo "tests/setup.sh: no CJK font installed; screenshots will show boxes for Chinese" >&2
fi
exit 0
