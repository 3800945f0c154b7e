import ParallaxCore
import ParallaxElements

/// A test-side reading of a Matroska file written by Parallax: applies the muxer's overwrite outputs, then
/// walks the EBML tree independently of `matroskademux`.
struct MatroskaFileWalker {
    /// One element: ID, where it starts, its header length and size (nil: unknown), and its children.
    struct Node {
        var id: UInt32
        var offset: Int
        var headerLength: Int
        var size: Int?
        var children: [Node] = []
        var payloadStart: Int { offset + headerLength }

        /// The first child with `id`, searching depth-first.
        func find(_ id: UInt32) -> Node? {
            for child in children {
                if child.id == id { return child }
                if let found = child.find(id) { return found }
            }
            return nil
        }

        /// Every descendant with `id`, in order.
        func all(_ id: UInt32) -> [Node] {
            children.flatMap { ($0.id == id ? [$0] : []) + $0.all(id) }
        }
    }

    static let masters: Set<UInt32> = [
        0x1A45_DFA3, 0x1853_8067, 0x114D_9B74, 0x4DBB, 0x1549_A966, 0x1654_AE6B, 0xAE, 0xE0, 0xE1, 0x1F43_B675,
        0x1C53_BB6B, 0xBB, 0xB7, 0xA0,
    ]

    let bytes: [UInt8]
    let top: [Node]

    /// The file `chunks` make: appended in order, overwrites applied where they point.
    static func assemble(_ chunks: [MatroskaWriter.Chunk]) -> [UInt8] {
        var file: [UInt8] = []
        for chunk in chunks {
            if let offset = chunk.overwriteOffset.map(Int.init) {
                file.replaceSubrange(offset..<(offset + chunk.bytes.count), with: chunk.bytes)
            } else {
                file += chunk.bytes
            }
        }
        return file
    }

    /// The file the muxer's output buffers make, overwrites applied as filesink does.
    static func assemble(_ buffers: [Buffer]) -> [UInt8] {
        assemble(
            buffers.map { buffer in
                MatroskaWriter.Chunk(
                    bytes: buffer.byteArray,
                    overwriteOffset: buffer.metadata.flags.contains(.overwrite) ? buffer.metadata.offset : nil)
            })
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var index = 0
        top = Self.walk(bytes, &index, end: bytes.count)
    }

    /// The unsigned value of a leaf.
    func unsigned(_ node: Node) -> UInt64 {
        bytes[node.payloadStart..<(node.payloadStart + (node.size ?? 0))].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The payload of a leaf.
    func payload(_ node: Node) -> [UInt8] { Array(bytes[node.payloadStart..<(node.payloadStart + (node.size ?? 0))]) }

    /// The 8-byte float of a leaf.
    func float(_ node: Node) -> Double { Double(bitPattern: unsigned(node)) }

    private static func walk(_ bytes: [UInt8], _ index: inout Int, end: Int) -> [Node] {
        var nodes: [Node] = []
        while index < end, let (id, idLength) = vint(bytes, index, keepMarker: true),
            let (size, sizeLength) = vint(bytes, index + idLength, keepMarker: false)
        {
            let unknown = size == (UInt64(1) << (7 * UInt64(sizeLength))) - 1
            var node = Node(
                id: UInt32(id), offset: index, headerLength: idLength + sizeLength,
                size: unknown ? nil : Int(size))
            index += idLength + sizeLength
            let stop = unknown ? end : min(end, index + Int(size))
            if masters.contains(node.id) {
                node.children = walk(bytes, &index, end: stop)
            }
            index = unknown ? index : stop
            nodes.append(node)
        }
        return nodes
    }

    private static func vint(_ bytes: [UInt8], _ at: Int, keepMarker: Bool) -> (UInt64, Int)? {
        guard at < bytes.count, bytes[at] != 0 else { return nil }
        let length = bytes[at].leadingZeroBitCount + 1
        guard at + length <= bytes.count else { return nil }
        var value = UInt64(keepMarker ? bytes[at] : bytes[at] & (0xFF >> UInt8(length)))
        for i in 1..<max(length, 1) where i < length { value = value << 8 | UInt64(bytes[at + i]) }
        return (value, length)
    }
}
