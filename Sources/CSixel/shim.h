// libsixel, used only for encoding our own RGB buffers (never its loaders or decoders).
#ifndef SDXL_CSIXEL_SHIM_H
#define SDXL_CSIXEL_SHIM_H
#include <sixel/sixel.h>
#endif
