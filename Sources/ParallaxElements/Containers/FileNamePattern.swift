import ParallaxCore

/// A printf-style file name pattern with at most one integer conversion, as multifilesink and multifilesrc
/// take in `location`: `frame-%05d.png` with 7 gives `frame-00007.png`.
///
/// Accepted conversions: `%d`, `%i`, `%u`, `%x`, `%X`, `%o`, with an optional `0` flag and width (`%05d`), an
/// optional `l`/`ll`/`z` length, and `%%` for a percent sign. Anything else is refused when the element starts,
/// rather than handed to `sprintf`. Thread: any (a value).
struct FileNamePattern: Sendable {
    private let prefix: String
    private let suffix: String
    private let conversion: (zeroPad: Bool, width: Int, radix: Int, uppercase: Bool)?

    /// Parses `pattern`; `element` names the element in errors.
    init(_ pattern: String, element: String) throws(ElementError) {
        var prefix = "", suffix = ""
        var conversion: (zeroPad: Bool, width: Int, radix: Int, uppercase: Bool)?
        var characters = Array(pattern)[...]
        func bad(_ why: String) -> ElementError {
            ElementError("\(element): the location pattern \"\(pattern)\" \(why)")
        }
        while let c = characters.popFirst() {
            guard c == "%" else {
                if conversion == nil { prefix.append(c) } else { suffix.append(c) }
                continue
            }
            if characters.first == "%" {
                characters.removeFirst()
                if conversion == nil { prefix.append("%") } else { suffix.append("%") }
                continue
            }
            guard conversion == nil else { throw bad("has more than one conversion") }
            var zeroPad = false, width = 0
            if characters.first == "0" {
                zeroPad = true
                characters.removeFirst()
            }
            while let digit = characters.first?.wholeNumberValue, characters.first!.isASCII {
                width = width * 10 + digit
                characters.removeFirst()
                guard width <= 64 else { throw bad("has a field width above 64") }
            }
            while let l = characters.first, l == "l" || l == "z" || l == "h" { characters.removeFirst() }
            switch characters.popFirst() {
            case "d", "i", "u": conversion = (zeroPad, width, 10, false)
            case "x": conversion = (zeroPad, width, 16, false)
            case "X": conversion = (zeroPad, width, 16, true)
            case "o": conversion = (zeroPad, width, 8, false)
            default: throw bad("has a conversion other than an integer one (%d, %i, %u, %x, %X, %o)")
            }
        }
        self.prefix = prefix
        self.suffix = suffix
        self.conversion = conversion
    }

    /// The file name for `index`.
    func name(_ index: Int) -> String {
        guard let conversion else { return prefix }
        var digits = String(index, radix: conversion.radix, uppercase: conversion.uppercase)
        if digits.count < conversion.width {
            let pad = String(repeating: conversion.zeroPad ? "0" : " ", count: conversion.width - digits.count)
            digits = index < 0 && conversion.zeroPad ? "-" + pad + digits.dropFirst() : pad + digits
        }
        return prefix + digits + suffix
    }
}
