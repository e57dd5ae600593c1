// Linked into the arm64 `anima` only (by scripts/pi/build.sh), never into Sources/.
// sid's static Swift runtime was compiled against glibc 2.41 and references symbols that appeared in glibc 2.38:
// the C23 __isoc23_strto*/sscanf entry points (C23 changed only binary "0b" prefixes, which our inputs never use)
// and strlcpy/strlcat. Bookworm has glibc 2.36, so the binary provides them itself; build.sh then checks with
// `objdump -T` that no GLIBC_2.37+ reference is left. Fact source: /work/shared/TOOLCHAIN.md ("Targets").
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long __isoc23_strtol(const char *s, char **end, int base) { return strtol(s, end, base); }
long long __isoc23_strtoll(const char *s, char **end, int base) { return strtoll(s, end, base); }
unsigned long __isoc23_strtoul(const char *s, char **end, int base) { return strtoul(s, end, base); }
unsigned long long __isoc23_strtoull(const char *s, char **end, int base) { return strtoull(s, end, base); }

int __isoc23_sscanf(const char *s, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int result = vsscanf(s, format, arguments);
    va_end(arguments);
    return result;
}

// BSD semantics: copy at most size-1 bytes, always terminate when size > 0, return strlen(source).
size_t strlcpy(char *destination, const char *source, size_t size) {
    size_t length = strlen(source);
    if (size > 0) {
        size_t count = length < size - 1 ? length : size - 1;
        memcpy(destination, source, count);
        destination[count] = '\0';
    }
    return length;
}

size_t strlcat(char *destination, const char *source, size_t size) {
    size_t used = strnlen(destination, size);
    if (used == size) return size + strlen(source);
    return used + strlcpy(destination + used, source, size - used);
}
