/// A one-input element with request src pads that sends each buffer to one of its branches, not to all of them
/// as a tee does: `output-selector`.
///
/// The executor asks, when the pipeline starts and again whenever a property changes while it plays, which branch
/// is active (`activeBranch(among:)`, given the linked src pads' names in pad order) and hands every buffer to
/// that branch alone; the other branches get the stream's events (so they end), no buffers.
/// Thread: the control thread.
public protocol BranchSelecting: Transform {
    /// The index into `pads` (`src_0`, `src_1`, … in pad order) of the branch that gets the buffers. Throws when
    /// the element names a pad that is not linked.
    func activeBranch(among pads: [String]) throws(ElementError) -> Int
}
