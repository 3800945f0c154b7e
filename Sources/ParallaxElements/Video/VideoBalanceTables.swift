import Glibc
import ParallaxCore

/// The lookup tables of `videobalance` and the loops that apply them to a frame in place.
///
/// `luma[Y]` is the new Y; `u[U·256 + V]` and `v[U·256 + V]` the new U and V of a chroma pair. Built once per
/// caps (`setCaps`), read on the streaming thread.
struct VideoBalanceTables: Sendable {
    var luma: [UInt8]
    var u: [UInt8]
    var v: [UInt8]

    /// Tables that change nothing.
    static let identity = VideoBalanceTables(contrast: 1, brightness: 0, hue: 0, saturation: 1)

    /// GStreamer's tables for these settings (`rint`, round half to even, then clamped to 0…255).
    init(contrast: Double, brightness: Double, hue: Double, saturation: Double) {
        func byte(_ value: Double) -> UInt8 { UInt8(min(max(value, 0), 255).rounded(.toNearestOrEven)) }
        luma = (0..<256).map { byte(16 + (Double($0 - 16) * contrast + brightness * 255)) }
        let c = cos(Double.pi * hue), s = sin(Double.pi * hue)
        var u = [UInt8](repeating: 0, count: 65536), v = u
        for i in -128..<128 {
            for j in -128..<128 {
                let index = (i + 128) << 8 | (j + 128)
                u[index] = byte(128 + (Double(i) * c + Double(j) * s) * saturation)
                v[index] = byte(128 + (Double(-i) * s + Double(j) * c) * saturation)
            }
        }
        self.u = u
        self.v = v
    }

    /// Rewrites the frame at `frame` (laid out as `info`).
    func apply(to frame: UnsafeMutablePointer<UInt8>, _ info: VideoInfo) {
        luma.withUnsafeBufferPointer { luma in
            u.withUnsafeBufferPointer { tu in
                v.withUnsafeBufferPointer { tv in
                    guard let l = luma.baseAddress, let u = tu.baseAddress, let v = tv.baseAddress else { return }
                    Self.apply(frame, info, l, u, v)
                }
            }
        }
    }

    private static func apply(
        _ frame: UnsafeMutablePointer<UInt8>, _ info: VideoInfo, _ luma: UnsafePointer<UInt8>,
        _ tu: UnsafePointer<UInt8>, _ tv: UnsafePointer<UInt8>
    ) {
        let w = info.width, h = info.height, hw = (w + 1) / 2, hh = (h + 1) / 2
        @inline(__always) func chroma(_ up: UnsafeMutablePointer<UInt8>, _ vp: UnsafeMutablePointer<UInt8>) {
            let index = Int(up.pointee) << 8 | Int(vp.pointee)
            up.pointee = tu[index]
            vp.pointee = tv[index]
        }
        func lumaPlane(_ offset: Int, _ stride: Int, _ step: Int) {
            for y in 0..<h {
                let row = frame + offset + y * stride
                for x in 0..<w { row[x * step] = luma[Int(row[x * step])] }
            }
        }
        switch info.format {
        case .i420_10le: return  // not in the template: 8-bit formats only
        case .i420, .yv12, .y444:
            // Plane 1 is read as U and plane 2 as V whatever the format, as GStreamer does (YV12 included).
            lumaPlane(0, info.strides[0], 1)
            let cw = info.format == .y444 ? w : hw, ch = info.format == .y444 ? h : hh
            for y in 0..<ch {
                let up = frame + info.offsets[1] + y * info.strides[1],
                    vp = frame + info.offsets[2] + y * info.strides[2]
                for x in 0..<cw { chroma(up + x, vp + x) }
            }
        case .nv12, .nv21:
            lumaPlane(0, info.strides[0], 1)
            let (uo, vo) = info.format == .nv12 ? (0, 1) : (1, 0)
            for y in 0..<hh {
                let row = frame + info.offsets[1] + y * info.strides[1]
                for x in 0..<hw { chroma(row + 2 * x + uo, row + 2 * x + vo) }
            }
        case .yuy2, .uyvy:
            let (yo, uo, vo) = VideoPlane.packedOffsets(info.format)
            lumaPlane(yo, info.strides[0], 2)
            for y in 0..<h {
                let row = frame + y * info.strides[0]
                for x in 0..<hw { chroma(row + 4 * x + uo, row + 4 * x + vo) }
            }
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr:
            let bgr = info.format == .bgra || info.format == .bgrx || info.format == .bgr
            let (ro, bo) = bgr ? (2, 0) : (0, 2), step = info.format.pixelStride
            for y in 0..<h {
                let row = frame + y * info.strides[0]
                for x in 0..<w {
                    let p = row + x * step
                    let r = Int(p[ro]), g = Int(p[1]), b = Int(p[bo])
                    let yy = Int(luma[clamp((66 * r + 129 * g + 25 * b + 4096) >> 8)])
                    let cu = clamp((-38 * r - 74 * g + 112 * b + 32768) >> 8)
                    let cv = clamp((112 * r - 94 * g - 18 * b + 32768) >> 8)
                    let uu = Int(tu[cu << 8 | cv]), vv = Int(tv[cu << 8 | cv])
                    p[ro] = UInt8(clamp((298 * yy + 409 * vv - 57068) >> 8))
                    p[1] = UInt8(clamp((298 * yy - 100 * uu - 208 * vv + 34707) >> 8))
                    p[bo] = UInt8(clamp((298 * yy + 516 * uu - 70870) >> 8))
                }
            }
        case .gray8:
            return
        }
    }

    @inline(__always) private static func clamp(_ v: Int) -> Int { min(max(v, 0), 255) }
}
