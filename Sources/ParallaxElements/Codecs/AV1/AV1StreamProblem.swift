/// Why `AV1StreamParser` stopped: what is wrong and at which byte of the stream (counted from 0).
///
/// ```swift
/// AV1StreamProblem.forbiddenBit(at: 12).description   // "the OBU at byte 12 has its forbidden bit set"
/// ```
/// Thread: any (a plain value).
enum AV1StreamProblem: Error, Equatable, CustomStringConvertible {
    case forbiddenBit(at: Int)
    case noSizeField(at: Int)
    case badSize(at: Int)
    case obuTooLarge(at: Int, size: Int, limit: Int)
    case unitTooLarge(at: Int, limit: Int)
    case badDelimiter(at: Int, size: Int)
    case badSequenceHeader(at: Int)
    case splitOBU(at: Int)
    case truncatedOBU(at: Int)
    case truncatedUnit(at: Int)
    case badFrameUnit(at: Int)
    case badOBULength(at: Int)

    /// The problem in words.
    var description: String {
        switch self {
        case .forbiddenBit(let at): "the OBU at byte \(at) has its forbidden bit set (not an AV1 stream?)"
        case .noSizeField(let at): "the OBU at byte \(at) has no size field, which obu-stream requires"
        case .badSize(let at): "the size at byte \(at) is not a valid LEB128 value"
        case .obuTooLarge(let at, let size, let limit):
            "the unit at byte \(at) declares \(size) bytes, more than the \(limit) a temporal unit may hold"
        case .unitTooLarge(let at, let limit): "the temporal unit at byte \(at) grows past \(limit) bytes"
        case .badDelimiter(let at, let size):
            "the temporal delimiter at byte \(at) has a \(size)-byte payload (it must be empty)"
        case .badSequenceHeader(let at): "the sequence header at byte \(at) cannot be read"
        case .splitOBU(let at): "the OBU at byte \(at) does not end with its temporal unit's buffer"
        case .truncatedOBU(let at): "the stream ends inside the OBU at byte \(at)"
        case .truncatedUnit(let at): "the stream ends inside the temporal unit at byte \(at)"
        case .badFrameUnit(let at): "the frame unit at byte \(at) does not fit its temporal unit"
        case .badOBULength(let at): "the OBU at byte \(at) does not fit its frame unit"
        }
    }
}
