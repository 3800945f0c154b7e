/// The output slots the supervisor lent to one hosted element and that it has not sent back yet, by arena id
/// and slot (not by storage: holding the storage would make the element's buffer shared, and writing to it
/// would copy it out of the slot). Kept by the session across calls: an element may fill a slot over several.
///
/// Thread: the host's only thread.
final class HostLentSlots {
    var slots: [(arena: UInt32, slot: Int)] = []
}
