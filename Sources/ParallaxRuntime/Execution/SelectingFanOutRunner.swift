import ParallaxCore
import Synchronization

/// Hands each buffer to one branch of a `BranchSelecting` element (output-selector); events go to every branch,
/// so the inactive ones see the stream start and end. The active branch can change while the pipeline plays
/// (`select(_:)`); the next buffer goes to the new one.
/// Thread: the streaming thread of the segment; `select` from the control thread.
final class SelectingFanOutRunner: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread + atomic
    let branches: [NodeRunner]
    /// The linked src pads' names, in branch order.
    let pads: [String]
    private let active: Atomic<Int>

    init(name: String, branches: [NodeRunner], pads: [String], active: Int, context: ExecutionContext) {
        self.branches = branches
        self.pads = pads
        self.active = Atomic(active)
        super.init(name: name, context: context)
    }

    /// Sends the next buffers to branch `index`.
    func select(_ index: Int) {
        precondition(branches.indices.contains(index), "no branch \(index)")
        active.store(index, ordering: .releasing)
    }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        branches[active.load(ordering: .acquiring)].push(buffer)
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        FlowReturn.combine(branches.map { $0.pushEvent(event) })
    }
}
