#ifndef ANIMA_VERSION_H
#define ANIMA_VERSION_H

/// The version this build was made from (`git describe` when built through the Makefile; "0.1.0-dev" otherwise).
const char *anima_version(void);

#endif
