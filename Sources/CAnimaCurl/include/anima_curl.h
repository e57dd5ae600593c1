#ifndef ANIMA_CURL_H
#define ANIMA_CURL_H
// libcurl loaded at run time (libcurl.so.4: package libcurl4 on Debian 12, libcurl4t64 on Debian 13), so the device's
// HTTP client can give libcurl a CA file (CURLOPT_CAINFO) for fleets with their own CA, which URLSession on Linux
// cannot (swift-corelibs-foundation reads its CA override only on Android). Nothing here includes <curl/curl.h>: the
// option numbers in anima_curl.c are libcurl's stable ABI, checked against the library's own
// curl_easy_option_by_name() in the tests. One call does one whole request; the reply is bounded in memory.
#include <stddef.h>

typedef struct {
    const char * _Nonnull method;
    const char * _Nonnull url;
    /// "Name: value" lines.
    const char * _Nonnull const * _Nullable headers;
    size_t header_count;
    const unsigned char * _Nullable body;
    size_t body_length;
    long timeout_ms;
    /// PEM file of the CA(s) to trust instead of the system store; NULL for the system store.
    const char * _Nullable ca_file;
    size_t max_reply_bytes;
} anima_curl_request;

typedef struct {
    long status;
    /// libcurl's CURLcode (0 = a complete reply).
    int code;
    /// Set when the reply was abandoned because it exceeded max_reply_bytes.
    int overflowed;
    unsigned char * _Nullable body;
    size_t body_length;
    /// The response's header lines as received (bounded to 64 KiB), "\r\n"-separated.
    char * _Nullable header_text;
    size_t header_length;
    char error[256];
} anima_curl_reply;

/// Loads libcurl once; 0 on success, else -1 with the reason in `why`.
int anima_curl_load(char * _Nonnull why, size_t why_size);

/// Performs the request (blocking for at most timeout_ms). Returns 0 when an HTTP reply arrived whole; otherwise -1
/// with reply->code, reply->overflowed and reply->error saying why. Free the reply with anima_curl_reply_free.
int anima_curl_perform(const anima_curl_request * _Nonnull request, anima_curl_reply * _Nonnull reply);

void anima_curl_reply_free(anima_curl_reply * _Nonnull reply);

/// libcurl's option number for `name` (e.g. "CAINFO"), or -1; for the tests that pin the numbers used here.
int anima_curl_option_id(const char * _Nonnull name);

/// The numbers anima_curl.c passes, by name, for those tests.
int anima_curl_used_option(const char * _Nonnull name);

#define ANIMA_CURLE_OPERATION_TIMEDOUT 28
#define ANIMA_CURLE_PEER_FAILED_VERIFICATION 60
#define ANIMA_CURLE_FILESIZE_EXCEEDED 63
#define ANIMA_CURLE_SSL_CACERT_BADFILE 77
#define ANIMA_CURLE_WRITE_ERROR 23
#endif
