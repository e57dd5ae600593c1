// The version string lives in one C file so that a new version recompiles this file and relinks, nothing else.
// The Makefile (scripts/version.sh --write) writes the gitignored anima_version_generated.h next to this file
// and touches this file when the version changes; a plain `swift build` without it gets the fixed dev version.
#include "anima_version.h"

#if __has_include("anima_version_generated.h")
#include "anima_version_generated.h"
#endif

#ifndef ANIMA_VERSION
#define ANIMA_VERSION "0.1.0-dev"
#endif

const char *anima_version(void) { return ANIMA_VERSION; }
