import ParallaxElements
import Testing

@Suite struct HexDumpTests {
    @Test func formatsLikeGstUtilDumpMem() {
        // GStreamer's `fakesrc sizetype=fixed sizemax=20 filltype=pattern ! fakesink dump=true`, address removed.
        let bytes: [UInt8] = Array(0..<20)
        let text = bytes.withUnsafeBytes { raw in HexDump.format(raw) }
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).map { stripAddress(String($0)) } == [
            "00000000 (ADDR): 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................",
            "00000010 (ADDR): 10 11 12 13                                      ....            ",
            "",
        ])
    }

    @Test func printableCharactersAreShown() {
        let text = [UInt8]([0x41, 0x7E, 0x7F, 0x20]).withUnsafeBytes { HexDump.format($0) }
        #expect(stripAddress(text)
            == "00000000 (ADDR): 41 7e 7f 20                                      A~.             \n")
    }

    func stripAddress(_ line: String) -> String {
        guard let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") else { return line }
        return String(line[..<open]) + "(ADDR" + String(line[close...])
    }

    @Test func addressesAreTheBytesOwn() {
        let bytes = [UInt8](repeating: 0x20, count: 17)
        bytes.withUnsafeBytes { raw in
            let text = HexDump.format(raw)
            let base = UInt(bitPattern: raw.baseAddress)
            #expect(text.contains("00000000 (0x\(String(base, radix: 16))): "))
            #expect(text.contains("00000010 (0x\(String(base + 16, radix: 16))): 20 "))
        }
    }

    @Test func emptyInputGivesNothing() {
        #expect([UInt8]().withUnsafeBytes { HexDump.format($0) } == "")
    }
}
