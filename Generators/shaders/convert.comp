#version 450
#extension GL_EXT_control_flow_attributes : require
// vulkanconvert: one invocation per 32-bit word of the output frame, with the arithmetic of Parallax's CPU
// videoconvert (8-bit fixed-point matrices, chroma averaging and co-siting, GStreamer's YUV → RGB rounding).
// Parameters (binding 2), as VulkanConvertParameters writes them:
//   0 input format  1 output format  2 width  3 height  4 output words  5 invocations per dispatch row
//   6 mode (0 repack, 1 matrix, 2 YUV → RGB, 3 copy)  7 co-sited chroma (1) or averaged (0)
//   8..10 input plane offsets  11..13 input strides  14..16 output offsets  17..19 output strides
//   20..28 matrix rows: the coefficients of c0, c1, c2 for output 0, then output 1, output 2  29..31 bias  32..34 offsets
//   35..39 YUV → RGB coefficients (y, vr, ub, ug, vg)
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Source { uint src[]; };
layout(std430, binding = 1) writeonly buffer Destination { uint dst[]; };
layout(std430, binding = 2) readonly buffer Parameters { int p[]; };

const int RGBA = 0, BGRA = 1, RGBX = 2, BGRX = 3, I420 = 4, YV12 = 5, NV12 = 6, NV21 = 7;

uint readByte(int offset) { return (src[offset >> 2] >> (8 * (offset & 3))) & 255u; }
int inByte(int plane, int x, int y) { return int(readByte(p[8 + plane] + y * p[11 + plane] + x)); }

// Byte positions of R, G, B and alpha (-1: none) in a 32-bit RGB pixel.
ivec4 rgbLayout(int format) {
    if (format == RGBA) return ivec4(0, 1, 2, 3);
    if (format == BGRA) return ivec4(2, 1, 0, 3);
    if (format == RGBX) return ivec4(0, 1, 2, -1);
    return ivec4(2, 1, 0, -1);
}

// Chroma (U, V) of pair k in chroma row `row` of a semi-planar input.
ivec2 semiPlanar(int row, int k) {
    int a = inByte(1, 2 * k, row), b = inByte(1, 2 * k + 1, row);
    return p[0] == NV12 ? ivec2(a, b) : ivec2(b, a);
}

// Chroma of pixel (x, y) of a semi-planar input: repeated, or (before a YUV → RGB matrix) interpolated as
// GStreamer's general path does — horizontally centred up to 576 lines, co-sited above, then vertically centred.
ivec2 semiPlanarChroma(int x, int y) {
    int width = p[2], pairs = (width + 1) / 2, rows = (p[3] + 1) / 2, k = x / 2, j = y / 2;
    if (p[6] != 2) return semiPlanar(j, k);
    bool cosited = p[3] > 576;
    int n = cosited ? min(k + 1, pairs - 1) : (x % 2 == 0 ? max(k - 1, 0) : min(k + 1, pairs - 1));
    int neighbour = y % 2 == 0 ? max(j - 1, 0) : min(j + 1, rows - 1);
    ivec2 rowValues[2];
    [[dont_unroll]] for (int r = 0; r < 2; r++) {
        int row = r == 0 ? j : neighbour;
        ivec2 c[2];
        [[dont_unroll]] for (int t = 0; t < 2; t++) c[t] = semiPlanar(row, t == 0 ? k : n);
        if (cosited) {
            rowValues[r] = x % 2 == 0 ? c[0] : (c[0] + c[1] + 1) >> 1;
        } else {
            rowValues[r] = (3 * c[0] + c[1] + 2) >> 2;
        }
    }
    return (3 * rowValues[0] + rowValues[1] + 2) >> 2;
}

// Pixel (x, y) of the input as A, c0, c1, c2 (ARGB or AYUV).
ivec4 unpack(int x, int y) {
    int format = p[0];
    if (format <= BGRX) {
        ivec4 l = rgbLayout(format);
        int base = p[8] + y * p[11] + 4 * x;
        int a = l.w < 0 ? 255 : int(readByte(base + l.w));
        return ivec4(a, int(readByte(base + l.x)), int(readByte(base + l.y)), int(readByte(base + l.z)));
    }
    int luma = inByte(0, x, y);
    if (format == I420 || format == YV12) {
        int u = format == I420 ? 1 : 2, v = 3 - u;
        return ivec4(255, luma, inByte(u, x / 2, y / 2), inByte(v, x / 2, y / 2));
    }
    ivec2 c = semiPlanarChroma(x, y);
    return ivec4(255, luma, c.x, c.y);
}

// (c − 128) as a signed byte repeated in both bytes of a 16-bit word.
int spread(int c) { int b = (c - 128) & 255; return ((b << 24) | (b << 16)) >> 16; }
int saturate(int v) { return clamp(v, -128, 127) + 128; }

// Pixel (x, y) in the output's colour model.
ivec4 pixel(int x, int y) {
    ivec4 c = unpack(x, y);
    int mode = p[6];
    if (mode == 1) {
        ivec3 k0 = ivec3(p[20], p[23], p[26]), k1 = ivec3(p[21], p[24], p[27]), k2 = ivec3(p[22], p[25], p[28]);
        ivec3 bias = ivec3(p[29], p[30], p[31]), offset = ivec3(p[32], p[33], p[34]);
        ivec3 r = ((c.y * k0 + c.z * k1 + c.w * k2 + bias) >> 8) + offset;
        r = clamp(r, 0, 255);
        return ivec4(c.x, r);
    }
    if (mode == 2) {
        int wy = (spread(c.y) * p[35]) >> 16;
        int su = spread(c.z), sv = spread(c.w);
        int r = saturate(wy + ((sv * p[36]) >> 16));
        int g = saturate(wy + ((su * p[38]) >> 16) + ((sv * p[39]) >> 16));
        int b = saturate(wy + ((su * p[37]) >> 16));
        return ivec4(c.x, r, g, b);
    }
    return c;
}

// One output sample as taps over input pixels: `outer` columns or rows (weights w) of `inner` pairs, each pair
// rounded to its average, the weighted sum then rounded by `shift`. A plain sample is one tap of a pair of the
// same pixel; averaged chroma is two rows of column pairs; co-sited chroma is three columns of row pairs.
struct Taps { ivec3 x0; ivec3 x1; ivec3 y0; ivec3 y1; ivec3 w; int shift; int component; };

int evaluate(Taps t) {
    int sum = 0;
    [[dont_unroll]] for (int o = 0; o < 3; o++) {
        if (t.w[o] == 0) continue;
        int pair = 0;
        [[dont_unroll]] for (int i = 0; i < 2; i++) {
            ivec4 c = pixel(i == 0 ? t.x0[o] : t.x1[o], i == 0 ? t.y0[o] : t.y1[o]);
            pair += c[t.component];
        }
        sum += t.w[o] * ((pair + 1) >> 1);
    }
    return t.shift == 0 ? sum : (sum + (1 << (t.shift - 1))) >> t.shift;
}

Taps single(int x, int y, int component) {
    return Taps(ivec3(x), ivec3(x), ivec3(y), ivec3(y), ivec3(1, 0, 0), 0, component);
}

// The taps of subsampled chroma for the pixel pair starting at even x in row pair `pair`.
Taps chroma(int x, int pair, int component) {
    int width = p[2];
    int a = 2 * pair, b = min(a + 1, p[3] - 1);
    if (p[7] == 1) {
        ivec3 columns, weights;
        int last = max(2, (width - 1) & ~1);
        if (width < 2) { columns = ivec3(0); weights = ivec3(4, 0, 0); }
        else if (x == 0) { columns = ivec3(0, 1, 0); weights = ivec3(3, 1, 0); }
        else if (x < last) { columns = ivec3(x - 1, x, x + 1); weights = ivec3(1, 2, 1); }
        else { columns = ivec3(x - 1, x, 0); weights = ivec3(1, 3, 0); }
        return Taps(columns, columns, ivec3(a), ivec3(b), weights, 2, component);
    }
    int x1 = min(x + 1, width - 1);
    return Taps(ivec3(x), ivec3(x1), ivec3(a, b, 0), ivec3(a, b, 0), ivec3(1, 1, 0), 1, component);
}

// The taps of byte `column` of row `row` of output plane `plane`; weight 0 everywhere for padding.
Taps outputTaps(int plane, int column, int row) {
    int format = p[1], width = p[2], height = p[3];
    int chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2;
    Taps none = Taps(ivec3(0), ivec3(0), ivec3(0), ivec3(0), ivec3(0), 0, 0);
    if (format <= BGRX) {
        int x = column / 4;
        if (x >= width || row >= height) return none;
        ivec4 l = rgbLayout(format);
        int byte = column % 4;
        int component = byte == l.x ? 1 : byte == l.y ? 2 : byte == l.z ? 3 : (l.w >= 0 ? 0 : -1);
        if (component < 0) return Taps(ivec3(0), ivec3(0), ivec3(0), ivec3(0), ivec3(0), -1, 0);
        return single(x, row, component);
    }
    if (plane == 0) return column < width && row < height ? single(column, row, 1) : none;
    if (format == I420 || format == YV12) {
        if (column >= chromaWidth || row >= chromaHeight) return none;
        bool u = (plane == 1) == (format == I420);
        return chroma(2 * column, row, u ? 2 : 3);
    }
    if (column >= 2 * chromaWidth || row >= chromaHeight) return none;
    bool u = (column % 2 == 0) == (format == NV12);
    return chroma(2 * (column / 2), row, u ? 2 : 3);
}

void main() {
    int word = int(gl_GlobalInvocationID.x) + int(gl_GlobalInvocationID.y) * p[5];
    if (word >= p[4]) return;
    if (p[6] == 3) {
        dst[word] = src[word];
        return;
    }
    int offset = 4 * word, format = p[1];
    int planes = format <= BGRX ? 1 : format == I420 || format == YV12 ? 3 : 2;
    int plane = 0;
    for (int i = 1; i < planes; i++) {
        if (offset >= p[14 + i]) plane = i;
    }
    int within = offset - p[14 + plane], stride = p[17 + plane];
    int row = within / stride, column = within % stride;
    uint result = 0u;
    [[dont_unroll]] for (int i = 0; i < 4; i++) {
        Taps t = outputTaps(plane, column + i, row);
        int value = t.shift < 0 ? 255 : evaluate(t);
        result |= uint(value) << (8 * i);
    }
    dst[word] = result;
}
