// Binds libgpiod at run time (see include/anima_gpiod.h for why).
#include "anima_gpiod.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void *open_library(const char *soname, char *error, size_t error_size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason != NULL ? reason : "dlopen failed");
    }
    return library;
}

// Binds one symbol into `slot`; on a miss records its name once and marks the load failed.
static void bind(void *library, const char *name, void **slot, int *failed, char *error, size_t error_size) {
    *slot = dlsym(library, name);
    if (*slot == NULL && !*failed) {
        snprintf(error, error_size, "no symbol %s (not the expected libgpiod API)", name);
        *failed = 1;
    }
}

#define BIND(field, symbol) bind(library, symbol, (void **)&api->field, &failed, error, error_size)

static void *finish(void *library, void *api, int failed) {
    if (!failed) return api;
    free(api);
    dlclose(library);
    return NULL;
}

const anima_gpiod_v1_api *anima_gpiod_load_v1(const char *soname, char *error, size_t error_size) {
    void *library = open_library(soname, error, error_size);
    if (library == NULL) return NULL;
    anima_gpiod_v1_api *api = calloc(1, sizeof *api);
    if (api == NULL) { snprintf(error, error_size, "out of memory"); dlclose(library); return NULL; }
    int failed = 0;
    BIND(chip_open, "gpiod_chip_open");
    BIND(chip_close, "gpiod_chip_close");
    BIND(chip_name, "gpiod_chip_name");
    BIND(chip_label, "gpiod_chip_label");
    BIND(chip_num_lines, "gpiod_chip_num_lines");
    BIND(chip_get_line, "gpiod_chip_get_line");
    BIND(line_request_output, "gpiod_line_request_output");
    BIND(line_request_input_flags, "gpiod_line_request_input_flags");
    BIND(line_request_both_edges_events_flags, "gpiod_line_request_both_edges_events_flags");
    BIND(line_update, "gpiod_line_update");
    BIND(line_consumer, "gpiod_line_consumer");
    BIND(line_release, "gpiod_line_release");
    BIND(line_set_value, "gpiod_line_set_value");
    BIND(line_get_value, "gpiod_line_get_value");
    BIND(line_event_wait, "gpiod_line_event_wait");
    BIND(line_event_read, "gpiod_line_event_read");
    return finish(library, api, failed);
}

const anima_gpiod_v2_api *anima_gpiod_load_v2(const char *soname, char *error, size_t error_size) {
    void *library = open_library(soname, error, error_size);
    if (library == NULL) return NULL;
    anima_gpiod_v2_api *api = calloc(1, sizeof *api);
    if (api == NULL) { snprintf(error, error_size, "out of memory"); dlclose(library); return NULL; }
    int failed = 0;
    BIND(chip_open, "gpiod_chip_open");
    BIND(chip_close, "gpiod_chip_close");
    BIND(chip_get_info, "gpiod_chip_get_info");
    BIND(chip_info_free, "gpiod_chip_info_free");
    BIND(chip_info_get_name, "gpiod_chip_info_get_name");
    BIND(chip_info_get_label, "gpiod_chip_info_get_label");
    BIND(chip_info_get_num_lines, "gpiod_chip_info_get_num_lines");
    BIND(chip_get_line_info, "gpiod_chip_get_line_info");
    BIND(line_info_free, "gpiod_line_info_free");
    BIND(line_info_get_consumer, "gpiod_line_info_get_consumer");
    BIND(line_settings_new, "gpiod_line_settings_new");
    BIND(line_settings_free, "gpiod_line_settings_free");
    BIND(line_settings_set_direction, "gpiod_line_settings_set_direction");
    BIND(line_settings_set_edge_detection, "gpiod_line_settings_set_edge_detection");
    BIND(line_settings_set_bias, "gpiod_line_settings_set_bias");
    BIND(line_settings_set_output_value, "gpiod_line_settings_set_output_value");
    BIND(line_config_new, "gpiod_line_config_new");
    BIND(line_config_free, "gpiod_line_config_free");
    BIND(line_config_add_line_settings, "gpiod_line_config_add_line_settings");
    BIND(request_config_new, "gpiod_request_config_new");
    BIND(request_config_free, "gpiod_request_config_free");
    BIND(request_config_set_consumer, "gpiod_request_config_set_consumer");
    BIND(chip_request_lines, "gpiod_chip_request_lines");
    BIND(line_request_release, "gpiod_line_request_release");
    BIND(line_request_get_value, "gpiod_line_request_get_value");
    BIND(line_request_set_value, "gpiod_line_request_set_value");
    BIND(line_request_wait_edge_events, "gpiod_line_request_wait_edge_events");
    BIND(line_request_read_edge_events, "gpiod_line_request_read_edge_events");
    BIND(edge_event_buffer_new, "gpiod_edge_event_buffer_new");
    BIND(edge_event_buffer_free, "gpiod_edge_event_buffer_free");
    BIND(edge_event_buffer_get_event, "gpiod_edge_event_buffer_get_event");
    BIND(edge_event_get_event_type, "gpiod_edge_event_get_event_type");
    BIND(edge_event_get_timestamp_ns, "gpiod_edge_event_get_timestamp_ns");
    return finish(library, api, failed);
}

size_t anima_gpiod_v1_line_event_size(void) { return sizeof(anima_gpiod_v1_line_event); }
