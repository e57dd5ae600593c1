#ifndef ANIMA_LINUX_IO_H
#define ANIMA_LINUX_IO_H
// The Linux ioctls Swift cannot call directly: SPI_IOC_MESSAGE(n) and friends are function-like
// macros, and struct spi_ioc_transfer / i2c_msg must have the kernel's layout on 32- and 64-bit ARM
// (buffer fields are __u64 everywhere). These wrappers build the kernel structs from the kernel's
// own headers and return 0 or -errno.
#include <stddef.h>
#include <stdint.h>

/// One segment of an SPI message: one `struct spi_ioc_transfer`.
typedef struct {
    const uint8_t *tx;
    uint8_t *rx;          // may be NULL
    uint32_t length;
    uint32_t speed_hz;    // 0 = the device's configured speed
    uint8_t bits_per_word; // 0 = the device's configured width
    uint8_t cs_change;
} anima_spi_segment;

/// Sets mode, bits per word and max speed; reads back what the driver accepted.
int anima_spi_configure(int fd, uint8_t mode, uint8_t bits_per_word, uint32_t speed_hz,
                        uint8_t *effective_mode, uint8_t *effective_bits, uint32_t *effective_speed_hz);

/// Sends `count` segments as one SPI_IOC_MESSAGE(count) (one chip-select assertion).
int anima_spi_transfer(int fd, const anima_spi_segment *segments, uint32_t count);

/// The most segments one SPI_IOC_MESSAGE may carry (the ioctl size field limits it).
uint32_t anima_spi_max_segments(void);

/// One message of an I2C_RDWR transaction.
typedef struct {
    uint16_t address;
    uint16_t read;        // 1 = read into buffer, 0 = write from buffer
    uint16_t length;
    uint8_t *buffer;
} anima_i2c_message;

/// Runs `count` messages as one I2C_RDWR transaction (repeated start between them).
int anima_i2c_rdwr(int fd, anima_i2c_message *messages, uint32_t count);

/// What the kernel path needs to know about a /dev/fb*: FBIOGET_VSCREENINFO's xres, yres and bits_per_pixel and
/// FBIOGET_FSCREENINFO's line_length (bytes from one row to the next) and id (the driver's name, NUL-terminated).
typedef struct {
    uint32_t xres;
    uint32_t yres;
    uint32_t bits_per_pixel;
    uint32_t line_length;
    char id[17];
} anima_fb_geometry;

/// Reads a framebuffer's geometry with the two FBIOGET ioctls; 0 or -errno (-ENOTTY: not a framebuffer).
int anima_fb_get_geometry(int fd, anima_fb_geometry *geometry);

/// FBIOBLANK: `mode` 0 (FB_BLANK_UNBLANK) or 4 (FB_BLANK_POWERDOWN); 0 or -errno (-ENOTTY: not a framebuffer).
int anima_fb_blank(int fd, int mode);

/// Sizes of the kernel structs as compiled here (tests pin them: 32 and 16/12 bytes).
size_t anima_spi_transfer_struct_size(void);
size_t anima_i2c_msg_struct_size(void);

#endif
