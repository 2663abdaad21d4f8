import Dispatch

/// Work started on another thread, whose outcome the starting thread collects when it needs it.
///
/// Used twice: `Store.update` validates the new snapshot while it writes the difference (nothing
/// commits before the validation's outcome is in), and `AnswerPipeline` answers imports while the
/// store writes earlier answers.
///
/// `@unchecked Sendable`: `outcome` is written once, before `done` is signalled, and read only after
/// waiting on `done`, so the semaphore orders every access.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    /// Replaced by the work's own outcome before `done` is signalled.
    private var outcome: Result<Value, any Error> = .failure(CancellationError())
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    init(on queue: DispatchQueue = .global(qos: .userInitiated), _ work: @escaping @Sendable () throws -> Value) {
        queue.async {
            self.outcome = Result { try work() }
            self.done.signal()
        }
    }

    /// Waits for the work to finish; returns its value or rethrows what it threw.
    func wait() throws -> Value {
        if !waited {
            done.wait()
            waited = true
        }
        return try outcome.get()
    }

    deinit {
        // The work must not outlive whatever asked for it.
        if !waited { done.wait() }
    }
}
