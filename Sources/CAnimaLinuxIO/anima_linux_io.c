#include "anima_linux_io.h"

#include <errno.h>
#include <linux/fb.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <linux/spi/spidev.h>
#include <string.h>
#include <sys/ioctl.h>

#define ANIMA_SPI_MAX_SEGMENTS 64

int anima_spi_configure(int fd, uint8_t mode, uint8_t bits_per_word, uint32_t speed_hz,
                        uint8_t *effective_mode, uint8_t *effective_bits, uint32_t *effective_speed_hz) {
    if (ioctl(fd, SPI_IOC_WR_MODE, &mode) < 0) return -errno;
    if (ioctl(fd, SPI_IOC_WR_BITS_PER_WORD, &bits_per_word) < 0) return -errno;
    if (ioctl(fd, SPI_IOC_WR_MAX_SPEED_HZ, &speed_hz) < 0) return -errno;
    if (effective_mode && ioctl(fd, SPI_IOC_RD_MODE, effective_mode) < 0) return -errno;
    if (effective_bits && ioctl(fd, SPI_IOC_RD_BITS_PER_WORD, effective_bits) < 0) return -errno;
    if (effective_speed_hz && ioctl(fd, SPI_IOC_RD_MAX_SPEED_HZ, effective_speed_hz) < 0) return -errno;
    return 0;
}

uint32_t anima_spi_max_segments(void) { return ANIMA_SPI_MAX_SEGMENTS; }

int anima_spi_transfer(int fd, const anima_spi_segment *segments, uint32_t count) {
    if (count == 0) return 0;
    if (count > ANIMA_SPI_MAX_SEGMENTS) return -EINVAL;
    struct spi_ioc_transfer transfers[ANIMA_SPI_MAX_SEGMENTS];
    memset(transfers, 0, sizeof(struct spi_ioc_transfer) * count);
    for (uint32_t i = 0; i < count; i++) {
        transfers[i].tx_buf = (__u64)(uintptr_t)segments[i].tx;
        transfers[i].rx_buf = (__u64)(uintptr_t)segments[i].rx;
        transfers[i].len = segments[i].length;
        transfers[i].speed_hz = segments[i].speed_hz;
        transfers[i].bits_per_word = segments[i].bits_per_word;
        transfers[i].cs_change = segments[i].cs_change;
    }
    if (ioctl(fd, SPI_IOC_MESSAGE(count), transfers) < 0) return -errno;
    return 0;
}

int anima_i2c_rdwr(int fd, anima_i2c_message *messages, uint32_t count) {
    if (count == 0) return 0;
    if (count > I2C_RDWR_IOCTL_MAX_MSGS) return -EINVAL;
    struct i2c_msg msgs[I2C_RDWR_IOCTL_MAX_MSGS];
    for (uint32_t i = 0; i < count; i++) {
        msgs[i].addr = messages[i].address;
        msgs[i].flags = messages[i].read ? I2C_M_RD : 0;
        msgs[i].len = messages[i].length;
        msgs[i].buf = messages[i].buffer;
    }
    struct i2c_rdwr_ioctl_data data = {.msgs = msgs, .nmsgs = count};
    if (ioctl(fd, I2C_RDWR, &data) < 0) return -errno;
    return 0;
}

size_t anima_spi_transfer_struct_size(void) { return sizeof(struct spi_ioc_transfer); }
size_t anima_i2c_msg_struct_size(void) { return sizeof(struct i2c_msg); }

int anima_fb_get_geometry(int fd, anima_fb_geometry *geometry) {
    struct fb_var_screeninfo var;
    struct fb_fix_screeninfo fix;
    memset(&var, 0, sizeof var);
    memset(&fix, 0, sizeof fix);
    if (ioctl(fd, FBIOGET_VSCREENINFO, &var) < 0) return -errno;
    if (ioctl(fd, FBIOGET_FSCREENINFO, &fix) < 0) return -errno;
    geometry->xres = var.xres;
    geometry->yres = var.yres;
    geometry->bits_per_pixel = var.bits_per_pixel;
    geometry->line_length = fix.line_length;
    memset(geometry->id, 0, sizeof geometry->id);
    memcpy(geometry->id, fix.id, sizeof fix.id);
    return 0;
}

int anima_fb_blank(int fd, int mode) {
    return ioctl(fd, FBIOBLANK, (unsigned long)mode) < 0 ? -errno : 0;
}
