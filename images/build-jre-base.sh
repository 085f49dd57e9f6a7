#!/usr/bin/env bash
# Builds a JRE base image for the service images from Debian packages, with neither Docker nor a
# container registry: Debian bookworm (minbase) with openjdk-17-jre-headless, written as a
# docker-archive tarball that Jib takes as its base:
#
#   sudo images/build-jre-base.sh target/jre-base.tar
#   ./mvnw -Pimages -DskipTests package -Dseatflow.image.base=tar://$PWD/target/jre-base.tar
#
# For air-gapped builds (and machines like our CI's) where eclipse-temurin:17-jre cannot be pulled.
# Needs root (debootstrap) and a Debian mirror (DEBIAN_MIRROR, default deb.debian.org).
set -euo pipefail
out=$(realpath -m "${1:?usage: build-jre-base.sh OUT.tar}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
command -v debootstrap >/dev/null || { echo "debootstrap is needed (apt-get install debootstrap)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$work/rootfs" "$mirror" >&2
# What a runtime image does not need: package caches and lists, documentation.
rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
       "$work"/rootfs/usr/share/doc "$work"/rootfs/usr/share/man "$work"/rootfs/usr/share/locale
# Deterministic layer: fixed order, owners and times.
tar -C "$work/rootfs" --sort=name --numeric-owner --mtime=@0 -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
java_home=$(basename "$(dirname "$(dirname "$(readlink -f "$work/rootfs/etc/alternatives/java")")")")
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/${java_home}","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["${diff_id}"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/build-jre-base.sh (debootstrap bookworm minbase + openjdk-17-jre-headless)"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["seatflow/jre-base:17"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base image written to $out ($(du -h "$out" | cut -f1), layer $diff_id)" >&2
