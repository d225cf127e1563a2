#!/bin/sh
# Makes sure the libraries the build needs are there.  As root on Debian it
# installs them with apt-get; otherwise it stops with the command to run.
pc=${PKG_CONFIG:-pkg-config}
if command -v "$pc" >/dev/null 2>&1 && "$pc" --exists "$@" 2>/dev/null; then
    exit 0
fi
packages="libcjson-dev libyaml-dev libxml2-dev libzip-dev pkg-config"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "coderfit: installing $packages with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null || exit 1
    "$pc" --exists "$@" && exit 0
fi
echo "coderfit: the build needs cJSON, libyaml, libxml2 and libzip (pkg-config: $*)." >&2
echo "Install them with:" >&2
echo "    sudo apt-get install $packages" >&2
exit 1
