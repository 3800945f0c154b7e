import Yams

extension ElementSpec.Draft {
    /// The fields a YAML spec may have.
    static let yamlFields = ["name", "kind", "input", "output", "properties", "type", "description", "class", "target"]

    /// A draft read from a YAML spec. Properties are `name:type=default[range]` strings or mappings with
    /// `name`, `type`, `default`, `range` and `description`:
    ///
    /// ```yaml
    /// name: brightness
    /// kind: transform
    /// input: video/x-raw,format=RGBA
    /// description: Brightens or darkens RGBA video
    /// properties:
    ///   - adjustment:int=0[-255...255]
    ///   - name: gain
    ///     type: double
    ///     default: 1.0
    ///     range: 0...4
    ///     description: Multiplies R, G and B
    /// ```
    /// Throws `SpecError` naming the field (`properties[1].type: missing`) for YAML that is not such a spec.
    public init(yaml: String) throws(SpecError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SpecError(field: nil, "the spec is not YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw SpecError(field: nil, "the spec must be a YAML mapping") }
        self.init()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            guard Self.yamlFields.contains(key) else {
                throw SpecError(field: key, "not a spec field (known: \(Self.yamlFields.joined(separator: ", ")))")
            }
            if key == "properties" {
                properties = try Self.properties(value)
                continue
            }
            guard let text = value.scalar?.string else { throw SpecError(field: key, "must be a single value") }
            switch key {
            case "name": name = text
            case "kind": kind = text
            case "input": input = text
            case "output": output = text
            case "type": typeName = text
            case "description": description = text
            case "class": klass = text
            default: target = text
            }
        }
    }

    static func properties(_ node: Node) throws(SpecError) -> [ElementSpec.PropertyEntry] {
        guard let sequence = node.sequence else {
            throw SpecError(field: "properties", "must be a list")
        }
        var entries: [ElementSpec.PropertyEntry] = []
        for (index, item) in sequence.enumerated() {
            if let text = item.scalar?.string {
                entries.append(.text(text))
                continue
            }
            guard let mapping = item.mapping else {
                throw SpecError(field: "properties[\(index)]", "must be name:type=default[range] or a mapping")
            }
            var fields: [String: String] = [:]
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? "?"
                guard ["name", "type", "default", "range", "description"].contains(key) else {
                    throw SpecError(
                        field: "properties[\(index)].\(key)",
                        "not a property field (known: name, type, default, range, description)")
                }
                guard let text = value.scalar?.string else {
                    throw SpecError(field: "properties[\(index)].\(key)", "must be a single value")
                }
                fields[key] = text
            }
            guard let name = fields["name"] else { throw SpecError(field: "properties[\(index)].name", "missing") }
            guard let type = fields["type"] else { throw SpecError(field: "properties[\(index)].type", "missing") }
            entries.append(
                .parts(
                    ElementSpec.PropertyParts(
                        name: name, type: type, defaultValue: fields["default"],
                        range: fields["range"].map {
                            $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0
                        },
                        blurb: fields["description"])))
        }
        return entries
    }
}
