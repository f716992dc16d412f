#!/usr/bin/env bash
# The test command (README, .ci/run): builds everything, runs the OSGi test bundles
# (tycho-surefire, JUnit 5, real DJL/PyTorch and JavaCV natives; the UI tests drive the workbench
# on a virtual display started here unless DISPLAY is set), then starts the RCP workbench product
# under Xvfb for a screenshot and checks the update site (releng/check-update-site.sh). On a fresh
# Debian machine it first installs the packages it lacks (releng/packages.sh) when run as root, and
# otherwise names the one command to run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/releng/jdk.sh"
. "$root/releng/packages.sh"
emulsion_select_jdk
emulsion_require_packages test "${EMULSION_TEST_PACKAGES[@]}" || exit 2
cd "$root"
if [ -z "${DISPLAY:-}" ]; then
    . "$root/releng/xvfb.sh"
    xvfb_work=$(mktemp -d "${TMPDIR:-/tmp}/emulsion-xvfb.XXXXXX")
    trap 'emulsion_stop_xvfb; rm -rf "$xvfb_work"' EXIT
    emulsion_start_xvfb "$xvfb_work" || { echo "test: Xvfb did not start (its log is above)" >&2; exit 2; }
fi
./mvnw -B verify
releng/screenshot-workbench.sh "$root/target/workbench.png"
releng/check-update-site.sh
