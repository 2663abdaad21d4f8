/// What ``ManifestDirectory/write(_:pruningOnly:)`` did, as relative paths, each list sorted.
public struct ManifestWriteSummary: Hashable, Sendable {
    /// Files created or replaced.
    public var written: [String] = []
    /// Files that already held exactly the wanted bytes, left untouched.
    public var unchanged: [String] = []
    /// Files crosslink wrote before and no longer wants, deleted.
    public var removed: [String] = []
    /// Files crosslink wrote before and no longer wants but someone has changed since: left in
    /// place and forgotten, since they are no longer crosslink's to delete.
    public var abandoned: [String] = []

    /// A summary with the given lists.
    public init(written: [String] = [], unchanged: [String] = [], removed: [String] = [], abandoned: [String] = []) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
        self.abandoned = abandoned
    }
}
