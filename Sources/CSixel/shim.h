// libsixel, used only for encoding our own RGB buffers (never its loaders or decoders).
#ifndef SDXL_CSIXEL_SHIM_H
#define SDXL_CSIXEL_SHIM_H
#include <sixel/sixel.h>

// Status checks and pixel format constants are macros that Swift cannot call or may not import.
static inline int sdxl_sixel_succeeded(SIXELSTATUS status) { return SIXEL_SUCCEEDED(status); }
static inline int sdxl_sixel_pixelformat_rgb888(void) { return SIXEL_PIXELFORMAT_RGB888; }
static inline const char *sdxl_sixel_status_text(SIXELSTATUS status) {
    return sixel_helper_format_error(status);
}
#endif
