// libpq, PostgreSQL's client library (pkg-config "libpq" adds -I/usr/include/postgresql).
#include <libpq-fe.h>
