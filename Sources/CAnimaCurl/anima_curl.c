#include "anima_curl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Option numbers (CURLOPTTYPE base + n, curl/curl.h), identical in libcurl 7.88 (bookworm) and 8.x (trixie).
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_WRITEFUNCTION = 20011,
    OPT_POSTFIELDS = 10015, OPT_HTTPHEADER = 10023, OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036,
    OPT_NOPROGRESS = 43, OPT_FOLLOWLOCATION = 52, OPT_CAINFO = 10065, OPT_HEADERFUNCTION = 20079, OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156, OPT_PROTOCOLS = 181, OPT_MAXFILESIZE_LARGE = 30117,
    OPT_POSTFIELDSIZE_LARGE = 30120,
};
#define INFO_RESPONSE_CODE (0x200000 + 2)
#define PROTO_HTTP 1L
#define PROTO_HTTPS 2L
#define GLOBAL_DEFAULT 3L
#define MAX_HEADER_BYTES 65536

typedef void curl_handle;
typedef struct curl_slist curl_slist;

static struct {
    int (*global_init)(long);
    curl_handle *(*easy_init)(void);
    int (*easy_setopt)(curl_handle *, int, ...);
    int (*easy_perform)(curl_handle *);
    int (*easy_getinfo)(curl_handle *, int, ...);
    void (*easy_cleanup)(curl_handle *);
    const char *(*easy_strerror)(int);
    curl_slist *(*slist_append)(curl_slist *, const char *);
    void (*slist_free_all)(curl_slist *);
    const void *(*option_by_name)(const char *);
} api;
static int loaded = 0;
static char load_error[200];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "libcurl.so.4 is not installed (%s); install libcurl4 (Debian 12) or libcurl4t64 (Debian 13)", dlerror());
        return;
    }
#define BIND(field, symbol)                                                                            \
    *(void **)(&api.field) = dlsym(library, symbol);                                                   \
    if (api.field == NULL) {                                                                           \
        snprintf(load_error, sizeof load_error, "libcurl.so.4 has no %s; it is too old", symbol);      \
        return;                                                                                        \
    }
    BIND(global_init, "curl_global_init")
    BIND(easy_init, "curl_easy_init")
    BIND(easy_setopt, "curl_easy_setopt")
    BIND(easy_perform, "curl_easy_perform")
    BIND(easy_getinfo, "curl_easy_getinfo")
    BIND(easy_cleanup, "curl_easy_cleanup")
    BIND(easy_strerror, "curl_easy_strerror")
    BIND(slist_append, "curl_slist_append")
    BIND(slist_free_all, "curl_slist_free_all")
#undef BIND
    *(void **)(&api.option_by_name) = dlsym(library, "curl_easy_option_by_name");  // 7.73+; only the tests use it
    if (api.global_init(GLOBAL_DEFAULT) != 0) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed");
        return;
    }
    loaded = 1;
}

int anima_curl_load(char *why, size_t why_size) {
    pthread_once(&load_once, load);
    if (!loaded) snprintf(why, why_size, "%s", load_error);
    return loaded ? 0 : -1;
}

typedef struct {
    anima_curl_reply *reply;
    size_t limit;
} sink;

static size_t write_body(char *data, size_t size, size_t count, void *context) {
    sink *target = context;
    size_t length = size * count;
    anima_curl_reply *reply = target->reply;
    if (reply->body_length + length > target->limit) {
        reply->overflowed = 1;
        return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    unsigned char *grown = realloc(reply->body, reply->body_length + length + 1);
    if (grown == NULL) return 0;
    memcpy(grown + reply->body_length, data, length);
    reply->body = grown;
    reply->body_length += length;
    return length;
}

static size_t write_header(char *data, size_t size, size_t count, void *context) {
    anima_curl_reply *reply = context;
    size_t length = size * count;
    if (reply->header_length + length > MAX_HEADER_BYTES) return length;  // keep what fits; the status is already known
    char *grown = realloc(reply->header_text, reply->header_length + length + 1);
    if (grown == NULL) return 0;
    memcpy(grown + reply->header_length, data, length);
    grown[reply->header_length + length] = '\0';
    reply->header_text = grown;
    reply->header_length += length;
    return length;
}

int anima_curl_perform(const anima_curl_request *request, anima_curl_reply *reply) {
    memset(reply, 0, sizeof *reply);
    if (anima_curl_load(reply->error, sizeof reply->error) != 0) {
        reply->code = -1;
        return -1;
    }
    curl_handle *handle = api.easy_init();
    if (handle == NULL) {
        reply->code = -1;
        snprintf(reply->error, sizeof reply->error, "curl_easy_init failed");
        return -1;
    }
    curl_slist *headers = NULL;
    for (size_t index = 0; index < request->header_count; index++) headers = api.slist_append(headers, request->headers[index]);
    sink body_sink = {reply, request->max_reply_bytes};

    api.easy_setopt(handle, OPT_URL, request->url);
    api.easy_setopt(handle, OPT_PROTOCOLS, PROTO_HTTP | PROTO_HTTPS);
    api.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    api.easy_setopt(handle, OPT_NOPROGRESS, 1L);
    api.easy_setopt(handle, OPT_FOLLOWLOCATION, 0L);  // a redirect is the answer, never followed with the token
    api.easy_setopt(handle, OPT_TIMEOUT_MS, request->timeout_ms);  // the whole exchange, not each read
    api.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, request->timeout_ms);
    api.easy_setopt(handle, OPT_MAXFILESIZE_LARGE, (long long)request->max_reply_bytes);
    api.easy_setopt(handle, OPT_ERRORBUFFER, reply->error);
    api.easy_setopt(handle, OPT_WRITEFUNCTION, write_body);
    api.easy_setopt(handle, OPT_WRITEDATA, &body_sink);
    api.easy_setopt(handle, OPT_HEADERFUNCTION, write_header);
    api.easy_setopt(handle, OPT_HEADERDATA, reply);
    if (headers != NULL) api.easy_setopt(handle, OPT_HTTPHEADER, headers);
    if (request->ca_file != NULL) api.easy_setopt(handle, OPT_CAINFO, request->ca_file);
    if (strcmp(request->method, "GET") != 0) {
        api.easy_setopt(handle, OPT_CUSTOMREQUEST, request->method);
        api.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)request->body_length);
        api.easy_setopt(handle, OPT_POSTFIELDS, request->body != NULL ? (const char *)request->body : "");
    }

    reply->code = api.easy_perform(handle);
    if (reply->code == 0) {
        api.easy_getinfo(handle, INFO_RESPONSE_CODE, &reply->status);
    } else if (reply->error[0] == '\0') {
        snprintf(reply->error, sizeof reply->error, "%s", api.easy_strerror(reply->code));
    }
    api.easy_cleanup(handle);
    if (headers != NULL) api.slist_free_all(headers);
    return reply->code == 0 ? 0 : -1;
}

void anima_curl_reply_free(anima_curl_reply *reply) {
    free(reply->body);
    free(reply->header_text);
    reply->body = NULL;
    reply->header_text = NULL;
}

int anima_curl_option_id(const char *name) {
    char why[200];
    if (anima_curl_load(why, sizeof why) != 0 || api.option_by_name == NULL) return -1;
    // struct curl_easyoption { const char *name; CURLoption id; ... } (curl/options.h)
    const struct { const char *name; int id; } *option = api.option_by_name(name);
    return option != NULL ? option->id : -1;
}

int anima_curl_used_option(const char *name) {
    static const struct { const char *name; int id; } used[] = {
        {"WRITEDATA", OPT_WRITEDATA}, {"URL", OPT_URL}, {"ERRORBUFFER", OPT_ERRORBUFFER},
        {"WRITEFUNCTION", OPT_WRITEFUNCTION}, {"POSTFIELDS", OPT_POSTFIELDS}, {"HTTPHEADER", OPT_HTTPHEADER},
        {"HEADERDATA", OPT_HEADERDATA}, {"CUSTOMREQUEST", OPT_CUSTOMREQUEST}, {"NOPROGRESS", OPT_NOPROGRESS},
        {"FOLLOWLOCATION", OPT_FOLLOWLOCATION}, {"CAINFO", OPT_CAINFO}, {"HEADERFUNCTION", OPT_HEADERFUNCTION},
        {"NOSIGNAL", OPT_NOSIGNAL}, {"TIMEOUT_MS", OPT_TIMEOUT_MS}, {"CONNECTTIMEOUT_MS", OPT_CONNECTTIMEOUT_MS},
        {"PROTOCOLS", OPT_PROTOCOLS}, {"MAXFILESIZE_LARGE", OPT_MAXFILESIZE_LARGE},
        {"POSTFIELDSIZE_LARGE", OPT_POSTFIELDSIZE_LARGE},
    };
    for (size_t index = 0; index < sizeof used / sizeof used[0]; index++) {
        if (strcmp(used[index].name, name) == 0) return used[index].id;
    }
    return -1;
}
