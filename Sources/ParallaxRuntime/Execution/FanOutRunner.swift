import ParallaxCore

/// Hands one buffer to several branches (after a tee) without copying: each branch gets a reference.
///
/// Branches run one after another on the same streaming thread; put a `queue` at the head of a branch
/// to give it its own thread. A branch that returned EOS is skipped from then on.
final class FanOutRunner: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread
    let branches: [NodeRunner]
    private let done: StreamingState<[Bool]>

    init(name: String, branches: [NodeRunner], context: ExecutionContext) {
        self.branches = branches
        self.done = StreamingState(Array(repeating: false, count: branches.count))
        super.init(name: name, context: context)
    }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        var result = FlowReturn.eos
        var allDone = true
        for index in branches.indices where !done.pointer.pointee[index] {
            let r = branches[index].push(copy buffer)
            if r == .eos { done.pointer.pointee[index] = true } else { allDone = false }
            if r == .error || r == .flushing { result = r } else if r == .ok && result == .eos { result = .ok }
        }
        buffer.release()
        return allDone ? .eos : result
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        FlowReturn.combine(branches.map { $0.pushEvent(event) })
    }
}
