# Sourced by releng scripts: starts a virtual X display for the workbench (SWT/GTK needs one).
#
#   emulsion_start_xvfb WORK_DIR   starts Xvfb on a free display number, exports DISPLAY (and the
#                                  GTK settings SWT needs there) and sets EMULSION_XVFB_PID; its
#                                  log is WORK_DIR/xvfb.log. Returns 1 when Xvfb does not start.
#   emulsion_stop_xvfb             stops it again (safe to call when none was started).

emulsion_start_xvfb() {
    local work=$1
    # Xvfb picks a free display number itself and writes it to fd 3.
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    EMULSION_XVFB_PID=$!
    for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
    if [ ! -s "$work/display" ]; then
        cat "$work/xvfb.log" >&2
        return 1
    fi
    export DISPLAY=":$(head -n 1 "$work/display")"
    export GDK_BACKEND=x11 NO_AT_BRIDGE=1
}

emulsion_stop_xvfb() {
    if [ -n "${EMULSION_XVFB_PID:-}" ]; then
        kill "$EMULSION_XVFB_PID" 2>/dev/null || true
        wait "$EMULSION_XVFB_PID" 2>/dev/null || true
        EMULSION_XVFB_PID=
    fi
}
