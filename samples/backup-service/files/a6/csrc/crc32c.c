/*
 * CRC-32C (Castagnoli), shared by deployd and the restore tool.
 *
 * crc32c_update() follows the zlib crc32() convention: pass 0 for the first
 * buffer, then the previous return value to continue with more data.
 */

#include <stddef.h>
#include <stdint.h>

/* 0x1EDC6F41 with its bits reversed. */
#define CRC32C_POLY_REVERSED 0x82F63B78u

uint32_t crc32c_update(uint32_t crc, const uint8_t *data, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            uint32_t mask = 0u - (crc & 1u);
            crc = (crc >> 1) ^ (CRC32C_POLY_REVERSED & mask);
        }
    }
    return ~crc;
}
