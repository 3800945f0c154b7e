/// A type that stands for a number, so that each plugin element gets a Swift type of its own at run time.
///
/// The executor opens an element's type generically and reads its static `descriptor` and `padTemplates`;
/// plugin elements are only known once their plugin is validated, so their types are made then, from a
/// slot number in binary: `PluginKeyRoot` is 1, `PluginKeyZero<N>` is 2·N, `PluginKeyOne<N>` is 2·N + 1.
/// `PluginElement<key of slot 5>` is then a type no other slot shares.
///
/// ```swift
/// PluginKeys.type(forSlot: 4).number   // 5 = PluginKeyOne<PluginKeyZero<PluginKeyRoot>>
/// ```
/// Types only; any thread.
protocol PluginKey: Sendable {
    /// The number this type stands for (at least 1).
    static var number: Int { get }
}

/// The number 1: the leading bit.
enum PluginKeyRoot: PluginKey {
    static var number: Int { 1 }
}

/// `Next`'s number followed by a 0 bit.
enum PluginKeyZero<Next: PluginKey>: PluginKey {
    static var number: Int { Next.number * 2 }
}

/// `Next`'s number followed by a 1 bit.
enum PluginKeyOne<Next: PluginKey>: PluginKey {
    static var number: Int { Next.number * 2 + 1 }
}

/// Makes key types from slot numbers.
enum PluginKeys {
    /// The key type of catalog slot `slot` (0-based): the number `slot + 1`.
    static func type(forSlot slot: Int) -> any PluginKey.Type {
        let number = slot + 1
        var type: any PluginKey.Type = PluginKeyRoot.self
        var bit = Int.bitWidth - number.leadingZeroBitCount - 2
        while bit >= 0 {
            type = append(type, one: number >> bit & 1 == 1)
            bit -= 1
        }
        return type
    }

    private static func append<N: PluginKey>(_ key: N.Type, one: Bool) -> any PluginKey.Type {
        one ? PluginKeyOne<N>.self : PluginKeyZero<N>.self
    }
}
