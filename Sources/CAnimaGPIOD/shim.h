// libgpiod (the GPIO character-device library). Debian 12 ships the v1 API (1.6.x);
// the v2 API (Debian 13) is source-incompatible and would be a second backend in AnimaHAL.
#include <gpiod.h>
