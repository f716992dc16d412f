#!/usr/bin/env bash
# The test command (README, .ci/run): builds everything, runs the OSGi test bundles
# (tycho-surefire, JUnit 5, real DJL/PyTorch and JavaCV natives), then starts the RCP workbench
# under Xvfb for a screenshot and installs the update site's features into an empty folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/releng/jdk.sh"
emulsion_select_jdk
cd "$root"
./mvnw -B verify
releng/screenshot-workbench.sh "$root/target/workbench.png"
releng/check-update-site.sh
