/// Standard output as a text stream, written in 64 KiB chunks: a streamed command prints as it goes
/// (the first lines at once, memory flat) without a write call per line. Call `flush()` when done.
struct StandardOutput: TextOutputStream {
    private var buffer = ""

    mutating func write(_ string: String) {
        buffer += string
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(buffer, to: 1)
        buffer.removeAll(keepingCapacity: true)
    }
}
