#!/usr/bin/env bash
# Runs Emulsion's engine on a CUDA GPU machine that has PyTorch in its python3 but no JDK, no
# network and takes at most 64 MiB of files per command (the device machine of this workplace).
#
#   releng/gpu-check.sh pack        here, after a build: writes target/gpu-pack/engine (a jlinked Java
#                                   runtime with the JNI headers, the headless product without the CPU
#                                   and media natives, the DJL JNI source, these scripts) and
#                                   target/gpu-pack/media (the OpenCV, FFmpeg and OpenBLAS natives the
#                                   quality benchmark's DVD case needs), each under the 64 MiB limit
#   releng/gpu-check.sh self-test   here: unpacks the engine pack into a temporary folder, starts the
#                                   packed runtime on the CPU (PYTORCH_LIBRARY_PATH at the unpacked CPU
#                                   natives) for doctor and a quick bench engine, and configures the JNI
#                                   build against a stand-in Torch CMake package
#   releng/gpu-check.sh gpu-engine  on the GPU machine, carrying target/gpu-pack/engine: unpacks to
#                                   $EMULSION_GPU_HOME (/tmp/emulsion-gpu), makes a JNI for its PyTorch
#                                   (DJL's cu128 one when it loads, else builds one), then doctor and
#                                   bench engine (medium preset, fp32 and bf16) with --device gpu; JSON,
#                                   logs and a summary into $OUT
#   releng/gpu-check.sh gpu-quality on the same machine right after (it keeps /tmp while warm),
#                                   carrying target/gpu-pack/media: the quality benchmark's DVD case
#                                   with --device gpu, fp32 and bf16, a fixed step count; JSON into $OUT
#
# GPU_CHECK_ENGINE_BENCH=0 makes gpu-engine stop after the JNI and doctor. GPU_CHECK_CASE names
# another quick quality case for gpu-quality (e.g. print-luma-vinegar), which then trains for its
# own time budget rather than a fixed step count (what a GPU reaches in the time the CPU is given),
# in the precisions of GPU_CHECK_PRECISIONS (default "fp32 bf16"); GPU_CHECK_FULL=1 takes the case from
# the full set (e.g. print-luma-nitrate).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pack="$root/target/gpu-pack"
home="${EMULSION_GPU_HOME:-/tmp/emulsion-gpu}"
limit=$((62 << 20)) # 64 MiB per command, less the repository's own files
# Java modules the headless product uses (Equinox, DJL, JNA, JavaCPP, Gson, the XML parsers).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.management,jdk.unsupported,jdk.zipfs
# Fragments that stay behind: the 106 MB CPU libtorch (the GPU machine has its own) and the media
# natives (packed apart, only the quality benchmark needs them).
cpu_natives='ai.djl.pytorch.pytorch-native-cpu_*'
media_natives='org.bytedeco.opencv.linux-x86_64_* org.bytedeco.ffmpeg.linux-x86_64_* org.bytedeco.openblas.linux-x86_64_*'
# The DVD case trains to a fixed step count, so that fp32 and bf16 (and CPU and GPU) infer the same model.
dvd_steps=150

die() { echo "gpu-check: $*" >&2; exit 1; }
size() { stat -c %s "$1"; }

cmd_pack() {
  . "$root/releng/jdk.sh"
  emulsion_select_jdk
  local product="$root/releng/org.emulsion.product/target/products/org.emulsion.headless/linux/gtk/x86_64"
  [ -d "$product/plugins" ] || die "no headless product at $product; run ./mvnw -B -DskipTests verify (or ./emulsion doctor) first"
  local mirror="${DJL_SOURCE:-/work/.mirror/deepjavalibrary+djl/repo}" tag=v0.36.0
  git -C "$mirror" rev-parse -q --verify "$tag^{commit}" >/dev/null 2>&1 \
    || die "no DJL source with tag $tag at $mirror (a clone of deepjavalibrary/djl; set DJL_SOURCE)"
  local stage
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  mkdir -p "$stage/emulsion/releng" "$stage/media"

  echo "gpu-check: jlink runtime ($modules)"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$stage/emulsion/jre"
  # JNI headers for building libdjl_torch.so there (the machine has no JDK)
  mkdir -p "$stage/emulsion/jre/include/linux"
  cp "$JAVA_HOME/include/jni.h" "$stage/emulsion/jre/include/"
  cp "$JAVA_HOME/include/linux/jni_md.h" "$stage/emulsion/jre/include/linux/"

  echo "gpu-check: product without $cpu_natives $media_natives"
  cp -r "$product" "$stage/emulsion/product"
  local info="$stage/emulsion/product/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info" jar
  for pattern in $cpu_natives $media_natives; do
    for jar in "$stage/emulsion/product/plugins/"$pattern.jar; do
      [ -f "$jar" ] || die "no plugin $pattern.jar in the product"
      case "$pattern" in
        org.bytedeco.*)
          cp "$jar" "$stage/media/"
          grep ",plugins/$(basename "$jar")," "$info" >> "$stage/media/bundles.info" ;;
      esac
      rm "$jar"
      # one line per bundle: name,version,location,...; a fragment left behind must not be listed
      grep -v ",plugins/$(basename "$jar")," "$info" > "$info.new" && mv "$info.new" "$info"
    done
  done
  rm -rf "$stage/emulsion/product/p2"

  echo "gpu-check: DJL $tag JNI source"
  mkdir -p "$stage/emulsion/djl"
  git -C "$mirror" archive "$tag" engines/pytorch/pytorch-native api/src/main/native gradle/libs.versions.toml \
    engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni | tar -x -C "$stage/emulsion/djl"
  local jni="$stage/emulsion/djl/engines/pytorch/pytorch-native/build"
  mkdir -p "$jni/include" "$jni/classes"
  "$JAVA_HOME/bin/javac" -nowarn -sourcepath "$stage/emulsion/djl/engines/pytorch/pytorch-engine/src/main/java" \
    -cp "$(ls "$product"/plugins/ai.djl.api_*.jar):$(ls "$product"/plugins/org.slf4j.api_*.jar 2>/dev/null | head -n 1)" \
    -h "$jni/include" -d "$jni/classes" \
    "$stage/emulsion/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
  rm -rf "$jni/classes"

  cp "$root/emulsion" "$stage/emulsion/"
  cp "$root/releng/jdk.sh" "$root/releng/logging.properties" "$root/releng/build-djl-jni.sh" "$stage/emulsion/releng/"

  rm -rf "$pack"
  mkdir -p "$pack/engine" "$pack/media"
  echo "gpu-check: compressing"
  tar -C "$stage" -cf - emulsion | xz -9 -T0 > "$pack/engine/emulsion-gpu.tar.xz"
  # The natives jars are deflated, which xz cannot shrink further: stored (uncompressed) jars
  # compress to about a third under xz, and Equinox reads them as they are.
  for jar in "$stage"/media/*.jar; do
    python3 - "$jar" <<'PY'
import sys, zipfile
src = sys.argv[1]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(src + ".stored", "w", zipfile.ZIP_STORED) as zout:
    for item in zin.infolist():
        zout.writestr(item.filename, zin.read(item.filename), zipfile.ZIP_STORED)
PY
    mv "$jar.stored" "$jar"
  done
  tar -C "$stage" -cf - media | xz -9 -T0 > "$pack/media/emulsion-media.tar.xz"
  cmd_pack_gtk
  local f
  for f in "$pack/engine/emulsion-gpu.tar.xz" "$pack/media/emulsion-media.tar.xz"; do
    [ "$(size "$f")" -le "$limit" ] || die "$f is $(( $(size "$f") >> 20 )) MiB, over the $((limit >> 20)) MiB a command may carry"
    printf 'gpu-check: %s %d MiB (%d bytes)\n' "${f#"$root"/}" $(( $(size "$f") >> 20 )) "$(size "$f")"
  done
}

# The shared libraries OpenCV's highgui links beyond the C and C++ runtimes (GTK 2 and what it needs):
# JavaCPP loads highgui with features2d, which feature-based registration uses, and a GPU node without
# a desktop has no GTK. Taken from this machine (releng/packages.sh installs GTK), beside the media pack.
cmd_pack_gtk() {
  local jni stage
  jni=$(find "${EMULSION_CACHE:-$HOME/.cache/emulsion}/javacpp" -name libjniopencv_highgui.so | head -n 1)
  [ -n "$jni" ] || die "no unpacked OpenCV natives in the emulsion cache; run ./emulsion doctor once"
  stage=$(mktemp -d)
  mkdir -p "$stage/gtk2" "$pack/media"
  LD_LIBRARY_PATH="$(dirname "$jni")" ldd "$jni" | awk '$3 ~ /^\// {print $3}' | grep -v "$(dirname "$jni")" \
    | grep -vE '/(libc|libm|libpthread|libdl|librt|ld-linux-x86-64|libstdc\+\+|libgcc_s)\.so' \
    | while read -r lib; do cp -L "$lib" "$stage/gtk2/"; done
  ! LD_LIBRARY_PATH="$(dirname "$jni")" ldd "$jni" | grep -q "not found" || die "highgui's libraries are not all installed here"
  tar -C "$stage" -cf - gtk2 | xz -9 -T0 > "$pack/media/gtk2-libs.tar.xz"
  rm -rf "$stage"
  printf 'gpu-check: %s %d MiB\n' "target/gpu-pack/media/gtk2-libs.tar.xz" $(( $(size "$pack/media/gtk2-libs.tar.xz") >> 20 ))
}

# Unpacks the engine pack into $home (once per machine).
unpack_engine() {
  local archive="$root/target/gpu-pack/engine/emulsion-gpu.tar.xz"
  if [ ! -x "$home/emulsion/jre/bin/java" ]; then
    [ -f "$archive" ] || die "$archive is missing: carry target/gpu-pack/engine (run 'releng/gpu-check.sh pack' first)"
    mkdir -p "$home"
    xz -dc "$archive" | tar -x -C "$home"
  fi
}

# ./emulsion from the pack: the packed runtime and product, natives unpacked under $home.
packed() {
  JAVA_HOME="$home/emulsion/jre" EMULSION_PRODUCT="$home/emulsion/product" EMULSION_CACHE="$home/cache" \
    "$home/emulsion/emulsion" "$@"
}

cmd_self_test() {
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  unpack_engine
  local natives
  natives=$(ls -d "${EMULSION_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emulsion}"/djl/pytorch/*-cpu-linux-x86_64 2>/dev/null | head -n 1)
  [ -f "$natives/libtorch.so" ] || die "no unpacked CPU libtorch in the emulsion cache; run ./emulsion doctor once"
  echo "gpu-check: packed runtime on the CPU, PYTORCH_LIBRARY_PATH=$natives"
  export PYTORCH_LIBRARY_PATH="$natives" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu
  packed doctor | sed -n '/^libtorch/,/^Device/p'
  packed bench engine --quick --json "$home/engine.json" | tail -n 4
  grep -q '"device": "cpu()"' "$home/engine.json" || die "bench engine from the pack did not run on the CPU"
  unset PYTORCH_LIBRARY_PATH PYTORCH_VERSION PYTORCH_FLAVOR

  echo "gpu-check: JNI build, configure step, against a stand-in Torch package"
  local torch="$home/torch"
  mkdir -p "$torch/lib" "$torch/share/cmake/Torch"
  : > "$torch/lib/libtorch.so"
  printf "__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n" > "$torch/version.py"
  # Only what find_package(Torch) hands DJL's CMakeLists: a real torch package brings its own.
  cat > "$torch/share/cmake/Torch/TorchConfig.cmake" <<'EOF'
set(TORCH_FOUND TRUE)
set(TORCH_LIBRARIES "${CMAKE_CURRENT_LIST_DIR}/../../../lib/libtorch.so")
set(TORCH_CXX_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=1")
EOF
  JAVA_HOME="$home/emulsion/jre" "$home/emulsion/releng/build-djl-jni.sh" --djl-source "$home/emulsion/djl" \
    --torch "$torch" --cache "$home/cache/djl" --configure-only
  grep -q 'case 11:' "$home/emulsion/djl/engines/pytorch/pytorch-native/src/main/native/djl_pytorch_utils.h" \
    || die "the bfloat16 patch is missing"
  echo "gpu-check: self-test passed"
}

# DJL's cu128 JNI is used through PYTORCH_LIBRARY_PATH; a built one is found by ./emulsion itself.
use_chosen_jni() {
  if [ "$(cat "$home/jni-choice" 2>/dev/null)" = cu128 ]; then
    export PYTORCH_LIBRARY_PATH="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')/lib"
    export PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
  fi
}

cmd_gpu_engine() {
  [ -n "${OUT:-}" ] || die "OUT is not set (the device tool's output folder)"
  unpack_engine
  local torch log="$OUT/gpu-engine.log"
  exec > >(tee "$log") 2>&1
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
  torch=$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')
  python3 -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda, "gpu", torch.cuda.is_available())'
  # 1. DJL's own cu128 JNI against this libtorch (fits only if the C++ API did not change since 2.7.1)
  if PYTORCH_LIBRARY_PATH="$torch/lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 packed doctor --device gpu > "$home/doctor-cu128.txt" 2>&1; then
    echo "gpu-check: DJL's cu128 JNI loads with this libtorch"
    echo cu128 > "$home/jni-choice"
  else
    sed -n '/^ML engine/p;/NOT AVAILABLE/p' "$home/doctor-cu128.txt"
    echo "gpu-check: building the JNI against $torch"
    local started=$SECONDS
    JAVA_HOME="$home/emulsion/jre" "$home/emulsion/releng/build-djl-jni.sh" --djl-source "$home/emulsion/djl" \
      --torch "$torch" --cache "$home/cache/djl" > "$home/jni-build.log" 2>&1 \
      || { tail -n 60 "$home/jni-build.log"; cp "$home/jni-build.log" "$OUT/"; die "the JNI build failed (jni-build.log)"; }
    echo "gpu-check: JNI built in $((SECONDS - started)) s"
    echo built > "$home/jni-choice"
  fi
  use_chosen_jni
  # doctor exits 1 for the media natives, which this pack leaves out on purpose (gpu-quality brings them)
  packed doctor --device gpu | tee "$OUT/doctor.txt" || true
  [ "${GPU_CHECK_ENGINE_BENCH:-1}" = 0 ] && return 0
  packed bench engine --device gpu --preset medium --json "$OUT/engine-fp32.json"
  packed bench engine --device gpu --preset medium --precision bf16 --json "$OUT/engine-bf16.json" \
    || packed bench engine --device gpu --preset medium --precision fp16 --json "$OUT/engine-fp16.json"
}

cmd_gpu_quality() {
  [ -n "${OUT:-}" ] || die "OUT is not set (the device tool's output folder)"
  [ -x "$home/emulsion/jre/bin/java" ] || die "$home holds no engine pack: run 'releng/gpu-check.sh gpu-engine' on this machine first"
  local archive="$root/target/gpu-pack/media/emulsion-media.tar.xz"
  [ -f "$archive" ] || die "$archive is missing: carry target/gpu-pack/media"
  if [ ! -d "$home/media" ]; then
    xz -dc "$archive" | tar -x -C "$home"
    cp "$home"/media/*.jar "$home/emulsion/product/plugins/"
    cat "$home/media/bundles.info" >> "$home/emulsion/product/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
  fi
  if [ -f "$root/target/gpu-pack/media/gtk2-libs.tar.xz" ] && [ ! -d "$home/gtk2" ]; then
    xz -dc "$root/target/gpu-pack/media/gtk2-libs.tar.xz" | tar -x -C "$home"
  fi
  [ -d "$home/gtk2" ] && export LD_LIBRARY_PATH="$home/gtk2${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  exec > >(tee "$OUT/gpu-quality.log") 2>&1
  use_chosen_jni
  local p case="${GPU_CHECK_CASE:-dvd-chroma}" steps=() set=(--quick)
  [ "$case" = dvd-chroma ] && steps=(--steps "$dvd_steps")
  [ "${GPU_CHECK_FULL:-0}" = 1 ] && set=()
  for p in ${GPU_CHECK_PRECISIONS:-fp32 bf16}; do
    packed bench quality "${set[@]}" --case "$case" "${steps[@]}" --device gpu --precision "$p" \
      --json "$OUT/${case%%-*}-gpu-$p.json" --html "$home/quality-$case-$p"
  done
}

case "${1:-}" in
  pack) cmd_pack ;;
  pack-gtk) cmd_pack_gtk ;;
  self-test) cmd_self_test ;;
  gpu-engine) cmd_gpu_engine ;;
  gpu-quality) cmd_gpu_quality ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
