import Foundation

/// Runs `body` on a new operating-system thread (not the cooperative pool, which a blocking streaming
/// thread must not occupy) and returns its result once it finishes.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
