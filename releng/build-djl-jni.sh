#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against an installed libtorch, for a PyTorch whose
# version DJL's own JNI does not fit (DJL 0.36 ships one for libtorch 2.7.1 only), and adds the
# bfloat16 type DJL 0.36's JNI lacks (it aborts the process on it). The result goes where DJL looks
# for a JNI of that version and flavour, with emulsion-jni.properties beside it; ./emulsion doctor
# then lists that PyTorch as usable.
#
#   releng/build-djl-jni.sh --djl-source DIR [--torch DIR] [--cache DIR] [--configure-only]
#
#   --djl-source  DJL's source at the tag of the DJL in use (v0.36.0): engines/pytorch/pytorch-native,
#                 api/src/main/native and engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni
#                 are what is needed (releng/gpu-check.sh pack prepares such a folder, JNI header included)
#   --torch       the torch package folder (with lib/libtorch.so and share/cmake/Torch); default: the
#                 one python3 imports
#   --cache       DJL's engine cache (default: the ./emulsion launcher's, $EMULSION_CACHE/djl)
#   --configure-only  stop after CMake's configure step (checks the toolchain and the paths)
#
# Needs CMake >= 3.18, a C++17 compiler, ninja or make, the JNI headers (a JDK's include/, or the
# include/ folder of a runtime gpu-check.sh packs) and, for a CUDA build, the CUDA toolkit
# PyTorch's CMake files ask for.
set -euo pipefail

die() { echo "build-djl-jni: $*" >&2; exit 1; }

source_dir="" torch="" cache="" configure_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --djl-source) source_dir="$2"; shift 2 ;;
    --torch) torch="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --configure-only) configure_only=1; shift ;;
    *) die "unknown argument '$1' (see the comment at the top of $0)" ;;
  esac
done
[ -n "$source_dir" ] || die "--djl-source DIR is required: DJL's source at the tag of the DJL in use"
native="$source_dir/engines/pytorch/pytorch-native"
[ -f "$native/CMakeLists.txt" ] || die "$native/CMakeLists.txt is missing: --djl-source must be DJL's source tree"

if [ -z "$torch" ]; then
  command -v python3 >/dev/null || die "no python3 to find torch with; give --torch DIR"
  torch=$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null) \
    || die "python3 cannot import torch; give --torch DIR"
fi
[ -f "$torch/lib/libtorch.so" ] || die "$torch/lib/libtorch.so is missing: --torch must be a torch package or libtorch folder"

# Version and flavour as TorchLibraries reads them: torch/version.py (pip) or build-version (libtorch archive).
if [ -f "$torch/version.py" ]; then
  full=$(sed -n "s/^__version__ *\(: *str *\)\{0,1\}= *['\"]\([^'\"]*\)['\"].*/\2/p" "$torch/version.py" | head -n 1)
  cuda=$(sed -n "s/^cuda *\(:[^=]*\)\{0,1\}= *['\"]\([0-9]*\)\.\([0-9]*\).*/\2\3/p" "$torch/version.py" | head -n 1)
elif [ -f "$torch/build-version" ]; then
  full=$(head -n 1 "$torch/build-version")
  cuda=$(printf '%s' "$full" | sed -n 's/.*+cu\([0-9]*\)$/\1/p')
else
  die "neither $torch/version.py nor $torch/build-version says which libtorch this is"
fi
version=$(printf '%s' "$full" | sed -n 's/^\([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p')
[ -n "$version" ] || die "cannot read a version from '$full'"
flavor=cpu
[ -n "$cuda" ] && flavor="cu$cuda"

djl=$(sed -n 's/^djl *= *"\(.*\)"/\1/p' "$source_dir/gradle/libs.versions.toml" 2>/dev/null | head -n 1)
djl=${djl:-0.36.0}
cache=${cache:-${EMULSION_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emulsion}/djl}
target="$cache/pytorch/$version-$flavor-linux-x86_64"
echo "build-djl-jni: libtorch $full ($flavor) at $torch; DJL $djl; JNI to $target"

# JNI headers: JAVA_HOME/include (a JDK, or a packed runtime with the headers added).
java_home=${JAVA_HOME:-}
[ -n "$java_home" ] || java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent/bin/java)")")")
[ -f "$java_home/include/jni.h" ] || die "no jni.h in $java_home/include: set JAVA_HOME to a JDK (or the packed runtime)"

# The generated header of PyTorchLibrary's native methods (javac -h), unless the pack brought it.
header="$native/build/include/ai_djl_pytorch_jni_PyTorchLibrary.h"
if [ ! -f "$header" ]; then
  command -v javac >/dev/null || [ -x "$java_home/bin/javac" ] || die "$header is missing and there is no javac to generate it"
  javac_bin=$( [ -x "$java_home/bin/javac" ] && echo "$java_home/bin/javac" || command -v javac )
  mkdir -p "$native/build/include" "$native/build/classes"
  "$javac_bin" -sourcepath "$source_dir/engines/pytorch/pytorch-engine/src/main/java" -h "$native/build/include" \
    -d "$native/build/classes" "$source_dir/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
fi

# bfloat16: DJL's DataType.BFLOAT16 has ordinal 11; DJL 0.36 maps only 0-8 and aborts (a bare throw) on it.
utils="$native/src/main/native/djl_pytorch_utils.h"
if ! grep -q 'kBFloat16' "$utils"; then
  sed -i -e 's|^\(    case 8:\)$|    case 11:\n      return torch::kBFloat16;\n\1|' \
         -e 's|^\(  } else if (torch::kComplexFloat == type) {\)$|  } else if (torch::kBFloat16 == type) {\n    return 11;\n\1|' "$utils"
  grep -q 'case 11:' "$utils" && grep -q 'return 11;' "$utils" || die "could not add bfloat16 to $utils (DJL's source changed?)"
fi

build="$native/build/cmake-$version-$flavor"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cuda_flag=()
[ "$flavor" != cpu ] && cuda_flag=(-DUSE_CUDA=1)
cmake -S "$native" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$torch/share/cmake;$torch" "${cuda_flag[@]}" \
  -DJAVA_HOME="$java_home" -DJAVA_INCLUDE_PATH="$java_home/include" -DJAVA_INCLUDE_PATH2="$java_home/include/linux" \
  -DJAVA_JVM_LIBRARY=NotNeeded
if [ "$configure_only" = 1 ]; then
  echo "build-djl-jni: configured in $build (--configure-only)"
  exit 0
fi
cmake --build "$build" --config Release -j "$(nproc)"

mkdir -p "$target"
cp "$build/libdjl_torch.so" "$target/$djl-libdjl_torch.so.tmp"
mv "$target/$djl-libdjl_torch.so.tmp" "$target/$djl-libdjl_torch.so"
cat > "$target/emulsion-jni.properties" <<EOF
# Written by releng/build-djl-jni.sh: DJL's PyTorch JNI built against this libtorch, with bfloat16.
bfloat16=true
torch=$full
djl=$djl
EOF
echo "build-djl-jni: installed $target/$djl-libdjl_torch.so"
