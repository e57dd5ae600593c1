#ifndef ANIMA_GPIOD_H
#define ANIMA_GPIOD_H
// libgpiod loaded at run time, so one binary runs on Debian 12 / Raspberry Pi OS Bookworm (libgpiod 1.6, v1 API,
// libgpiod.so.2, package libgpiod2) and Debian 13 / Trixie (libgpiod 2.x, v2 API, libgpiod.so.3, package libgpiod3).
// Nothing here includes <gpiod.h>: the prototypes below are written from the libraries' own headers
// (libgpiod v1.6.3 include/gpiod.h; libgpiod v2.2.4 include/gpiod.h) and only the calls Anima makes are bound.
// Enums are passed as int: both libraries' enums fit in int, which is how the C ABIs (AAPCS64, SysV x86-64) pass them.
#include <stddef.h>
#include <stdint.h>
#include <time.h>

// Opaque library objects; never dereferenced here.
struct anima_gpiod_object;
typedef struct anima_gpiod_object *anima_gpiod_handle;

// ---- v1 (libgpiod 1.6) ----

/// v1's `struct gpiod_line_event` (1.6.3 gpiod.h): the one struct the library writes into our memory, so its layout
/// must be the library's: a struct timespec then int event_type (24 bytes on 64-bit).
typedef struct {
    struct timespec ts;
    int event_type;
} anima_gpiod_v1_line_event;

// v1 request flags are GPIOD_BIT(n) (1.6.3 gpiod.h, enum GPIOD_LINE_REQUEST_FLAG_*); event types start at 1.
#define ANIMA_GPIOD_V1_FLAG_BIAS_DISABLE (1 << 3)
#define ANIMA_GPIOD_V1_FLAG_BIAS_PULL_DOWN (1 << 4)
#define ANIMA_GPIOD_V1_FLAG_BIAS_PULL_UP (1 << 5)
#define ANIMA_GPIOD_V1_EVENT_RISING_EDGE 1
#define ANIMA_GPIOD_V1_EVENT_FALLING_EDGE 2

typedef struct {
    anima_gpiod_handle _Nullable (* _Nonnull chip_open)(const char * _Nonnull path);
    void (* _Nonnull chip_close)(anima_gpiod_handle _Nonnull chip);
    const char * _Nullable (* _Nonnull chip_name)(anima_gpiod_handle _Nonnull chip);
    const char * _Nullable (* _Nonnull chip_label)(anima_gpiod_handle _Nonnull chip);
    unsigned int (* _Nonnull chip_num_lines)(anima_gpiod_handle _Nonnull chip);
    anima_gpiod_handle _Nullable (* _Nonnull chip_get_line)(anima_gpiod_handle _Nonnull chip, unsigned int offset);
    int (* _Nonnull line_request_output)(anima_gpiod_handle _Nonnull line, const char * _Nonnull consumer, int value);
    int (* _Nonnull line_request_input_flags)(anima_gpiod_handle _Nonnull line, const char * _Nonnull consumer, int flags);
    int (* _Nonnull line_request_both_edges_events_flags)(anima_gpiod_handle _Nonnull line, const char * _Nonnull consumer, int flags);
    int (* _Nonnull line_update)(anima_gpiod_handle _Nonnull line);
    const char * _Nullable (* _Nonnull line_consumer)(anima_gpiod_handle _Nonnull line);
    void (* _Nonnull line_release)(anima_gpiod_handle _Nonnull line);
    int (* _Nonnull line_set_value)(anima_gpiod_handle _Nonnull line, int value);
    int (* _Nonnull line_get_value)(anima_gpiod_handle _Nonnull line);
    int (* _Nonnull line_event_wait)(anima_gpiod_handle _Nonnull line, const struct timespec * _Nonnull timeout);
    int (* _Nonnull line_event_read)(anima_gpiod_handle _Nonnull line, anima_gpiod_v1_line_event * _Nonnull event);
} anima_gpiod_v1_api;

// ---- v2 (libgpiod 2.x) ----

// v2 enum values (2.2.4 gpiod.h): every enum but gpiod_line_value starts at 1, unlike v1's flags.
#define ANIMA_GPIOD_V2_VALUE_INACTIVE 0
#define ANIMA_GPIOD_V2_VALUE_ACTIVE 1
#define ANIMA_GPIOD_V2_DIRECTION_INPUT 2
#define ANIMA_GPIOD_V2_DIRECTION_OUTPUT 3
#define ANIMA_GPIOD_V2_EDGE_BOTH 4
#define ANIMA_GPIOD_V2_BIAS_AS_IS 1
#define ANIMA_GPIOD_V2_BIAS_DISABLED 3
#define ANIMA_GPIOD_V2_BIAS_PULL_UP 4
#define ANIMA_GPIOD_V2_BIAS_PULL_DOWN 5
#define ANIMA_GPIOD_V2_EVENT_RISING_EDGE 1
#define ANIMA_GPIOD_V2_EVENT_FALLING_EDGE 2

typedef struct {
    anima_gpiod_handle _Nullable (* _Nonnull chip_open)(const char * _Nonnull path);
    void (* _Nonnull chip_close)(anima_gpiod_handle _Nonnull chip);
    anima_gpiod_handle _Nullable (* _Nonnull chip_get_info)(anima_gpiod_handle _Nonnull chip);
    void (* _Nonnull chip_info_free)(anima_gpiod_handle _Nonnull info);
    const char * _Nullable (* _Nonnull chip_info_get_name)(anima_gpiod_handle _Nonnull info);
    const char * _Nullable (* _Nonnull chip_info_get_label)(anima_gpiod_handle _Nonnull info);
    size_t (* _Nonnull chip_info_get_num_lines)(anima_gpiod_handle _Nonnull info);
    anima_gpiod_handle _Nullable (* _Nonnull chip_get_line_info)(anima_gpiod_handle _Nonnull chip, unsigned int offset);
    void (* _Nonnull line_info_free)(anima_gpiod_handle _Nonnull info);
    const char * _Nullable (* _Nonnull line_info_get_consumer)(anima_gpiod_handle _Nonnull info);
    anima_gpiod_handle _Nullable (* _Nonnull line_settings_new)(void);
    void (* _Nonnull line_settings_free)(anima_gpiod_handle _Nonnull settings);
    int (* _Nonnull line_settings_set_direction)(anima_gpiod_handle _Nonnull settings, int direction);
    int (* _Nonnull line_settings_set_edge_detection)(anima_gpiod_handle _Nonnull settings, int edge);
    int (* _Nonnull line_settings_set_bias)(anima_gpiod_handle _Nonnull settings, int bias);
    int (* _Nonnull line_settings_set_output_value)(anima_gpiod_handle _Nonnull settings, int value);
    anima_gpiod_handle _Nullable (* _Nonnull line_config_new)(void);
    void (* _Nonnull line_config_free)(anima_gpiod_handle _Nonnull config);
    int (* _Nonnull line_config_add_line_settings)(anima_gpiod_handle _Nonnull config, const unsigned int * _Nonnull offsets,
                                                   size_t num_offsets, anima_gpiod_handle _Nonnull settings);
    anima_gpiod_handle _Nullable (* _Nonnull request_config_new)(void);
    void (* _Nonnull request_config_free)(anima_gpiod_handle _Nonnull config);
    void (* _Nonnull request_config_set_consumer)(anima_gpiod_handle _Nonnull config, const char * _Nonnull consumer);
    anima_gpiod_handle _Nullable (* _Nonnull chip_request_lines)(anima_gpiod_handle _Nonnull chip,
                                                                 anima_gpiod_handle _Nonnull request_config,
                                                                 anima_gpiod_handle _Nonnull line_config);
    void (* _Nonnull line_request_release)(anima_gpiod_handle _Nonnull request);
    int (* _Nonnull line_request_get_value)(anima_gpiod_handle _Nonnull request, unsigned int offset);
    int (* _Nonnull line_request_set_value)(anima_gpiod_handle _Nonnull request, unsigned int offset, int value);
    int (* _Nonnull line_request_wait_edge_events)(anima_gpiod_handle _Nonnull request, int64_t timeout_ns);
    int (* _Nonnull line_request_read_edge_events)(anima_gpiod_handle _Nonnull request, anima_gpiod_handle _Nonnull buffer,
                                                   size_t max_events);
    anima_gpiod_handle _Nullable (* _Nonnull edge_event_buffer_new)(size_t capacity);
    void (* _Nonnull edge_event_buffer_free)(anima_gpiod_handle _Nonnull buffer);
    anima_gpiod_handle _Nullable (* _Nonnull edge_event_buffer_get_event)(anima_gpiod_handle _Nonnull buffer, unsigned long index);
    int (* _Nonnull edge_event_get_event_type)(anima_gpiod_handle _Nonnull event);
    uint64_t (* _Nonnull edge_event_get_timestamp_ns)(anima_gpiod_handle _Nonnull event);
} anima_gpiod_v2_api;

/// dlopen()s `soname` and binds every v1 call. Returns a table that lives as long as the process (the library is
/// never closed), or NULL with the reason (dlerror, or the missing symbol) in `error`.
const anima_gpiod_v1_api * _Nullable anima_gpiod_load_v1(const char * _Nonnull soname, char * _Nonnull error, size_t error_size);
/// The same for the v2 calls.
const anima_gpiod_v2_api * _Nullable anima_gpiod_load_v2(const char * _Nonnull soname, char * _Nonnull error, size_t error_size);

/// sizeof(anima_gpiod_v1_line_event) as compiled here (tests pin it to the library's).
size_t anima_gpiod_v1_line_event_size(void);

#endif
