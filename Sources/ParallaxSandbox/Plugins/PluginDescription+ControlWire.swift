extension PluginDescription {
    private static let textLimit = 4096

    func write(to writer: inout ControlWireWriter) {
        writer.string(file)
        writer.optionalString(loadFailure)
        writer.u32(abiVersion)
        writer.u32(tableSize)
        writer.u32(declaredElements)
        writer.u32(UInt32(elements.count))
        for element in elements {
            for value in [element.structSize, element.kind, element.flags, element.declaredProperties] {
                writer.u32(value)
            }
            for text in [
                element.factory, element.longName, element.klass, element.description, element.author,
                element.sinkCaps, element.srcCaps,
            ] {
                writer.optionalString(text)
            }
            writer.bool(element.hasRequiredFunctions)
            writer.u32(UInt32(element.properties.count))
            for property in element.properties {
                writer.u32(property.type)
                writer.optionalString(property.name)
                writer.optionalString(property.blurb)
                let ints = property.intRange, uints = property.uintRange, doubles = property.doubleRange
                for value in [ints.min, ints.max, ints.value] { writer.u64(UInt64(bitPattern: value)) }
                for value in [uints.min, uints.max, uints.value] { writer.u64(value) }
                for value in [doubles.min, doubles.max, doubles.value] { writer.u64(value.bitPattern) }
                writer.i32(property.boolDefault)
                writer.optionalString(property.stringDefault)
            }
        }
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let file = try reader.string("plugin.file", limit: Self.textLimit)
        let failure = try reader.optionalString("plugin.failure", limit: Self.textLimit)
        let abi = try reader.u32(), size = try reader.u32(), declared = try reader.u32()
        let count = try reader.u32()
        guard count <= UInt32(Self.maximumElements) else { throw .invalidField("plugin.elements") }
        var elements: [Element] = []
        for _ in 0..<count {
            let structSize = try reader.u32(), kind = try reader.u32(), flags = try reader.u32()
            let declaredProperties = try reader.u32()
            var texts: [String?] = []
            for _ in 0..<7 { texts.append(try reader.optionalString("plugin.element", limit: Self.textLimit)) }
            let functions = try reader.bool("plugin.functions")
            let propertyCount = try reader.u32()
            guard propertyCount <= UInt32(Self.maximumProperties) else { throw .invalidField("plugin.properties") }
            var properties: [Property] = []
            for _ in 0..<propertyCount {
                let type = try reader.u32()
                let name = try reader.optionalString("plugin.property", limit: Self.textLimit)
                let blurb = try reader.optionalString("plugin.blurb", limit: Self.textLimit)
                let ints = (
                    Int64(bitPattern: try reader.u64()), Int64(bitPattern: try reader.u64()),
                    Int64(bitPattern: try reader.u64())
                )
                let uints = (try reader.u64(), try reader.u64(), try reader.u64())
                let doubles = (
                    Double(bitPattern: try reader.u64()), Double(bitPattern: try reader.u64()),
                    Double(bitPattern: try reader.u64())
                )
                let bool = try reader.i32()
                let string = try reader.optionalString("plugin.default", limit: Self.textLimit)
                properties.append(
                    Property(
                        type: type, name: name, blurb: blurb, intRange: ints, uintRange: uints, doubleRange: doubles,
                        boolDefault: bool, stringDefault: string))
            }
            elements.append(
                Element(
                    structSize: structSize, kind: kind, flags: flags, declaredProperties: declaredProperties,
                    factory: texts[0], longName: texts[1], klass: texts[2], description: texts[3], author: texts[4],
                    sinkCaps: texts[5], srcCaps: texts[6], hasRequiredFunctions: functions, properties: properties))
        }
        self.init(
            file: file, loadFailure: failure, abiVersion: abi, tableSize: size, declaredElements: declared,
            elements: elements)
    }
}

extension ControlWireWriter {
    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
}

extension ControlWireReader {
    mutating func optionalString(_ name: String, limit: Int) throws(ControlProtocolError) -> String? {
        try bool(name) ? try string(name, limit: limit) : nil
    }
}
