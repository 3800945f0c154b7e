import ParallaxCore

/// Hands each buffer to one branch of a `BranchSelecting` element (output-selector); events go to every branch,
/// so the inactive ones see the stream start and end.
/// Thread: the streaming thread of the segment.
final class SelectingFanOutRunner: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread
    let branches: [NodeRunner]
    private let active: Int

    init(name: String, branches: [NodeRunner], active: Int, context: ExecutionContext) {
        self.branches = branches
        self.active = active
        super.init(name: name, context: context)
    }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        branches[active].push(buffer)
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        FlowReturn.combine(branches.map { $0.pushEvent(event) })
    }
}
