#if canImport(Glibc)
    import Glibc
#endif

/// Repeats a measurement and keeps the median, as every figure of the benchmark does.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

/// Seconds taken by `body`.
func time(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    let (whole, fraction) = elapsed.components
    return Double(whole) + Double(fraction) / 1e18
}

/// Peak resident set size of this process so far, in MiB (Linux: VmHWM).
func peakResidentMiB() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            let digits = text.filter(\.isNumber)
            return (Double(digits) ?? 0) / 1024
        }
    }
    return 0
}

/// A scratch directory under /tmp, removed at exit by the caller.
func scratchDirectory() -> String {
    var template = Array("/tmp/crosslink-bench-XXXXXX".utf8CString)
    guard let result = mkdtemp(&template) else { return "/tmp" }
    return String(cString: result)
}

func removeTree(_ path: String) {
    _ = path.withCString { system("rm -rf '\(String(cString: $0))'") }
}
