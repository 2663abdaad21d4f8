import Dispatch

/// Runs a throwing check on another thread while the caller goes on, and hands back its outcome.
///
/// `Store.update` validates the new snapshot this way while it writes the difference: both only
/// read the snapshot, the write stays inside the transaction, and nothing commits before the check
/// has passed, so a refused change still leaves the database untouched.
///
/// `@unchecked Sendable`: `failure` is written once, before `done` is signalled, and read only
/// after waiting on `done`, so the semaphore orders every access.
final class BackgroundCheck: @unchecked Sendable {
    private var failure: (any Error)?
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    init(_ check: @escaping @Sendable () throws -> Void) {
        DispatchQueue.global(qos: .userInitiated).async {
            do { try check() } catch { self.failure = error }
            self.done.signal()
        }
    }

    /// Waits for the check; rethrows what it threw. Call once.
    func wait() throws {
        if !waited {
            done.wait()
            waited = true
        }
        if let failure { throw failure }
    }

    deinit {
        // The check must not outlive the update that asked for it.
        if !waited { done.wait() }
    }
}
