// libpng. Its errors longjmp, which Swift cannot catch, so every call that can fail
// goes through a static inline wrapper here that owns the setjmp.
#ifndef SDXL_CPNG_SHIM_H
#define SDXL_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// MARK: - Messages

#define SDXL_PNG_MESSAGE_SIZE 200
#define SDXL_PNG_MAX_WARNINGS 8

/// Where the error and warning callbacks leave libpng's messages (never printed to stderr).
typedef struct {
    char error[SDXL_PNG_MESSAGE_SIZE];
    char warnings[SDXL_PNG_MAX_WARNINGS][SDXL_PNG_MESSAGE_SIZE];
    unsigned int warning_count; // all warnings seen; only the first SDXL_PNG_MAX_WARNINGS are kept
} sdxl_png_messages;

static inline void sdxl_png_copy_message(char *destination, const char *source) {
    size_t i = 0;
    if (source != NULL) {
        for (; i + 1 < SDXL_PNG_MESSAGE_SIZE && source[i] != '\0'; ++i) destination[i] = source[i];
    }
    destination[i] = '\0';
}

static inline void sdxl_png_on_error(png_structp png, png_const_charp message) {
    sdxl_png_messages *messages = (sdxl_png_messages *)png_get_error_ptr(png);
    if (messages != NULL) sdxl_png_copy_message(messages->error, message);
    png_longjmp(png, 1);
}

static inline void sdxl_png_on_warning(png_structp png, png_const_charp message) {
    sdxl_png_messages *messages = (sdxl_png_messages *)png_get_error_ptr(png);
    if (messages == NULL) return;
    if (messages->warning_count < SDXL_PNG_MAX_WARNINGS) {
        sdxl_png_copy_message(messages->warnings[messages->warning_count], message);
    }
    messages->warning_count += 1;
}

static inline const char *sdxl_png_messages_error(const sdxl_png_messages *messages) {
    return messages->error;
}

static inline unsigned int sdxl_png_messages_warning_count(const sdxl_png_messages *messages) {
    return messages->warning_count;
}

/// The index-th kept warning, or NULL past the kept ones.
static inline const char *sdxl_png_messages_warning(const sdxl_png_messages *messages, unsigned int index) {
    if (index >= messages->warning_count || index >= SDXL_PNG_MAX_WARNINGS) return NULL;
    return messages->warnings[index];
}

// MARK: - Reading

/// One contiguous run of bytes of the stream libpng reads; the caller keeps them alive.
typedef struct {
    const unsigned char *bytes;
    size_t length;
} sdxl_png_segment;

typedef struct {
    png_structp png;
    png_infop info;
    sdxl_png_messages messages;
    const sdxl_png_segment *segments;
    size_t segment_count;
    size_t segment_index;
    size_t segment_offset;
    int failed; // after a longjmp only destroy is allowed
} sdxl_png_reader;

typedef struct {
    png_uint_32 width;
    png_uint_32 height;
    int bit_depth;
    int color_type;
    int interlace_type;
} sdxl_png_header;

typedef struct {
    const char *keyword;            // Latin-1, NUL-terminated
    const char *text;               // Latin-1 (tEXt, zTXt) or UTF-8 (iTXt), NUL-terminated
    size_t text_length;
    int compression;                // PNG_TEXT_COMPRESSION_NONE, _zTXt, PNG_ITXT_COMPRESSION_NONE, _zTXt
    const char *language;           // iTXt only, else NULL
    const char *translated_keyword; // iTXt only, else NULL
} sdxl_png_text_view;

static inline void sdxl_png_read_from_segments(png_structp png, png_bytep out, size_t count) {
    sdxl_png_reader *reader = (sdxl_png_reader *)png_get_io_ptr(png);
    while (count > 0) {
        if (reader->segment_index >= reader->segment_count) png_error(png, "unexpected end of data");
        const sdxl_png_segment *segment = &reader->segments[reader->segment_index];
        size_t available = segment->length - reader->segment_offset;
        if (available == 0) {
            reader->segment_index += 1;
            reader->segment_offset = 0;
            continue;
        }
        size_t taken = count < available ? count : available;
        memcpy(out, segment->bytes + reader->segment_offset, taken);
        out += taken;
        count -= taken;
        reader->segment_offset += taken;
    }
}

/// A reader over `segments` (kept alive by the caller until destroy), or NULL when out of memory.
/// `max_text_chunks` text chunks are kept at most; `max_chunk_bytes` bounds every chunk libpng
/// allocates, decompressed text included.
static inline sdxl_png_reader *sdxl_png_reader_create(const sdxl_png_segment *segments, size_t segment_count,
                                                      png_uint_32 max_width, png_uint_32 max_height,
                                                      png_uint_32 max_text_chunks, png_alloc_size_t max_chunk_bytes) {
    sdxl_png_reader *reader = (sdxl_png_reader *)calloc(1, sizeof *reader);
    if (reader == NULL) return NULL;
    reader->segments = segments;
    reader->segment_count = segment_count;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader->messages,
                                         sdxl_png_on_error, sdxl_png_on_warning);
    if (reader->png == NULL) {
        free(reader);
        return NULL;
    }
    reader->info = png_create_info_struct(reader->png);
    if (reader->info == NULL) {
        png_destroy_read_struct(&reader->png, NULL, NULL);
        free(reader);
        return NULL;
    }
    png_set_read_fn(reader->png, reader, sdxl_png_read_from_segments);
    png_set_user_limits(reader->png, max_width, max_height);
    // libpng stores at most (cache max - 2) ancillary chunks: it skips a chunk once its
    // decremented counter reaches 1, and 0 would mean unlimited.
    png_set_chunk_cache_max(reader->png, max_text_chunks + 2);
    png_set_chunk_malloc_max(reader->png, max_chunk_bytes);
    png_set_benign_errors(reader->png, 1);
    return reader;
}

static inline void sdxl_png_reader_destroy(sdxl_png_reader *reader) {
    if (reader == NULL) return;
    png_destroy_read_struct(&reader->png, &reader->info, NULL);
    free(reader);
}

static inline const sdxl_png_messages *sdxl_png_reader_messages(const sdxl_png_reader *reader) {
    return &reader->messages;
}

/// Reads the signature and every chunk up to the first IDAT. 0 on success, -1 on error.
static inline int sdxl_png_reader_read_info(sdxl_png_reader *reader, sdxl_png_header *header) {
    if (reader->failed) return -1;
    if (setjmp(png_jmpbuf(reader->png))) {
        reader->failed = 1;
        return -1;
    }
    png_read_info(reader->png, reader->info);
    header->width = png_get_image_width(reader->png, reader->info);
    header->height = png_get_image_height(reader->png, reader->info);
    header->bit_depth = png_get_bit_depth(reader->png, reader->info);
    header->color_type = png_get_color_type(reader->png, reader->info);
    header->interlace_type = png_get_interlace_type(reader->png, reader->info);
    return 0;
}

/// After read_info: decodes the image as 8-bit RGB into `pixels` (width * height * 3 bytes):
/// 16-bit samples keep their high byte, palettes and gray expand to RGB, alpha and tRNS are
/// dropped, interlacing is undone. Then reads the chunks after the image. 0 on success, -1 on error.
static inline int sdxl_png_reader_read_rgb8(sdxl_png_reader *reader, unsigned char *pixels, size_t size) {
    if (reader->failed) return -1;
    if (setjmp(png_jmpbuf(reader->png))) {
        reader->failed = 1;
        return -1;
    }
    png_structp png = reader->png;
    png_infop info = reader->info;
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (width == 0 || height == 0 || (size_t)width > SIZE_MAX / 3 / (size_t)height
        || size != (size_t)width * (size_t)height * 3) {
        png_error(png, "pixel buffer does not match the image size");
    }
    if (bit_depth == 16) png_set_strip_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if ((color_type & PNG_COLOR_MASK_ALPHA) != 0) png_set_strip_alpha(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_channels(png, info) != 3 || png_get_bit_depth(png, info) != 8
        || png_get_rowbytes(png, info) != (size_t)width * 3) {
        png_error(png, "conversion to 8-bit RGB did not give 3 bytes per pixel");
    }
    size_t row_bytes = (size_t)width * 3;
    for (int pass = 0; pass < passes; ++pass) {
        for (png_uint_32 y = 0; y < height; ++y) {
            png_read_row(png, pixels + (size_t)y * row_bytes, NULL);
        }
    }
    png_read_end(png, info);
    return 0;
}

static inline int sdxl_png_reader_text_count(const sdxl_png_reader *reader) {
    png_textp texts = NULL;
    return png_get_text(reader->png, reader->info, &texts, NULL);
}

/// Fills `view` with the index-th text chunk libpng kept. 0 on success, -1 when out of range.
static inline int sdxl_png_reader_text_at(const sdxl_png_reader *reader, int index, sdxl_png_text_view *view) {
    png_textp texts = NULL;
    int count = png_get_text(reader->png, reader->info, &texts, NULL);
    if (texts == NULL || index < 0 || index >= count) return -1;
    const png_text *text = &texts[index];
    view->keyword = text->key;
    view->text = text->text;
    view->compression = text->compression;
    if (text->compression > 0) { // iTXt
        view->text_length = text->itxt_length;
        view->language = text->lang;
        view->translated_keyword = text->lang_key;
    } else {
        view->text_length = text->text_length;
        view->language = NULL;
        view->translated_keyword = NULL;
    }
    return 0;
}

// MARK: - Writing

/// A growing memory buffer that receives the encoded PNG. Release it with sdxl_png_output_release.
typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
    sdxl_png_messages messages;
} sdxl_png_output;

static inline void sdxl_png_write_to_output(png_structp png, png_bytep data, size_t length) {
    sdxl_png_output *output = (sdxl_png_output *)png_get_io_ptr(png);
    if (length > SIZE_MAX - output->length) png_error(png, "encoded image is too large");
    size_t needed = output->length + length;
    if (needed > output->capacity) {
        size_t capacity = output->capacity > 0 ? output->capacity : 65536;
        while (capacity < needed) {
            if (capacity > SIZE_MAX / 2) {
                capacity = needed;
                break;
            }
            capacity *= 2;
        }
        unsigned char *grown = (unsigned char *)realloc(output->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory while encoding");
        output->bytes = grown;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->length, data, length);
    output->length = needed;
}

static inline void sdxl_png_flush_output(png_structp png) {
    (void)png;
}

static inline void sdxl_png_output_release(sdxl_png_output *output) {
    free(output->bytes);
    output->bytes = NULL;
    output->length = 0;
    output->capacity = 0;
}

static inline const sdxl_png_messages *sdxl_png_output_messages(const sdxl_png_output *output) {
    return &output->messages;
}

/// Encodes 8-bit RGB `pixels` (width * height * 3 bytes, rows top to bottom) with `texts` written
/// before the image data. `output` must start zeroed. 0 on success, -1 on error (message in output).
static inline int sdxl_png_encode_rgb8(const unsigned char *pixels, png_uint_32 width, png_uint_32 height,
                                       png_textp texts, int text_count, int compression_level,
                                       sdxl_png_output *output) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &output->messages,
                                              sdxl_png_on_error, sdxl_png_on_warning);
    if (png == NULL) {
        sdxl_png_copy_message(output->messages.error, "cannot create the libpng writer");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        sdxl_png_copy_message(output->messages.error, "cannot create the libpng info");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, output, sdxl_png_write_to_output, sdxl_png_flush_output);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0) png_set_text(png, info, texts, text_count);
    png_write_info(png, info);
    size_t row_bytes = (size_t)width * 3;
    for (png_uint_32 y = 0; y < height; ++y) {
        png_write_row(png, pixels + (size_t)y * row_bytes);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

#endif
