// The invert plugin exports only parallax_plugin_entry (see parallax_plugin.h); it has no header of its own.
#include <parallax_plugin.h>
