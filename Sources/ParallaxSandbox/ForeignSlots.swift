import ParallaxCore

/// Owner of buffer storage that points into arenas the supervisor lends: the host never frees or recycles
/// those slots (the supervisor does), so ending a storage does nothing.
final class ForeignSlots: BufferStorageOwner {
    func recycle(_ storage: consuming BufferStorage) {}
    func storageDidEnd(slot: Int) {}
}
