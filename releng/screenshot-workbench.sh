#!/usr/bin/env bash
# Starts the materialized Emulsion workbench product on a virtual X display (Xvfb), waits for its
# window and saves a PNG screenshot of it.
#
#   releng/screenshot-workbench.sh [OUTPUT.png]
#
# OUTPUT.png defaults to releng/org.emulsion.workbench.product/target/workbench.png. Build the
# product first (./mvnw verify ... -pl ...,releng/org.emulsion.workbench.product).
#
# Environment:
#   JAVA_HOME                    a JDK >= 21 (else the newest suitable one under /usr/lib/jvm)
#   EMULSION_PRODUCT             the product folder (default: the materialized linux/gtk/x86_64 one)
#   EMULSION_SCREENSHOT_TIMEOUT  seconds to wait for the window (default 120)
#   EMULSION_SCREENSHOT_SETTLE   seconds to let the window paint before the shot (default 3)
#
# Missing tools (Xvfb, xwininfo, ImageMagick's import, GTK 3, a font) are installed with apt-get
# when running as root, as on a fresh Debian 12 machine; otherwise the command to run is named.
#
# Exit status: 0 with the PNG written; 1 when the window never appeared (the application's output
# and <product>/configuration/*.log are printed); 2 when something needed is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
product=${EMULSION_PRODUCT:-$here/org.emulsion.workbench.product/target/products/org.emulsion.workbench.product/linux/gtk/x86_64}
output=${1:-$here/org.emulsion.workbench.product/target/workbench.png}
timeout=${EMULSION_SCREENSHOT_TIMEOUT:-120}
settle=${EMULSION_SCREENSHOT_SETTLE:-3}
application=org.emulsion.ui.workbench
title=Emulsion

die() { echo "screenshot-workbench: $*" >&2; exit 2; }

# --- A JDK >= 21: JAVA_HOME first, then /usr/lib/jvm/* -----------------------------------------
. "$here/jdk.sh"
emulsion_select_jdk
java=$JAVA_HOME/bin/java

# --- The product -------------------------------------------------------------------------------
launcher=$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1 || true)
[ -n "$launcher" ] || die "no product at $product (build releng/org.emulsion.workbench.product first)"

# --- Tools: install what is missing (Debian packages) ------------------------------------------
. "$here/packages.sh"
emulsion_require_packages screenshot-workbench xvfb x11-utils imagemagick libgtk-3-0 fonts-dejavu-core || exit 2

# --- Run ---------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/emulsion-screenshot.XXXXXX")
app_pid=
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    emulsion_stop_xvfb
    rm -rf "$work"
}
trap cleanup EXIT

. "$here/xvfb.sh"
emulsion_start_xvfb "$work" || die "Xvfb did not start"

echo "screenshot-workbench: $java, display $DISPLAY, product $product" >&2
(cd "$product" && exec "$java" -Dai.djl.offline=true -jar "${launcher#"$product/"}" \
    -application "$application" -data "$work/workspace" -consoleLog) >"$work/app.log" 2>&1 &
app_pid=$!

# The window, once it is mapped: xwininfo lists it as  0x... "Emulsion ": ("..." "...") ...
# (SWT on GTK pads window titles with a space; the workbench's hidden shells share the name but
# are never mapped).
window_id() {
    local id
    for id in $(xwininfo -root -tree 2>/dev/null | sed -n "s/^ *\(0x[0-9a-f]*\) \"$title *\": .*/\1/p"); do
        if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
            echo "$id"
            return 0
        fi
    done
    return 1
}

window_never_appeared() {
    echo "screenshot-workbench: $1" >&2
    echo "--- application output ---" >&2
    tail -n 100 "$work/app.log" >&2 || true
    for log in "$product"/configuration/*.log; do
        [ -e "$log" ] || continue
        echo "--- $log ---" >&2
        tail -n 100 "$log" >&2
    done
    exit 1
}

deadline=$((SECONDS + timeout))
until window=$(window_id); do
    kill -0 "$app_pid" 2>/dev/null || window_never_appeared "the application exited before its window appeared"
    [ "$SECONDS" -lt "$deadline" ] || window_never_appeared "no window \"$title\" after ${timeout}s"
    sleep 1
done
sleep "$settle"

mkdir -p "$(dirname "$output")"
import -window "$window" "png:$output"
echo "screenshot-workbench: window $window saved to $output" >&2
