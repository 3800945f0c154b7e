// The `invert` plugin: inverts the red, green and blue of RGBA video (and alpha too with invert-alpha=true).
// Plain C against parallax_plugin.h; build it as a shared library (`cc -shared -fPIC`) or as the package's
// InvertPlugin product.
#include <parallax_plugin.h>
#include <stdlib.h>
#include <string.h>

typedef struct invert {
    int invert_alpha;
} invert;

static void *invert_create(const void *context, const px_plugin_value *values, uint32_t count, char *error,
                           size_t error_size) {
    (void)context;
    invert *self = calloc(1, sizeof *self);
    if (self == NULL) {
        strncpy(error, "out of memory", error_size - 1);
        return NULL;
    }
    self->invert_alpha = count > 0 && values[0].bool_value;
    return self;
}

static int32_t invert_process(void *instance, const px_plugin_buffer *input, px_plugin_buffer *output, char *error,
                              size_t error_size) {
    const invert *self = instance;
    if (input->length % 4 != 0 || output->capacity < input->length) {
        strncpy(error, "RGBA input must be a whole number of pixels", error_size - 1);
        return PX_PLUGIN_ERROR;
    }
    for (size_t i = 0; i < input->length; i++) {
        uint8_t byte = input->data[i];
        output->data[i] = (i % 4 == 3 && !self->invert_alpha) ? byte : (uint8_t)(255 - byte);
    }
    output->length = input->length;
    return PX_PLUGIN_OK;
}

static void invert_destroy(void *instance) { free(instance); }

static const px_plugin_property invert_properties[] = {{
    .struct_size = sizeof(px_plugin_property),
    .type = PX_PLUGIN_PROPERTY_BOOL,
    .name = "invert-alpha",
    .blurb = "Invert alpha as well",
    .bool_default = 0,
}};

static const px_plugin_element invert_elements[] = {{
    .struct_size = sizeof(px_plugin_element),
    .kind = PX_PLUGIN_KIND_TRANSFORM,
    .flags = PX_PLUGIN_ELEMENT_IN_PLACE,
    .property_count = 1,
    .factory = "invert",
    .long_name = "Invert",
    .klass = "Filter/Effect/Video",
    .description = "Inverts the colours of RGBA video",
    .author = "The Parallax authors",
    .sink_caps = "video/x-raw, format=(string)RGBA",
    .src_caps = "video/x-raw, format=(string)RGBA",
    .properties = invert_properties,
    .create = invert_create,
    .process = invert_process,
    .destroy = invert_destroy,
}};

static const px_plugin_table invert_table = {
    .abi_version = PX_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(px_plugin_table),
    .element_count = 1,
    .elements = invert_elements,
};

__attribute__((visibility("default"))) const px_plugin_table *parallax_plugin_entry(void) { return &invert_table; }
