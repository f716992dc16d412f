# Sourced by releng scripts: the Debian packages a test run needs beyond a JDK, installed when missing.
#
#   emulsion_require_packages WHO PACKAGE...   installs the missing ones with apt-get when running as
#       root; otherwise prints the one command to run (naming WHO) and returns 2.
#
# EMULSION_TEST_PACKAGES: what releng/test.sh needs on a fresh Debian machine: a virtual display and
# GTK 3 with a font for the workbench, GTK 2 for OpenCV's highgui (JavaCPP loads it with features2d,
# which feature-based registration uses, even headless), xwininfo and ImageMagick's import for its screenshot, and
# jemalloc (./emulsion preloads it when installed; the test JVMs run on glibc's allocator, and both are
# supported), and Chromium
# (the report page is checked in a headless browser).
EMULSION_TEST_PACKAGES=(xvfb x11-utils imagemagick libgtk-3-0 libgtk2.0-0 fonts-dejavu-core libjemalloc2 chromium)

emulsion_require_packages() {
    local who=$1 p
    shift
    local missing=()
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "$who: missing ${missing[*]} (Debian package names); install them with this system's package manager" >&2
        return 2
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "$who: missing ${missing[*]}; install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        return 2
    fi
    echo "$who: installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
