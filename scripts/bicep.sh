#!/usr/bin/env bash
# Builds infra/main.bicep and lints every .bicep file under infra/ with a pinned Bicep CLI taken
# from NuGet (the one place this project can fetch tools from). Fails on any error or warning;
# infra/bicepconfig.json says which linter rules apply. Prints one line when all is clean.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tool_project=infra/tools/bicep-cli.csproj
package=azure.bicep.commandline.linux-x64
# One source for the version: the PackageDownload in the tool project.
version="$(sed -n 's/.*PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$tool_project")"
if [[ -z $version ]]; then
  echo "bicep.sh: no pinned Bicep version found in $tool_project" >&2
  exit 1
fi

if [[ "$(uname -s)/$(uname -m)" != Linux/x86_64 ]]; then
  echo "bicep.sh: the pinned Bicep package is linux-x64 only; this is $(uname -s)/$(uname -m)" >&2
  exit 1
fi

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
package_dir="$packages/$package/$version"
bicep="$package_dir/tools/bicep"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# NuGet writes .nupkg.metadata last, so its presence means a complete extraction.
if [[ ! -f $package_dir/.nupkg.metadata ]]; then
  if ! dotnet restore "$tool_project" --nologo >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    echo "bicep.sh: FAILED to restore Bicep $version from NuGet" >&2
    exit 1
  fi
fi
if [[ ! -f $bicep ]]; then
  echo "bicep.sh: restore finished but $bicep is missing" >&2
  exit 1
fi
# NuGet does not always keep the executable bit from the package.
[[ -x $bicep ]] || chmod +x "$bicep"

file_count=$(find infra -name '*.bicep' | wc -l)

status=0
# --no-restore: modules are local files only; a registry module (br:) fails here instead of
# reaching for the network.
# Build compiles main.bicep and every module it references into one ARM template.
"$bicep" build infra/main.bicep --no-restore --outdir "$work/out" >>"$work/diag" 2>&1 || status=1
# Lint every file: linting main.bicep alone does not report warnings inside its modules.
"$bicep" lint --no-restore --pattern 'infra/**/*.bicep' >>"$work/diag" 2>&1 || status=1

# The same diagnostic can come from build and lint; count each once.
sort -u "$work/diag" >"$work/diag.unique"
errors=$(grep -c ' : Error ' "$work/diag.unique" || true)
warnings=$(grep -c ' : Warning ' "$work/diag.unique" || true)

if [[ $status -ne 0 || $errors -ne 0 || $warnings -ne 0 ]]; then
  sed "s|$root/||" "$work/diag.unique" >&2
  echo "bicep.sh: FAILED: $errors error(s), $warnings warning(s) across $file_count file(s) (Bicep $version)" >&2
  exit 1
fi

echo "bicep.sh: ok: infra/main.bicep builds and $file_count file(s) lint clean (Bicep $version)"
