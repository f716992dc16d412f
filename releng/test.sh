#!/usr/bin/env bash
# The test command (README, .ci/run): builds everything, runs the OSGi test bundles
# (tycho-surefire, JUnit 5, real DJL/PyTorch and JavaCV natives; the UI tests drive the workbench
# on a virtual display started here unless DISPLAY is set), then starts the RCP workbench product
# under Xvfb for a screenshot and installs the update site's features into an empty folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/releng/jdk.sh"
emulsion_select_jdk
cd "$root"
if [ -z "${DISPLAY:-}" ]; then
    . "$root/releng/xvfb.sh"
    xvfb_work=$(mktemp -d "${TMPDIR:-/tmp}/emulsion-xvfb.XXXXXX")
    trap 'emulsion_stop_xvfb; rm -rf "$xvfb_work"' EXIT
    emulsion_start_xvfb "$xvfb_work" || { echo "test: Xvfb did not start (apt-get install xvfb)" >&2; exit 2; }
fi
./mvnw -B verify
releng/screenshot-workbench.sh "$root/target/workbench.png"
releng/check-update-site.sh
