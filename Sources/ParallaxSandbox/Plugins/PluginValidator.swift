import CParallaxPlugin
import ParallaxCore

/// The supervisor's checks of a plugin's table, as a sandboxed host read it: ABI version and sizes, every
/// element descriptor well formed (names, caps strings that parse, property types, defaults and ranges,
/// the required functions), and no factory name that a built-in element or another plugin already uses.
///
/// ```swift
/// let validator = PluginValidator(reserved: ["identity": "a built-in element"])
/// let specs = try validator.validate(description)   // throws PluginRejection naming the file and the fault
/// ```
/// Pure; any thread. Nothing in the description is trusted: every field is checked before use.
public struct PluginValidator: Sendable {
    /// Factory names already taken, each with who took it (`a built-in element`, `plugin /x/a.so`).
    public var reserved: [String: String]

    /// Creates a validator.
    public init(reserved: [String: String]) {
        self.reserved = reserved
    }

    /// The reserved names of `registry`, every one built in.
    public static func reserved(by registry: ElementRegistry) -> [String: String] {
        var names: [String: String] = [:]
        for factory in registry.factories { names[factory] = "a built-in element" }
        return names
    }

    /// The longest factory or property name.
    public static let maximumNameLength = 64

    /// Checks `description`; returns its elements or throws the first fault found.
    public func validate(_ description: PluginDescription) throws(PluginRejection) -> [PluginElementSpec] {
        let file = description.file
        func reject(_ reason: String) -> PluginRejection { PluginRejection(file: file, reason: reason) }
        if let failure = description.loadFailure { throw reject(failure) }
        guard description.abiVersion == PX_PLUGIN_ABI_VERSION else {
            throw reject(
                "it was built for plugin ABI version \(description.abiVersion); this Parallax loads version "
                    + "\(PX_PLUGIN_ABI_VERSION)")
        }
        let tableSize = MemoryLayout<px_plugin_table>.size
        guard Int(description.tableSize) >= tableSize else {
            throw reject("its table declares \(description.tableSize) bytes; ABI version 1 needs \(tableSize)")
        }
        guard description.declaredElements > 0, !description.elements.isEmpty else {
            throw reject("its table declares no elements")
        }
        guard description.declaredElements <= UInt32(PluginDescription.maximumElements) else {
            throw reject(
                "its table declares \(description.declaredElements) elements; at most "
                    + "\(PluginDescription.maximumElements) are allowed")
        }
        var specs: [PluginElementSpec] = []
        var seen: Set<String> = []
        for (index, element) in description.elements.enumerated() {
            let spec: PluginElementSpec
            do {
                spec = try Self.check(element, index: index)
            } catch {
                throw reject(error.description)
            }
            let factory = spec.info.factory
            if let owner = reserved[factory] {
                throw reject("element \"\(factory)\" clashes with \(owner) of that name")
            }
            guard seen.insert(factory).inserted else { throw reject("it declares element \"\(factory)\" twice") }
            specs.append(spec)
        }
        return specs
    }

    private struct Fault: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private static func check(_ element: PluginDescription.Element, index: Int) throws(Fault) -> PluginElementSpec {
        let size = MemoryLayout<px_plugin_element>.size
        let position = "element \(index + 1)"
        guard Int(element.structSize) >= size else {
            throw Fault("\(position): its descriptor declares \(element.structSize) bytes; ABI version 1 needs \(size)")
        }
        guard let factory = element.factory else { throw Fault("\(position) has no factory name") }
        guard isValidName(factory) else {
            throw Fault(
                "\(position): factory name \"\(factory)\" is not valid (a lower-case letter, then lower-case letters, "
                    + "digits and '-', at most \(maximumNameLength) bytes)")
        }
        let label = "element \"\(factory)\""
        switch element.kind {
        case UInt32(PX_PLUGIN_KIND_TRANSFORM): break
        case UInt32(PX_PLUGIN_KIND_SOURCE), UInt32(PX_PLUGIN_KIND_SINK):
            let kind = element.kind == UInt32(PX_PLUGIN_KIND_SOURCE) ? "source" : "sink"
            throw Fault("\(label) is a \(kind); plugin ABI version 1 loads transform elements only")
        default:
            throw Fault("\(label) has unknown kind \(element.kind)")
        }
        let knownFlags = UInt32(PX_PLUGIN_ELEMENT_IN_PLACE)
        guard element.flags & ~knownFlags == 0 else {
            throw Fault("\(label) sets unknown flags 0x\(String(element.flags & ~knownFlags, radix: 16))")
        }
        guard let longName = element.longName, !longName.isEmpty else { throw Fault("\(label) has no long name") }
        guard let klass = element.klass, !klass.isEmpty else { throw Fault("\(label) has no klass") }
        guard let summary = element.description, !summary.isEmpty else { throw Fault("\(label) has no description") }
        let sink = try caps(element.sinkCaps, "sink", label)
        let src = try caps(element.srcCaps, "src", label)
        guard element.hasRequiredFunctions else { throw Fault("\(label) lacks create, process or destroy") }
        guard element.declaredProperties <= UInt32(PluginDescription.maximumProperties) else {
            throw Fault(
                "\(label) declares \(element.declaredProperties) properties; at most "
                    + "\(PluginDescription.maximumProperties) are allowed")
        }
        var properties: [PropertyInfo] = []
        for property in element.properties {
            let info = try check(property, label)
            guard !properties.contains(where: { $0.name == info.name }) else {
                throw Fault("\(label) declares property \"\(info.name)\" twice")
            }
            properties.append(info)
        }
        let info = ElementInfo(
            factory: factory, longName: longName, klass: klass, description: summary,
            author: element.author ?? "unknown",
            padTemplates: [
                PadTemplate(name: "sink", direction: .sink, caps: sink),
                PadTemplate(name: "src", direction: .src, caps: src),
            ], properties: properties, role: .transform)
        return PluginElementSpec(info: info, processesInPlace: element.flags & knownFlags != 0, index: index)
    }

    private static func caps(_ text: String?, _ side: String, _ label: String) throws(Fault) -> Caps {
        guard let text else { throw Fault("\(label) has no \(side) caps") }
        do {
            let caps = try Caps(parsing: text)
            guard !caps.structures.isEmpty || caps.isAny else {
                throw Fault("\(label): \(side) caps \"\(text)\" are empty")
            }
            return caps
        } catch let error as Fault {
            throw error
        } catch {
            throw Fault("\(label): \(side) caps \"\(text)\" do not parse: \(error)")
        }
    }

    private static func check(_ property: PluginDescription.Property, _ label: String) throws(Fault) -> PropertyInfo {
        guard let name = property.name else { throw Fault("\(label) has a property without a name") }
        guard isValidName(name) else {
            throw Fault(
                "\(label): property name \"\(name)\" is not valid (a lower-case letter, then lower-case "
                    + "letters, digits and '-', at most \(maximumNameLength) bytes)")
        }
        let what = "\(label): property \"\(name)\""
        let blurb = property.blurb ?? ""
        switch Int(property.type) {
        case PX_PLUGIN_PROPERTY_BOOL:
            guard property.boolDefault == 0 || property.boolDefault == 1 else {
                throw Fault("\(what) has default \(property.boolDefault); a boolean is 0 or 1")
            }
            return PropertyInfo(name: name, type: .bool, blurb: blurb, defaultValue: .bool(property.boolDefault == 1))
        case PX_PLUGIN_PROPERTY_INT:
            let (low, high, value) = property.intRange
            guard low <= high else { throw Fault("\(what) has an empty range \(low)...\(high)") }
            guard (low...high).contains(value) else {
                throw Fault("\(what) has default \(value) outside its range \(low)...\(high)")
            }
            return PropertyInfo(name: name, type: .int(low...high), blurb: blurb, defaultValue: .int(value))
        case PX_PLUGIN_PROPERTY_UINT:
            let (low, high, value) = property.uintRange
            guard low <= high else { throw Fault("\(what) has an empty range \(low)...\(high)") }
            guard (low...high).contains(value) else {
                throw Fault("\(what) has default \(value) outside its range \(low)...\(high)")
            }
            return PropertyInfo(name: name, type: .uint(low...high), blurb: blurb, defaultValue: .uint(value))
        case PX_PLUGIN_PROPERTY_DOUBLE:
            let (low, high, value) = property.doubleRange
            guard low.isFinite, high.isFinite, value.isFinite else {
                throw Fault("\(what) has a bound that is not finite")
            }
            guard low <= high else { throw Fault("\(what) has an empty range \(low)...\(high)") }
            guard (low...high).contains(value) else {
                throw Fault("\(what) has default \(value) outside its range \(low)...\(high)")
            }
            return PropertyInfo(name: name, type: .double(low...high), blurb: blurb, defaultValue: .double(value))
        case PX_PLUGIN_PROPERTY_STRING:
            return PropertyInfo(name: name, type: .string, blurb: blurb, defaultValue: .string(property.stringDefault))
        default:
            throw Fault("\(what) has unknown type \(property.type)")
        }
    }

    /// `[a-z][a-z0-9-]*`, at most `maximumNameLength` bytes.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength, first >= 0x61, first <= 0x7a else {
            return false
        }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d }
    }
}
