#!/usr/bin/env bash
# Installs every feature of the built p2 update site (releng/org.emulsion.site/target/repository)
# into an empty folder with the p2 director, using nothing but that site: proves the site is
# self-contained and its features resolve. Usage: releng/check-update-site.sh [DESTINATION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/releng/jdk.sh"
emulsion_select_jdk
site="$root/releng/org.emulsion.site/target/repository"
[ -f "$site/content.jar" ] || { echo "check-update-site: no update site at $site; run ./mvnw verify first" >&2; exit 2; }
dest="${1:-$root/releng/org.emulsion.site/target/install-check}"
rm -rf "$dest"
features=(org.emulsion.runtime.feature org.emulsion.core.feature org.emulsion.ui.feature org.emulsion.workflow.demo.feature
  org.emulsion.workflow.dvd.feature org.emulsion.workflow.telecine.feature)
ius=$(printf '%s.feature.group,' "${features[@]}")
(cd "$root" && ./mvnw -B -q -N org.eclipse.tycho:tycho-p2-director-plugin:5.0.2:director \
  -Ddestination="$dest" -Drepositories="file://$site" -DinstallIUs="${ius%,}" \
  -Dprofile=Emulsion -Dp2.os=linux -Dp2.ws=gtk -Dp2.arch=x86_64)
for f in "${features[@]}"; do
  ls -d "$dest"/features/"$f"_* >/dev/null 2>&1 || { echo "check-update-site: $f was not installed" >&2; exit 1; }
done
echo "check-update-site: ${#features[@]} features and $(ls "$dest/plugins" | wc -l) bundles installed from $site into $dest"
