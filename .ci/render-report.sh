#!/usr/bin/env bash
# Renders a slant-eval HTML report in headless Chromium (Debian's `chromium`): a PNG screenshot and the DOM as
# the browser parsed it. Used by the end-to-end test when Chromium is installed; also by hand:
#   .ci/render-report.sh report.html report.png      (writes report.png and report.dom.html)
# Exits non-zero when Chromium fails or logs a page error.
set -euo pipefail
html=$(realpath "$1")
png=$2
dom=${png%.png}.dom.html
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions --allow-file-access-from-files)
log=$(mktemp)
chromium "${flags[@]}" --window-size=1200,4000 --enable-logging=stderr --v=0 --screenshot="$png" "file://$html" 2>"$log" || { cat "$log" >&2; exit 1; }
chromium "${flags[@]}" --dump-dom "file://$html" > "$dom" 2>>"$log" || { cat "$log" >&2; exit 1; }
if grep -E "Uncaught|CONSOLE\(.*\).*(Error|error)|Failed to load" "$log" >&2; then exit 1; fi
[ -s "$png" ] && [ -s "$dom" ]
rm -f "$log"
