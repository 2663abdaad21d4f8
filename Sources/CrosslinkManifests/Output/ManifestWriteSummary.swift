/// What ``ManifestDirectory/write(_:pruningOnly:)`` did, as relative paths, each list sorted.
package struct ManifestWriteSummary: Hashable, Sendable {
    /// Files created or replaced.
    package var written: [String] = []
    /// The files of `written` that replaced an older version crosslink wrote (the others are new).
    package var changed: [String] = []
    /// Files that already held exactly the wanted bytes, left untouched.
    package var unchanged: [String] = []
    /// Files crosslink wrote before and no longer wants, deleted.
    package var removed: [String] = []
    /// Files crosslink wrote before and no longer wants but someone has changed since: left in
    /// place and forgotten, since they are no longer crosslink's to delete.
    package var abandoned: [String] = []

    /// A summary with the given lists.
    package init(written: [String] = [], changed: [String] = [], unchanged: [String] = [], removed: [String] = [], abandoned: [String] = []) {
        self.written = written
        self.changed = changed
        self.unchanged = unchanged
        self.removed = removed
        self.abandoned = abandoned
    }
}
