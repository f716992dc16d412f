#!/usr/bin/env bash
# Checks the built p2 update site (releng/org.emulsion.site/target/repository) with the p2 director,
# using nothing but that site:
#   1. every feature at once into an empty folder: the site is self-contained and its features resolve;
#   2. what an institution does (README, "Installing only the workflows you need"): the headless
#      product with the core and the dvd workflow only -> its `plugins` command lists dvd-chroma and
#      not telecine-chroma; the telecine workflow feature added to that same installation -> listed;
#      uninstalled again -> gone;
#   3. the workbench product with the core and the dvd workflow, then the telecine feature added:
#      telecine-chroma's wizard pages load there (they need the workbench, which case 2 lacks).
# Usage: releng/check-update-site.sh [WORK_DIR]   (default releng/org.emulsion.site/target/install-check)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/releng/jdk.sh"
emulsion_select_jdk
site="$root/releng/org.emulsion.site/target/repository"
[ -f "$site/content.jar" ] || { echo "check-update-site: no update site at $site; run ./mvnw verify first" >&2; exit 2; }
work="${1:-$root/releng/org.emulsion.site/target/install-check}"
rm -rf "$work"
mkdir -p "$work"

fail() { echo "check-update-site: $*" >&2; exit 1; }

# director DESTINATION -DinstallIUs=...|-DuninstallIUs=...: the p2 director on the site alone.
director() {
  local dest=$1
  shift
  (cd "$root" && ./mvnw -B -q -N org.eclipse.tycho:tycho-p2-director-plugin:5.0.2:director \
    -Ddestination="$dest" -Drepositories="file://$site" -Dprofile=Emulsion -Dp2.os=linux -Dp2.ws=gtk -Dp2.arch=x86_64 "$@")
}
groups() { printf '%s.feature.group,' "$@" | sed 's/,$//'; }

# The installation's own `plugins` listing (text), through the launcher as ./emulsion starts it.
plugins() {
  EMULSION_PRODUCT="$1" "$root/emulsion" plugins
}
# expect LISTING PRESENT|ABSENT PATTERN WHAT
expect() {
  if grep -qF -- "$3" <<<"$1"; then
    [ "$2" = PRESENT ] || fail "$4 is listed, but should not be"
  else
    [ "$2" = ABSENT ] || fail "$4 is not listed"$'\n'"$1"
  fi
}

# 1. Every feature.
everything=(org.emulsion.runtime.feature org.emulsion.core.feature org.emulsion.bench.feature org.emulsion.ui.feature org.emulsion.workflow.demo.feature
  org.emulsion.workflow.dvd.feature org.emulsion.workflow.telecine.feature org.emulsion.workflow.print.feature
  org.emulsion.workflow.artwork.feature org.emulsion.workflow.multiprint.feature)
director "$work/all" -DinstallIUs="$(groups "${everything[@]}")"
for f in "${everything[@]}"; do
  ls -d "$work/all"/features/"$f"_* >/dev/null 2>&1 || fail "$f was not installed"
done
echo "check-update-site: ${#everything[@]} features and $(ls "$work/all/plugins" | wc -l) bundles installed from $site into $work/all"

# 2. The headless product with only the dvd workflow; then telecine added and removed.
headless="$work/headless"
director "$headless" -DinstallIUs="org.emulsion.headless,$(groups org.emulsion.runtime.feature org.emulsion.core.feature org.emulsion.workflow.dvd.feature)"
listing=$(plugins "$headless")
expect "$listing" PRESENT "[org.emulsion.workflow.dvd]" "dvd-chroma (headless product, core + dvd)"
expect "$listing" ABSENT "[org.emulsion.workflow.telecine]" "telecine-chroma (headless product, core + dvd)"
expect "$listing" ABSENT "[org.emulsion.bench]" "the bench command (headless product, core + dvd: the benchmark feature is separate)"
director "$headless" -DinstallIUs="$(groups org.emulsion.workflow.telecine.feature)"
listing=$(plugins "$headless")
expect "$listing" PRESENT "[org.emulsion.workflow.telecine]" "telecine-chroma (after adding its feature)"
expect "$listing" PRESENT "[org.emulsion.workflow.dvd]" "dvd-chroma (after adding telecine)"
director "$headless" -DuninstallIUs="$(groups org.emulsion.workflow.telecine.feature)"
listing=$(plugins "$headless")
expect "$listing" ABSENT "[org.emulsion.workflow.telecine]" "telecine-chroma (after uninstalling its feature)"
expect "$listing" PRESENT "[org.emulsion.workflow.dvd]" "dvd-chroma (after uninstalling telecine)"
ls "$headless/plugins" | grep -q '^org\.emulsion\.workflow\.telecine' && fail "telecine bundles left in $headless/plugins after uninstalling"
echo "check-update-site: headless product with core + dvd: dvd-chroma only; telecine-chroma added, then uninstalled"

# 3. The workbench product with the dvd workflow, then telecine added: its wizard pages load there.
workbench="$work/workbench"
director "$workbench" -DinstallIUs="org.emulsion.workbench.product,$(groups org.emulsion.runtime.feature org.emulsion.core.feature org.emulsion.ui.feature org.emulsion.workflow.dvd.feature)"
listing=$(plugins "$workbench")
expect "$listing" ABSENT "[org.emulsion.workflow.telecine.ui]" "telecine-chroma's wizard (workbench, core + dvd)"
director "$workbench" -DinstallIUs="$(groups org.emulsion.workflow.telecine.feature)"
listing=$(plugins "$workbench")
expect "$listing" PRESENT "[org.emulsion.workflow.telecine]" "telecine-chroma (workbench, after adding its feature)"
# a wizard line ends with its bundle when the workbench can load its pages ("not loadable here" otherwise)
grep -qE '^  telecine-chroma .*\[org\.emulsion\.workflow\.telecine\.ui\]$' <<<"$listing" \
  || fail "telecine-chroma's wizard pages are not loadable in the workbench product"$'\n'"$listing"
echo "check-update-site: workbench product: telecine-chroma and its wizard pages added to an installation with dvd only"
