import Parallax

/// One property of a generated element: launch-string name, type with range, default and blurb.
///
/// ```swift
/// let property = try PropertySpec(parsing: "adjustment:int=0[-255...255]", elementType: "Brightness")
/// property.swiftName      // adjustment
/// property.type           // .int(-255...255)
/// property.defaultValue   // .int(0)
/// ```
/// The text form is `name:type=default[range]`; `=default` and `[range]` may be left out (the default is then
/// 0 in range, false, "" or the first enum case). Types: `int`, `uint`, `double`, `bool`, `string`,
/// `enum(a|b|c)`. Errors name the field, as `properties.adjustment.default`. Plain data.
public struct PropertySpec: Sendable, Hashable {
    /// The launch-string name (kebab-case: `adjust-level`).
    public var name: String
    /// The type and allowed range.
    public var type: PropertyType
    /// The value of a fresh element.
    public var defaultValue: PropertyValue
    /// The one-line description `--inspect` shows.
    public var blurb: String
    /// Whether the range was left out (the type's full range is rendered symbolically).
    var hasDefaultRange: Bool

    /// The Swift stored property's name (`adjustLevel`).
    public var swiftName: String { SwiftName.lowerCamel(name) }

    /// The property described by `text` (`name:type=default[range]`) of an element whose Swift type is
    /// `elementType` (it names an enum type); `index` is its place among the properties, for errors.
    public init(parsing text: String, elementType: String, index: Int = 0) throws(SpecError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw SpecError(
                field: "properties[\(index)]", "\"\(text)\" is not a property (expected name:type=default[range])")
        }
        var rest = Substring(text[text.index(after: colon)...])
        var rangeText: String?
        if rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            rangeText = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            rest = rest[..<open]
        }
        var defaultText: String?
        if let equals = rest.firstIndex(of: "=") {
            defaultText = String(rest[rest.index(after: equals)...])
            rest = rest[..<equals]
        }
        try self.init(
            name: String(text[..<colon]), typeText: String(rest), defaultText: defaultText, rangeText: rangeText,
            blurb: nil, elementType: elementType, index: index)
    }

    /// The property from its parts (the YAML mapping form); nil parts take their defaults.
    public init(
        name: String, typeText: String, defaultText: String?, rangeText: String?, blurb: String?,
        elementType: String, index: Int = 0
    ) throws(SpecError) {
        guard Self.isPropertyName(name) else {
            throw SpecError(
                field: "properties[\(index)].name",
                "\"\(name)\" is not a property name (lowercase letters, digits and dashes, starting with a letter)")
        }
        let field = "properties.\(name)"
        self.name = name
        self.blurb = blurb ?? name
        let typeText = typeText.trimmingSpaces
        let range = rangeText.map { $0.trimmingSpaces }
        hasDefaultRange = range == nil
        switch typeText {
        case "int":
            let bounds = try range.map { text throws(SpecError) in
                try Self.bounds(text, field: field, parse: Int64.init)
            }
            type = .int(bounds ?? Int64(Int32.min)...Int64(Int32.max))
        case "uint":
            let bounds = try range.map { text throws(SpecError) in
                try Self.bounds(text, field: field, parse: UInt64.init)
            }
            type = .uint(bounds ?? 0...UInt64(UInt32.max))
        case "double":
            let bounds = try range.map { text throws(SpecError) in
                try Self.bounds(text, field: field) { Double($0).flatMap { $0.isFinite ? $0 : nil } }
            }
            type = .double(bounds ?? -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        case "bool", "string":
            if range != nil { throw SpecError(field: "\(field).range", "a \(typeText) property has no range") }
            type = typeText == "bool" ? .bool : .string
        default:
            guard typeText.hasPrefix("enum("), typeText.hasSuffix(")") else {
                throw SpecError(
                    field: "\(field).type",
                    "\"\(typeText)\" is not a property type (expected int, uint, double, bool, string or enum(a|b|…))")
            }
            if range != nil { throw SpecError(field: "\(field).range", "an enum property has no range") }
            let nicks = typeText.dropFirst(5).dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces }
            if let bad = nicks.first(where: { !Self.isNick($0) }) {
                throw SpecError(
                    field: "\(field).type", "case \"\(bad)\" is not a nick (lowercase letters, digits and dashes)")
            }
            if Set(nicks).count != nicks.count { throw SpecError(field: "\(field).type", "enum cases repeat") }
            type = .enumeration(
                typeName: elementType + SwiftName.upperCamel(name),
                cases: nicks.enumerated().map { .init(value: $0.offset, nick: $0.element, blurb: $0.element) })
        }
        guard let defaultText else {
            defaultValue = Self.implicitDefault(of: type)
            return
        }
        switch type.parse(defaultText) {
        case .success(let value): defaultValue = value
        case .failure: throw SpecError(field: "\(field).default", "\"\(defaultText)\" is not \(type.expectation)")
        }
    }

    /// `low...high` with `low <= high`, each parsed by `parse`.
    static func bounds<Bound: Comparable>(
        _ text: String, field: String, parse: (String) -> Bound?
    ) throws(SpecError) -> ClosedRange<Bound> {
        let parts = text.split(separator: "...", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard parts.count == 2, let low = parse(parts[0]), let high = parse(parts[1]), low <= high else {
            throw SpecError(
                field: "\(field).range", "\"[\(text)]\" is not a range (expected [low...high], low <= high)")
        }
        return low...high
    }

    /// 0 (or the bound nearest it), false, "" or the first case.
    static func implicitDefault(of type: PropertyType) -> PropertyValue {
        switch type {
        case .bool: .bool(false)
        case .int(let r): .int(Swift.min(Swift.max(0, r.lowerBound), r.upperBound))
        case .uint(let r): .uint(r.lowerBound)
        case .double(let r): .double(Swift.min(Swift.max(0, r.lowerBound), r.upperBound))
        case .string: .string("")
        case .enumeration(_, let cases): .enumeration(cases.first?.nick ?? "")
        case .fraction(let r): .fraction(r.lowerBound)
        case .caps: .caps(.any)
        }
    }

    /// Lowercase letters, digits and dashes, at least one (`horizontal-flip`, `90r`).
    static func isNick(_ nick: String) -> Bool {
        !nick.isEmpty && nick.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }
    }

    /// Lowercase letters, digits and dashes, starting with a letter (`adjust-level`).
    static func isPropertyName(_ name: String) -> Bool {
        guard let first = name.first, first.isLowercase, first.isASCII else { return false }
        return name.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
