/// Reads printed as they go (`routes`, `<kind> list`).
extension Store {
    /// Page cache while a scan runs, in KiB.
    private static let scanPageCacheKiB = 2_048

    /// `read`, with SQLite's page cache small while `body` runs: a scan printed as it is read visits
    /// each page once (twice for a table), so the cache kept for big writes would only grow the
    /// process by as much of the file as it reads (64 MiB of a 100 MB route table; docs/benchmarks.md,
    /// "Streaming rows").
    func scan<T>(_ body: (Store) throws -> T) throws -> T {
        try mappingStoreErrors { try connection.execute("PRAGMA cache_size = -\(Self.scanPageCacheKiB)") }
        defer { try? connection.execute("PRAGMA cache_size = -\(Self.pageCacheKiB)") }
        return try read(body)
    }
}
