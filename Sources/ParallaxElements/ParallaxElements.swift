// Stock elements: sources, sinks, filters and utilities.
