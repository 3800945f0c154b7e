/*
 * parallax_plugin.h — the Parallax plugin ABI, version 1.
 *
 * A plugin is a shared library that exports one C function:
 *
 *     const px_plugin_table *parallax_plugin_entry(void);
 *
 * It returns a table that stays valid (and unchanged) for the life of the process: the ABI version, the
 * table's size, and an array of element descriptors. Each descriptor names a transform element (factory
 * name, documentation, the caps of its two pads, its properties) and the five functions Parallax calls to
 * run it: create, set_caps, process, event and destroy. Everything crossing the boundary is a plain C
 * value: integers, doubles, NUL-terminated UTF-8 strings, pointers to arrays of the structs below. No
 * Swift, C++ or Rust type crosses it, so a plugin may be built by any compiler version, in any language
 * that can export a C function.
 *
 * Versioning (see docs/design/plugin-abi.md):
 *   - `abi_version` is PX_PLUGIN_ABI_VERSION of the header the plugin was built with. Parallax loads only
 *     the versions it knows (today: 1) and reads nothing else from a table of another version.
 *   - Every struct that may grow starts with `struct_size` (sizeof as the plugin saw it). A later minor
 *     revision only appends fields; a reader takes a field only when `struct_size` covers it.
 *   - Removing or reordering a field, or changing a function's meaning, is a new `abi_version`.
 *
 * Threads: `parallax_plugin_entry` is called once per process, before any element is created. The five
 * element functions of one instance are called from one thread at a time (the element's streaming
 * thread), never concurrently; different instances may be called from different threads at once.
 *
 * Isolation: Parallax never loads an untrusted plugin into the pipeline's own process. It validates the
 * plugin in a sandboxed element host, and runs its elements in sandboxed hosts unless the user trusts an
 * element by name. A plugin therefore cannot open files, sockets or start programs (docs/isolation.md);
 * it gets its input and output as memory and nothing else.
 */
#ifndef PARALLAX_PLUGIN_H
#define PARALLAX_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes. */
#define PX_PLUGIN_ABI_VERSION 1u

/* The name of the one exported symbol. */
#define PX_PLUGIN_ENTRY_SYMBOL "parallax_plugin_entry"

/* A time stamp or duration that is not set (pts, dts, duration). */
#define PX_PLUGIN_TIME_NONE 0xffffffffffffffffULL

/* ---- Buffers ------------------------------------------------------------------------------------- */

/* Buffer flags (px_plugin_buffer.flags), the bits of Parallax's BufferFlags. */
enum {
    PX_PLUGIN_BUFFER_DISCONT = 1u << 0,     /* a gap or reset precedes this buffer */
    PX_PLUGIN_BUFFER_DELTA_UNIT = 1u << 1,  /* not decodable on its own (not a key frame) */
    PX_PLUGIN_BUFFER_GAP = 1u << 2,         /* no meaningful data, only time */
    PX_PLUGIN_BUFFER_DECODE_ONLY = 1u << 3, /* decode, do not show */
    PX_PLUGIN_BUFFER_HEADER = 1u << 4,      /* codec configuration, stream headers */
};

/*
 * A view of one buffer's memory and metadata, valid only during the call it is passed to.
 *
 *   data ──► [ length bytes of content | capacity - length bytes of room ]
 *
 * For `process`, the input view is read-only (do not write through `data`) and the output view is where
 * the result goes: the plugin writes up to `capacity` bytes at `data` and sets `length`. The output starts
 * with the input's metadata and `length` equal to the input's length; the plugin may change them. When the
 * element declares PX_PLUGIN_ELEMENT_IN_PLACE, `output->data` may equal `input->data`: read byte i before
 * writing byte i.
 */
typedef struct px_plugin_buffer {
    uint8_t *data;      /* first byte; NULL only when capacity is 0 */
    size_t length;      /* bytes of content */
    size_t capacity;    /* bytes that may be written (output), or length (input) */
    uint64_t pts;       /* presentation time in nanoseconds, or PX_PLUGIN_TIME_NONE */
    uint64_t dts;       /* decoding time in nanoseconds, or PX_PLUGIN_TIME_NONE */
    uint64_t duration;  /* duration in nanoseconds, or PX_PLUGIN_TIME_NONE */
    uint32_t flags;     /* PX_PLUGIN_BUFFER_* bits; other bits are kept as they are */
    uint32_t reserved;  /* zero */
} px_plugin_buffer;

/* ---- Properties ---------------------------------------------------------------------------------- */

/* Property types (px_plugin_property.type, px_plugin_value.type). */
enum {
    PX_PLUGIN_PROPERTY_BOOL = 1,    /* bool_default */
    PX_PLUGIN_PROPERTY_INT = 2,     /* int_min ≤ int_default ≤ int_max, 64-bit signed */
    PX_PLUGIN_PROPERTY_UINT = 3,    /* uint_min ≤ uint_default ≤ uint_max, 64-bit unsigned */
    PX_PLUGIN_PROPERTY_DOUBLE = 4,  /* double_min ≤ double_default ≤ double_max, finite */
    PX_PLUGIN_PROPERTY_STRING = 5,  /* string_default, may be NULL (unset) */
};

/*
 * One property of an element, as `--inspect` lists it and launch strings set it (`adjustment=40`).
 * Only the fields of `type` are read; set the others to zero.
 */
typedef struct px_plugin_property {
    uint32_t struct_size;        /* sizeof(px_plugin_property) */
    uint32_t type;               /* PX_PLUGIN_PROPERTY_* */
    const char *name;            /* kebab-case: [a-z][a-z0-9-]*, at most 64 bytes, unique in the element */
    const char *blurb;           /* one line for --inspect */
    int64_t int_min, int_max, int_default;
    uint64_t uint_min, uint_max, uint_default;
    double double_min, double_max, double_default;
    int32_t bool_default;        /* 0 or 1 */
    int32_t reserved;            /* zero */
    const char *string_default;  /* NULL: unset */
} px_plugin_property;

/* A property's value, as `create` receives it (in descriptor order, every property, defaults filled in). */
typedef struct px_plugin_value {
    uint32_t type;               /* PX_PLUGIN_PROPERTY_* of the property */
    int32_t bool_value;          /* BOOL: 0 or 1 */
    int64_t int_value;           /* INT */
    uint64_t uint_value;         /* UINT */
    double double_value;         /* DOUBLE */
    const char *string_value;    /* STRING: NULL when unset; valid only during `create` */
} px_plugin_value;

/* ---- Elements ------------------------------------------------------------------------------------ */

/* Element kinds (px_plugin_element.kind). Version 1 loads transforms only. */
enum {
    PX_PLUGIN_KIND_SOURCE = 1,     /* reserved */
    PX_PLUGIN_KIND_TRANSFORM = 2,  /* one sink pad, one src pad, one output per input */
    PX_PLUGIN_KIND_SINK = 3,       /* reserved */
};

/* Element flags (px_plugin_element.flags). */
enum {
    PX_PLUGIN_ELEMENT_IN_PLACE = 1u << 0, /* process may write its output over its input */
};

/* Results of the element functions. */
enum {
    PX_PLUGIN_OK = 0,        /* done; process: send the output on */
    PX_PLUGIN_DROPPED = 1,   /* process only: send nothing for this input */
    PX_PLUGIN_EOS = 2,       /* process only: the stream ends here */
    PX_PLUGIN_ERROR = -1,    /* failed; the error text says why, and the pipeline stops with it */
};

/* Events (the `event` function's `event` argument). */
enum {
    PX_PLUGIN_EVENT_EOS = 1,    /* end of stream reached the element; no more process calls follow */
    PX_PLUGIN_EVENT_FLUSH = 2,  /* drop anything held from earlier buffers (a seek) */
};

/*
 * Every function that can fail gets `error` and `error_size`: on PX_PLUGIN_ERROR (or a NULL instance from
 * `create`) write one line of UTF-8, NUL-terminated, at most error_size bytes including the NUL. It is
 * shown to the user after the element's name.
 */

/* Makes an instance with `values` (count = property_count, descriptor order). `context` is the
 * descriptor's `context`. Returns NULL on failure (with the error text). */
typedef void *(*px_plugin_create_fn)(const void *context, const px_plugin_value *values, uint32_t count,
                                     char *error, size_t error_size);

/* Takes the negotiated caps before the first buffer: fixed caps strings such as
 * "video/x-raw, format=(string)RGBA, width=(int)320, height=(int)240, framerate=(fraction)30/1".
 * May be called again with new caps between buffers. */
typedef int32_t (*px_plugin_set_caps_fn)(void *instance, const char *input_caps, const char *output_caps,
                                         char *error, size_t error_size);

/* Turns `input` into `output` (see px_plugin_buffer). Must not block. */
typedef int32_t (*px_plugin_process_fn)(void *instance, const px_plugin_buffer *input, px_plugin_buffer *output,
                                        char *error, size_t error_size);

/* Sees an event (PX_PLUGIN_EVENT_*). Unknown events must be answered PX_PLUGIN_OK. */
typedef int32_t (*px_plugin_event_fn)(void *instance, uint32_t event, char *error, size_t error_size);

/* Frees an instance. Called exactly once per successful create. */
typedef void (*px_plugin_destroy_fn)(void *instance);

/*
 * One element the plugin provides.
 *
 * Caps strings use the GStreamer syntax Parallax parses ("video/x-raw, format=(string)RGBA" or "ANY"); the
 * element accepts `sink_caps` and produces `src_caps`. When both are equal, the format passes through
 * unchanged (a filter); otherwise the element produces any format of `src_caps` for any input.
 */
typedef struct px_plugin_element {
    uint32_t struct_size;               /* sizeof(px_plugin_element) */
    uint32_t kind;                      /* PX_PLUGIN_KIND_*; version 1 loads PX_PLUGIN_KIND_TRANSFORM */
    uint32_t flags;                     /* PX_PLUGIN_ELEMENT_* */
    uint32_t property_count;            /* entries in `properties` (at most 64) */
    const char *factory;                /* launch-string name: [a-z][a-z0-9-]*, at most 64 bytes, not a
                                           built-in element's and not another plugin's */
    const char *long_name;              /* "Brightness" */
    const char *klass;                  /* GStreamer classification, "Filter/Effect/Video" */
    const char *description;            /* one sentence */
    const char *author;                 /* who wrote it; NULL: unknown */
    const char *sink_caps;              /* caps the element accepts */
    const char *src_caps;               /* caps the element produces */
    const px_plugin_property *properties;
    const void *context;                /* passed to create as is (for example a language runtime's type) */
    px_plugin_create_fn create;
    px_plugin_set_caps_fn set_caps;     /* NULL: caps are not needed */
    px_plugin_process_fn process;
    px_plugin_event_fn event;           /* NULL: no events are needed */
    px_plugin_destroy_fn destroy;
} px_plugin_element;

/* What parallax_plugin_entry returns. */
typedef struct px_plugin_table {
    uint32_t abi_version;               /* PX_PLUGIN_ABI_VERSION */
    uint32_t struct_size;               /* sizeof(px_plugin_table) */
    uint32_t element_count;             /* entries in `elements` (1 to 64) */
    uint32_t reserved;                  /* zero */
    const px_plugin_element *elements;
} px_plugin_table;

/* The entry point every plugin exports. */
typedef const px_plugin_table *(*px_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* PARALLAX_PLUGIN_H */
