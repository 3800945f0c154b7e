#version 450
#extension GL_EXT_control_flow_attributes : require
// vulkanscale: one invocation per 32-bit word of the output frame, with the arithmetic of Parallax's CPU
// videoscale (GStreamer 1.22's): per plane a horizontal and a vertical filter — copy, halve, nearest, stepped
// (8-bit fractions) or two taps (6-bit across, 8-bit down) — in the order the CPU element applies them.
// Parameters (binding 2), as VulkanScaleParameters writes them:
//   0 output words  1 invocations per dispatch row  2 planes
//   8 + 16·plane: source offset, stride; destination offset, stride; bytes per sample group; source width,
//   height; destination width, height; horizontal kind, precision, table; vertical kind, precision, table;
//   vertical first (1). Kinds: 0 copy, 1 halve, 2 nearest, 3 stepped, 4 taps. A table holds the source
//   index of each destination sample, then the first weights, then the second.
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Source { uint src[]; };
layout(std430, binding = 1) writeonly buffer Destination { uint dst[]; };
layout(std430, binding = 2) readonly buffer Parameters { int p[]; };

const int COPY = 0, HALVE = 1, NEAREST = 2, STEPPED = 3, TAPS = 4;

int sourceByte(int h, int x, int y, int c) {
    int offset = p[h] + y * p[h + 1] + x * p[h + 4] + c;
    return int((src[offset >> 2] >> (8 * (offset & 3))) & 255u);
}

// The vertical filter at destination row y over source column x (raw source rows).
int vertical(int h, int y, int x, int c) {
    int kind = p[h + 12], table = p[h + 14], count = p[h + 8];
    if (kind == COPY) return sourceByte(h, x, y, c);
    if (kind == HALVE) return (sourceByte(h, x, 2 * y, c) + sourceByte(h, x, 2 * y + 1, c) + 1) >> 1;
    int i = p[table + y];
    if (kind == NEAREST) return sourceByte(h, x, i, c);
    int f = p[table + 2 * count + y];
    if (kind == STEPPED) return (sourceByte(h, x, i, c) * (256 - f) + sourceByte(h, x, i + 1, c) * f) >> 8;
    if (f == 0) return sourceByte(h, x, i, c);
    return (sourceByte(h, x, i, c) * (256 - f) + sourceByte(h, x, i + 1, c) * f + 128) >> 8;
}

// The horizontal filter at destination column x, over source row y or (afterVertical) over the vertical
// filter's row for destination row y.
int horizontal(int h, int y, int x, int c, bool afterVertical) {
    int kind = p[h + 9], table = p[h + 11], count = p[h + 7];
    ivec2 columns;
    if (kind == COPY) columns = ivec2(x, x);
    else if (kind == HALVE) columns = ivec2(2 * x, 2 * x + 1);
    else if (kind == NEAREST) columns = ivec2(p[table + x], p[table + x]);
    else columns = ivec2(p[table + x], p[table + x] + 1);
    int samples[2];
    [[dont_unroll]] for (int t = 0; t < 2; t++) {
        samples[t] = afterVertical ? vertical(h, y, columns[t], c) : sourceByte(h, columns[t], y, c);
    }
    if (kind == COPY || kind == NEAREST) return samples[0];
    if (kind == HALVE) return (samples[0] + samples[1] + 1) >> 1;
    if (kind == STEPPED) {
        int f = p[table + 2 * count + x];
        return (samples[0] * (256 - f) + samples[1] * f) >> 8;
    }
    int bits = p[h + 10];
    int r = (samples[0] * p[table + count + x] + samples[1] * p[table + 2 * count + x] + (1 << (bits - 1))) >> bits;
    return clamp(r, 0, 255);
}

// The vertical filter at destination row y over horizontally filtered source rows.
int verticalAfterHorizontal(int h, int y, int x, int c) {
    int kind = p[h + 12], table = p[h + 14], count = p[h + 8];
    ivec2 rows;
    if (kind == COPY) rows = ivec2(y, y);
    else if (kind == HALVE) rows = ivec2(2 * y, 2 * y + 1);
    else if (kind == NEAREST) rows = ivec2(p[table + y], p[table + y]);
    else rows = ivec2(p[table + y], p[table + y] + 1);
    int samples[2];
    [[dont_unroll]] for (int t = 0; t < 2; t++) samples[t] = horizontal(h, rows[t], x, c, false);
    if (kind == COPY || kind == NEAREST) return samples[0];
    if (kind == HALVE) return (samples[0] + samples[1] + 1) >> 1;
    int f = p[table + 2 * count + y];
    if (kind == STEPPED) return (samples[0] * (256 - f) + samples[1] * f) >> 8;
    if (f == 0) return samples[0];
    return (samples[0] * (256 - f) + samples[1] * f + 128) >> 8;
}

void main() {
    int word = int(gl_GlobalInvocationID.x) + int(gl_GlobalInvocationID.y) * p[1];
    if (word >= p[0]) return;
    int offset = 4 * word, plane = 0;
    for (int i = 1; i < p[2]; i++) {
        if (offset >= p[8 + 16 * i + 2]) plane = i;
    }
    int h = 8 + 16 * plane;
    int within = offset - p[h + 2], stride = p[h + 3], n = p[h + 4];
    int row = within / stride, column = within % stride;
    uint result = 0u;
    [[dont_unroll]] for (int i = 0; i < 4; i++) {
        int x = (column + i) / n, c = (column + i) % n, value = 0;
        if (x < p[h + 7] && row < p[h + 8]) {
            value = p[h + 15] == 1 ? horizontal(h, row, x, c, true) : verticalAfterHorizontal(h, row, x, c);
        }
        result |= uint(value) << (8 * i);
    }
    dst[word] = result;
}
