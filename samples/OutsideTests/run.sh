#!/usr/bin/env bash
# An outside tester's run, end to end: packs the testing kit and what it needs (Abstractions, Engine, Grains, Client,
# Testing, Testing.Xunit, Testing.XunitV3) into a temporary folder feed, then restores, builds and runs this project
# (xunit v3) from those packages alone. Every output (feed, obj, bin, test results) goes to a temporary folder: nothing
# is written into the repository.
#   samples/OutsideTests/run.sh [RESULTS_DIR]
# Needs the solution built first (dotnet build Personalization.Orleans.sln: the packages are packed from that Debug build).
# RESULTS_DIR receives OutsideTests.xml (xunit XML, as ./test.sh writes); default: the temporary folder.
# SiloProcessTests start the silo named by PERSONALIZATION_SILO_ASSEMBLY (default: the published one in
# artifacts/publish/Personalization.Silo, else the Debug build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="${1:-$work/results}"
mkdir -p "$results"
version="0.9.0-local.$(date -u +%Y%m%d%H%M%S)" # a new version each run: no stale copy from the NuGet cache

for project in Grains/Personalization.Abstractions Grains/Personalization.Engine Grains/Personalization.Journal Grains/Personalization.Grains \
  Client/Personalization.Client Tests/Personalization.Testing Tests/Personalization.Testing.Xunit Tests/Personalization.Testing.XunitV3; do
  dotnet pack "$root/$project" -c Debug --no-build -o "$work/feed" -p:Version="$version" -p:NuspecOutputPath="$work/nuspec/" -nologo -v q
done

# The kit's packages come from the folder feed only; everything else from the machine's usual source.
cat > "$work/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="kit" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="kit"><package pattern="Personalization.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG

if [ -z "${PERSONALIZATION_SILO_ASSEMBLY:-}" ]; then
  PERSONALIZATION_SILO_ASSEMBLY="$root/artifacts/publish/Personalization.Silo/Personalization.Silo.dll"
  [ -f "$PERSONALIZATION_SILO_ASSEMBLY" ] || PERSONALIZATION_SILO_ASSEMBLY="$root/Silo/bin/Debug/net10.0/Personalization.Silo.dll"
fi
export PERSONALIZATION_SILO_ASSEMBLY

properties=(--artifacts-path "$work/out" -p:PersonalizationKitVersion="$version" -nologo)
dotnet restore "$here/OutsideTests.csproj" --configfile "$work/NuGet.config" "${properties[@]}" -v q
dotnet build "$here/OutsideTests.csproj" --no-restore "${properties[@]}" -v q
# An xunit v3 test project is a program: run it (dotnet test works too); -xml writes the xunit XML ./test.sh counts.
dotnet "$work/out/bin/OutsideTests/debug/OutsideTests.dll" -xml "$results/OutsideTests.xml" -noColor
